import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/platform/config/index.js'
import { migrate } from '../src/platform/db/index.js'
import { FAST_3G, measurePageLoad } from '../src/web/test-support/page-load.js'
import webConfig from '../vite.config.js'
import { openBenchDb } from './bench-db.js'
import { type BenchRow, summarize } from './harness.js'

const LOADS = 7
const CHROMIUM_PATH = process.env.TONGBAN_CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Builds the web app into a new temporary directory; `singleBundle` rebuilds it the way it was before ADR 0019. */
async function buildWeb(singleBundle: boolean): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), singleBundle ? 'tongban-web-single-' : 'tongban-web-split-'))
  const plugins = (webConfig.plugins ?? []).flat()
  await build({
    ...webConfig,
    configFile: false,
    logLevel: 'silent',
    // The old build had one file and no pre-compressed copies: the server sent the plain bundle.
    plugins: singleBundle ? plugins.filter((plugin) => !isPrecompress(plugin)) : plugins,
    build: {
      ...webConfig.build,
      outDir,
      emptyOutDir: true,
      ...(singleBundle ? { rolldownOptions: { output: { codeSplitting: false } } } : {}),
    },
  })
  return outDir
}

function isPrecompress(plugin: unknown): boolean {
  return typeof plugin === 'object' && plugin !== null && 'name' in plugin && plugin.name === 'tongban:precompress'
}

function listFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
}

const kb = (bytes: number) => bytes / 1024

/** Size of a pre-compressed copy; the build writes none for files under a kilobyte. */
function compressedSize(file: string): number {
  return existsSync(file) ? statSync(file).size : 0
}

/**
 * The portal home's first visit over emulated Fast 3G (1.6 Mbps down, 750 kbps up, 150 ms RTT, no CPU slowdown):
 * the route-split, brotli-compressed build against the single uncompressed bundle served before (same server,
 * same run), plus the largest chunk of the split build by name.
 */
export async function benchWebDelivery(): Promise<BenchRow[]> {
  const splitDir = await buildWeb(false)
  const singleDir = await buildWeb(true)
  const { db, cleanup } = await openBenchDb('pglite', 'tongban_bench_web')
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' })
  await migrate(db)
  const masterKey = randomBytes(32)
  const split = await buildApp({ config, db, masterKey, webDistDir: splitDir })
  const single = await buildApp({ config, db, masterKey, webDistDir: singleDir })
  const splitUrl = await split.app.listen({ host: '127.0.0.1', port: 0 })
  const singleUrl = await single.app.listen({ host: '127.0.0.1', port: 0 })
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] })
  try {
    const load = async (url: string, acceptEncoding?: string) => {
      const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
      const page = await context.newPage()
      const result = await measurePageLoad(page, `${url}/`, acceptEncoding ? { acceptEncoding } : {})
      await context.close()
      return result
    }
    const ours = []
    const before = []
    // Alternate the two so a burst of load on the machine hits both alike.
    for (let i = 0; i < LOADS; i++) {
      ours.push(await load(splitUrl))
      before.push(await load(singleUrl))
    }
    const uncompressed = await load(splitUrl, 'identity')
    const oursBytes = kb(ours[0]?.scriptBytes ?? 0)
    const beforeBytes = kb(before[0]?.scriptBytes ?? 0)
    const uncompressedBytes = kb(uncompressed.scriptBytes)
    const oursFcp = summarize(ours.map((result) => result.firstContentfulPaintMs))
    const beforeFcp = summarize(before.map((result) => result.firstContentfulPaintMs))
    const oursLcp = summarize(ours.map((result) => result.largestContentfulPaintMs))
    const beforeLcp = summarize(before.map((result) => result.largestContentfulPaintMs))

    // The entry chunk is the portal's first load (rows above); the route chunks are what pages fetch when opened.
    const entry = readFileSync(path.join(splitDir, 'index.html'), 'utf8').match(/src="\/assets\/([^"]+\.js)"/)?.[1]
    const chunks = listFiles(path.join(splitDir, 'assets'))
      .filter((file) => file.endsWith('.js') && path.basename(file) !== entry)
      .map((file) => ({ name: path.basename(file), bytes: statSync(file).size, br: compressedSize(`${file}.br`) }))
      .sort((a, b) => b.bytes - a.bytes)
    const largest = chunks[0]
    const scripts = ours[0]?.scripts.length ?? 0
    const network = `Fast 3G ${((FAST_3G.downloadThroughput * 8) / 1024 / 1024).toFixed(1)} Mbps/${FAST_3G.latency} ms`

    const rows: BenchRow[] = [
      {
        name: `portal home: JavaScript transferred, first visit (${scripts} ${scripts === 1 ? 'file' : 'files'}, brotli, route-split)`,
        baseline: 'single bundle, uncompressed (before ADR 0019)',
        medianMs: oursBytes,
        p95Ms: oursBytes,
        baselineMedianMs: beforeBytes,
        baselineP95Ms: beforeBytes,
        unit: 'KB',
      },
      {
        name: 'portal home: JavaScript transferred, brotli',
        baseline: 'the same route-split files sent uncompressed (Accept-Encoding: identity)',
        medianMs: oursBytes,
        p95Ms: oursBytes,
        baselineMedianMs: uncompressedBytes,
        baselineP95Ms: uncompressedBytes,
        unit: 'KB',
      },
      {
        name: `portal home: first contentful paint (placeholder in index.html), ${network} (${LOADS} loads)`,
        baseline: 'single bundle, uncompressed, same network',
        ...oursFcp,
        baselineMedianMs: beforeFcp.medianMs,
        baselineP95Ms: beforeFcp.p95Ms,
      },
      {
        name: `portal home: largest contentful paint (the rendered page), ${network} (${LOADS} loads)`,
        baseline: 'single bundle, uncompressed, same network',
        ...oursLcp,
        baselineMedianMs: beforeLcp.medianMs,
        baselineP95Ms: beforeLcp.p95Ms,
      },
    ]
    if (largest) {
      rows.push({
        name: `largest route chunk: ${largest.name} (brotli)`,
        baseline: 'the same chunk uncompressed',
        medianMs: kb(largest.br),
        p95Ms: kb(largest.br),
        baselineMedianMs: kb(largest.bytes),
        baselineP95Ms: kb(largest.bytes),
        unit: 'KB',
      })
    }
    return rows
  } finally {
    await browser.close()
    await split.app.close()
    await single.app.close()
    await db.close()
    await cleanup()
    rmSync(splitDir, { recursive: true, force: true })
    rmSync(singleDir, { recursive: true, force: true })
  }
}
