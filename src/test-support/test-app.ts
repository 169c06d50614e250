import { randomBytes } from 'node:crypto'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp, type TongbanApp } from '../app.js'
import { seedDemoData } from '../demo/index.js'
import { loadConfig } from '../platform/config/index.js'
import type { Db } from '../platform/db/index.js'
import { createTestDb } from '../platform/db/test-db.js'

export type TestApp = TongbanApp & { db: Db; close: () => Promise<void> }

/** A real Tongban on a fresh database of the run's engine, with the demo county seeded unless told otherwise. */
export async function startTestApp(
  options: { seed?: boolean; env?: Record<string, string>; db?: Db } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDb())
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TONGBAN_DEMO: 'true', ...options.env })
  const built = await buildApp({ config, db, masterKey: randomBytes(32), webDistDir: '/nonexistent-web-dist' })
  if (options.seed !== false) {
    await built.services.identity.ensureDivisions()
    await seedDemoData({ db, identity: built.services.identity, audit: built.services.audit })
  }
  await built.app.ready()
  return {
    ...built,
    db,
    async close() {
      await built.app.close()
      if (!options.db) await db.close()
    },
  }
}

/** A logged-in browser-like client: keeps the session cookie and sends the CSRF token on state changes. */
export type Session = {
  cookie: string
  csrfToken: string
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>
}

export async function loginAs(app: TestApp, loginName: string, password = 'Tongban@2026'): Promise<Session> {
  const response = await app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { loginName, password } })
  if (response.statusCode !== 200)
    throw new Error(`login as ${loginName} failed: ${response.statusCode} ${response.body}`)
  const setCookie = response.cookies.find((cookie) => cookie.name === 'tongban_session')
  const cookie = `tongban_session=${setCookie?.value}`
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken
  return {
    cookie,
    csrfToken,
    request: (options) =>
      app.app.inject({
        ...options,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(options.headers ?? {}) },
      }),
  }
}
