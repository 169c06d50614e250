import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { freshTotpCode } from './totp-codes.js'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const screenshotDir = path.join(rootDir, '.tmp', 'screenshots')

// Never download a browser: tests use the system Chromium (apt-get install chromium).
const CHROMIUM_PATH = process.env.TONGBAN_CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
// The first start migrates a new database and seeds the demo county.
const STARTUP_TIMEOUT_MS = 120_000

export const DESKTOP = { width: 1366, height: 768 } as const
export const PHONE = { width: 375, height: 812 } as const

export type OpenedPage = {
  page: Page
  context: BrowserContext
  /** Console errors and uncaught exceptions seen so far, e.g. a CSP violation. */
  problems: string[]
}

// Every demo account shares this password (src/demo).
export const DEMO_PASSWORD = 'Tongban@2026'

type DemoAccountEntry = { loginName: string; totpSecret: string | null }

export type BrowserHarness = {
  baseUrl: string
  /** The TOTP secret of a demo administrator (周涛 sysadmin, 吴磊 secadmin, 郑丽 auditadmin), or null. */
  demoTotpSecret: (loginName: string) => Promise<string | null>
  /**
   * Logs the context in through the API as a demo account, with a fresh TOTP code for the administrators.
   * With `reuse`, a session this harness opened earlier for the account is used again while it is alive: the
   * administrators' codes are good once per 30 seconds, and a new login ends their other session anyway.
   */
  logIn: (context: BrowserContext, loginName: string, options?: { reuse?: boolean }) => Promise<void>
  /** A fresh browser context (no cookies, no storage) with one page. */
  openPage: (options?: { viewport?: { width: number; height: number }; locale?: string }) => Promise<OpenedPage>
  /** Saves `.tmp/screenshots/<name>.png` (full page) and returns its path. */
  screenshot: (page: Page, name: string) => Promise<string>
  /** What the server printed so far (e.g. the setup token of a production install). */
  serverOutput: () => string
  stop: () => Promise<void>
}

function newestSourceTime(directory: string): number {
  if (!existsSync(directory)) return 0
  let newest = 0
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const entryPath = path.join(directory, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(entryPath))
    else if (!entry.name.includes('.test.')) newest = Math.max(newest, statSync(entryPath).mtimeMs)
  }
  return newest
}

/** Missing, or older than a page's source: a stale build would test yesterday's pages. */
function needsWebBuild(): boolean {
  const indexHtml = path.join(rootDir, 'dist', 'web', 'index.html')
  if (!existsSync(indexHtml)) return true
  const modulesDir = path.join(rootDir, 'src', 'modules')
  const webSources = [
    path.join(rootDir, 'src', 'web'),
    ...readdirSync(modulesDir).map((module) => path.join(modulesDir, module, 'web')),
  ]
  const newest = Math.max(statSync(path.join(rootDir, 'vite.config.ts')).mtimeMs, ...webSources.map(newestSourceTime))
  return newest > statSync(indexHtml).mtimeMs
}

/**
 * Builds into a private directory, then moves the files into dist/web with index.html last (a rename, atomic).
 * Several engineers run browser tests at once: a build emptying dist/web in place would blank the pages another
 * run's server is serving at that moment. Older assets stay a while for pages that loaded the previous index.html.
 */
