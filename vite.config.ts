import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { brotliCompress, gzip, constants as zlibConstants } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url))

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|eot|ttf|wasm)$/
// Below about a kilobyte the headers outweigh the saving.
const MIN_BYTES = 1024

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}

/**
 * Writes `file.br` and `file.gz` beside each text asset once, at build time, at the highest levels (ADR 0019): the
 * server then sends them as they are (@fastify/static `preCompressed`) and spends no CPU per request. index.html is
 * left alone: it is tiny, and a stale index.html.br from an older build must never be served instead of it.
 */
function precompress(): Plugin {
  return {
    name: 'tongban:precompress',
    apply: 'build',
    async writeBundle(options) {
      if (!options.dir) return
      const files = (await listFiles(options.dir)).filter(
        (file) => COMPRESSIBLE.test(file) && path.basename(file) !== 'index.html',
      )
      await Promise.all(
        files.map(async (file) => {
          if ((await stat(file)).size < MIN_BYTES) return
          const content = await readFile(file)
          const [br, gz] = await Promise.all([
            brotli(content, {
              params: {
                [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
            gzipAsync(content, { level: zlibConstants.Z_BEST_COMPRESSION }),
          ])
          if (br.length < content.length) await writeFile(`${file}.br`, br)
          if (gz.length < content.length) await writeFile(`${file}.gz`, gz)
        }),
      )
    },
  }
}

// The server runs on an offline intranet under a strict CSP: everything is bundled, nothing inline, no CDN.
export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // Browsers we support all implement modulepreload; the polyfill is not needed.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // Pages load as separate chunks (src/web/lazy-page.tsx); the portal's first load has a budget of 250 KB of
    // compressed JavaScript, asserted by src/web/delivery.browser.test.ts. Only the process designer (bpmn-js) is big.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What the entry imports statically (react, the router, the antd parts of the portal shell and home) goes
          // in one file instead of a score of small shared chunks: each file costs a request and ~1 KB of headers.
          groups: [{ name: 'app', tags: ['$initial'] }],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
})
