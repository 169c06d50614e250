// Builds the web app once, so `npm start` works on a fresh clone; does nothing when dist/web is already built.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const indexHtml = fileURLToPath(new URL('../dist/web/index.html', import.meta.url))

if (!existsSync(indexHtml)) {
  console.log('dist/web/index.html is missing: building the web app (vite build)…')
  // Spawn the local vite binary through node so it works without npx and on every platform.
  const viteBin = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url))
  // NODE_ENV from the operator's shell (development, test) would make Vite bundle React's development build.
  const result = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) {
    console.error('vite build failed; run `npm run build:web` to see why')
    process.exit(result.status ?? 1)
  }
}