function buildWebAssetsIfNeeded(): void {
  if (!needsWebBuild()) return
  const distDir = path.join(rootDir, 'dist', 'web')
  const stagingDir = path.join(rootDir, 'dist', `web-build-${process.pid}-${Date.now()}`)
  const viteBin = path.join(rootDir, 'node_modules', 'vite', 'bin', 'vite.js')
  const result = spawnSync(
    process.execPath,
    [viteBin, 'build', '--logLevel', 'warn', '--outDir', stagingDir, '--emptyOutDir'],
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build (a third larger, slower).
    { cwd: rootDir, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  )
  try {
    if (result.status !== 0) throw new Error('vite build failed')
    mkdirSync(distDir, { recursive: true })
    for (const entry of readdirSync(stagingDir)) {
      if (entry !== 'index.html') cpSync(path.join(stagingDir, entry), path.join(distDir, entry), { recursive: true })
    }
    renameSync(path.join(stagingDir, 'index.html'), path.join(distDir, 'index.html'))
    removeOldAssets(path.join(distDir, 'assets'))
  } finally {
    rmSync(stagingDir, { recursive: true, force: true })
  }
}

const OLD_ASSET_MS = 60 * 60 * 1000

function removeOldAssets(assetsDir: string): void {
  if (!existsSync(assetsDir)) return
  for (const entry of readdirSync(assetsDir)) {
    const file = path.join(assetsDir, entry)
    if (Date.now() - statSync(file).mtimeMs > OLD_ASSET_MS) rmSync(file, { force: true })
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`)
    try {
      const response = await fetch(`${baseUrl}/api/health`)
      if (response.status === 200) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  throw new Error(`the server was not healthy after ${STARTUP_TIMEOUT_MS / 1000} s:\n${output()}`)
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.once('exit', () => {
      clearTimeout(forceKill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/**
 * Builds the web app if missing or older than its sources, then starts the real server (demo mode, new data
 * directory) and Chromium; with `production`, a production install instead (no demo data, a setup token printed).
 * Call `stop()` in afterAll: it closes the browser, stops the server with SIGTERM and removes the data.
 */
/** `demoCases`: also seed the demo's case history (off by default: it takes tens of seconds on a loaded machine). */
export async function startBrowserHarness(
  options: { production?: boolean; demoCases?: boolean } = {},
): Promise<BrowserHarness> {
  buildWebAssetsIfNeeded()
  await mkdir(screenshotDir, { recursive: true })
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tongban-browser-'))
  const port = await findFreePort()
  const baseUrl = `http://127.0.0.1:${port}`

  let output = ''
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: rootDir,
    env: {
      ...process.env,
      NODE_ENV: options.production ? 'production' : 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      TONGBAN_DATA_DIR: dataDir,
      TONGBAN_PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
      TONGBAN_DEMO: options.production ? 'false' : 'true',
      TONGBAN_DEMO_CASES: options.demoCases ? 'true' : 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  server.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })

  let browser: Browser | undefined
  const stop = async () => {
    await browser?.close().catch(() => undefined)
    await stopProcess(server)
    await rm(dataDir, { recursive: true, force: true })
  }

  try {
    await waitUntilHealthy(baseUrl, server, () => output)
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  } catch (error) {
    await stop()
    throw error
  }
  const launched = browser

  let demoAccounts: Promise<DemoAccountEntry[]> | undefined
  const demoTotpSecret = async (loginName: string) => {
    demoAccounts ??= fetch(`${baseUrl}/api/demo/accounts`).then((response) => response.json())
    return (await demoAccounts).find((account) => account.loginName === loginName)?.totpSecret ?? null
  }
  type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>
  const sessions = new Map<string, Cookies>()

  return {
    baseUrl,
    demoTotpSecret,
    async logIn(context, loginName, options = {}) {
      const kept = options.reuse ? sessions.get(loginName) : undefined
      if (kept) {
        await context.addCookies(kept)
        if ((await context.request.get('/api/auth/me')).status() === 200) return
        await context.clearCookies()
      }
      const secret = await demoTotpSecret(loginName)
      const totpCode = secret ? await freshTotpCode(secret) : undefined
      const response = await context.request.post('/api/auth/login', {
        data: { loginName, password: DEMO_PASSWORD, ...(totpCode ? { totpCode } : {}) },
      })
      if (response.status() !== 200) {
        throw new Error(`login as ${loginName} answered ${response.status()}: ${await response.text()}`)
      }
      sessions.set(loginName, await context.cookies())
    },
    async openPage(options = {}) {
      const context = await launched.newContext({
        baseURL: baseUrl,
        viewport: options.viewport ?? DESKTOP,
        locale: options.locale ?? 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      })
      const page = await context.newPage()
      const problems: string[] = []
      page.on('console', (message) => {
        // A 401 from /api/auth/me is how a logged-out page learns it; statuses are asserted by the tests themselves.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
          problems.push(message.text())
        }
      })
      page.on('pageerror', (error) => problems.push(error.message))
      return { page, context, problems }
    },
    async screenshot(page, name) {
      const file = path.join(screenshotDir, `${name}.png`)
      // Finish antd's open animations (drawers, menus, modals) so the picture shows the settled page.
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' })
      return file
    },
    serverOutput: () => output,
    stop,
  }
}
