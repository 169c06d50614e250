import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp, type TongbanApp } from '../app.js'
import { DEMO_STAFF } from '../demo/demo-organization.js'
import { seedDemoCatalog, seedDemoData } from '../demo/index.js'
import { generateTotpCode } from '../modules/identity/index.js'
import { loadConfig } from '../platform/config/index.js'
import type { Db } from '../platform/db/index.js'
import { createTestDb } from '../platform/db/test-db.js'
import type { Clock } from '../platform/jobs/index.js'

export type TestApp = TongbanApp & { db: Db; dataDir: string; close: () => Promise<void> }

/** A real Tongban on a fresh database of the run's engine, with the demo county seeded unless told otherwise. */
export async function startTestApp(
  options: {
    seed?: boolean
    seedCatalog?: boolean
    env?: Record<string, string>
    db?: Db
    masterKey?: Buffer
    clock?: Clock
  } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDb())
  // Files (audit anchors, reports) go to a data directory of the test's own.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-test-data-'))
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TONGBAN_DEMO: 'true',
    TONGBAN_DATA_DIR: dataDir,
    ...options.env,
  })
  const built = await buildApp({
    config,
    db,
    masterKey: options.masterKey ?? randomBytes(32),
    webDistDir: '/nonexistent-web-dist',
    ...(options.clock ? { clock: options.clock } : {}),
  })
  if (options.seed !== false) {
    await built.services.identity.ensureDivisions()
    await seedDemoData({ db, identity: built.services.identity, audit: built.services.audit })
    // The demo catalog takes a second or two to seed, so only tests that read it ask for it.
    if (options.seedCatalog) await seedDemoCatalog({ catalog: built.services.catalog })
  }
  await built.app.ready()
  return {
    ...built,
    db,
    dataDir,
    async close() {
      await built.app.close()
      if (!options.db) await db.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A logged-in browser-like client: keeps the session cookie and sends the CSRF token on state changes. */
export type Session = {
  cookie: string
  csrfToken: string
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>
}

// A TOTP code is accepted once per 30 s window, so a test reuses one session per administrator and app.
const administratorSessions = new WeakMap<TestApp, Map<string, Session>>()

/** Logs in like a person at the login page; the demo administrators also type their current TOTP code. */
export async function loginAs(app: TestApp, loginName: string, password = 'Tongban@2026'): Promise<Session> {
  const totpSecret = DEMO_STAFF.find((staff) => staff.loginName === loginName)?.totpSecret
  const cached = totpSecret ? administratorSessions.get(app)?.get(loginName) : undefined
  if (cached && (await cached.request({ method: 'GET', url: '/api/auth/me' })).statusCode === 200) return cached
  const attempt = () =>
    app.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: totpSecret ? { loginName, password, totpCode: generateTotpCode(totpSecret) } : { loginName, password },
    })
  let response = await attempt()
  if (totpSecret && response.json().code === 'AUTH_TOTP_INVALID') {
    // This window's code was spent by an earlier login in the test: the next window brings a new one.
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 100))
    response = await attempt()
  }
  if (response.statusCode !== 200)
    throw new Error(`login as ${loginName} failed: ${response.statusCode} ${response.body}`)
  const setCookie = response.cookies.find((cookie) => cookie.name === 'tongban_session')
  const cookie = `tongban_session=${setCookie?.value}`
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken
  const session: Session = {
    cookie,
    csrfToken,
    request: (options) =>
      app.app.inject({
        ...options,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(options.headers ?? {}) },
      }),
  }
  if (totpSecret) {
    const sessions = administratorSessions.get(app) ?? new Map<string, Session>()
    sessions.set(loginName, session)
    administratorSessions.set(app, sessions)
  }
  return session
}
