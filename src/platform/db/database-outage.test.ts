import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestApp, type TestApp } from '../../test-support/test-app.js'
import type { Db } from './db.js'
import { DatabaseUnavailableError } from './pg-errors.js'
import { openPostgresDb } from './postgres-db.js'
import { createTestPostgresUrl, testEngine } from './test-db.js'

/**
 * A TCP proxy in front of the shared PostgreSQL: `cut` drops every connection and turns new ones away (as a server
 * restart does, or a cut the network reports); `freeze` silently stops forwarding in both directions, on open
 * connections and new ones (a cable pulled somewhere in between); `restore` lets new connections through again. The
 * shared cluster itself is never stopped.
 */
async function startCuttableProxy(
  target: URL,
): Promise<{ url: string; cut: () => void; freeze: () => void; restore: () => void; close: () => Promise<void> }> {
  const sockets = new Set<Socket>()
  let isCut = false
  let isFrozen = false
  const server: Server = createServer((downstream) => {
    if (isCut) {
      downstream.destroy()
      return
    }
    if (isFrozen) {
      // Accepted by the kernel, never answered.
      sockets.add(downstream)
      downstream.on('error', () => undefined)
      downstream.pause()
      return
    }
    const upstream = tcpConnect(Number(target.port || 5432), target.hostname)
    for (const socket of [downstream, upstream]) {
      sockets.add(socket)
      socket.on('error', () => undefined)
      socket.on('close', () => {
        sockets.delete(socket)
        downstream.destroy()
        upstream.destroy()
      })
    }
    downstream.pipe(upstream)
    upstream.pipe(downstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const proxied = new URL(target)
  proxied.host = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  return {
    url: proxied.toString(),
    cut() {
      isCut = true
      for (const socket of sockets) socket.destroy()
    },
    freeze() {
      isFrozen = true
      for (const socket of sockets) {
        socket.unpipe()
        socket.pause()
      }
    },
    restore() {
      isCut = false
      isFrozen = false
      // What a frozen connection held is stale; the client has given up on it by now.
      for (const socket of sockets) if (socket.isPaused()) socket.destroy()
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Whether PostgreSQL is reachable is a property of a server and a network, which the embedded engine has neither of.
describe.skipIf(testEngine() !== 'postgres')('PostgreSQL goes away and comes back', () => {
  let database: { url: string; drop: () => Promise<void> }
  let proxy: Awaited<ReturnType<typeof startCuttableProxy>>
  let db: Db
  let tongban: TestApp
  const jobRuns: number[] = []

  beforeAll(async () => {
    database = await createTestPostgresUrl()
    proxy = await startCuttableProxy(new URL(database.url))
    db = await openPostgresDb(proxy.url, 5, {
      connectTimeoutMs: 2000,
      queryTimeoutMs: 3000,
      onWarning: () => undefined,
    })
    tongban = await startTestApp({ db, env: { TONGBAN_LOGIN_RATE_LIMIT: '10000' } })
    tongban.services.jobs.register('test.after-outage', async (job) => void jobRuns.push(job.attempt))
    await tongban.services.jobs.start({ pollIntervalMs: 100 })
  }, 180_000)
  afterAll(async () => {
    proxy?.restore()
    await tongban?.close()
    await db?.close()
    await proxy?.close()
    await database?.drop()
  })

  const login = () =>
    tongban.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { loginName: 'sunxiaomei', password: 'Tongban@2026' },
    })

  async function countSessionsOf(loginName: string): Promise<number> {
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      const { rows } = await client.query<{ count: string }>(
        `SELECT count(*) FROM identity.sessions s JOIN identity.accounts a ON a.id = s.account_id
          WHERE a.login_name = $1`,
        [loginName],
      )
      return Number(rows[0]?.count)
    } finally {
      await client.end()
    }
  }

  test('during a cut requests get 503 DATABASE_UNAVAILABLE within seconds; after it the same requests succeed, no acknowledged write is lost, and a due job runs once', async () => {
    const jobId = await db.transaction((tx) =>
      tongban.services.jobs.schedule(tx, {
        kind: 'test.after-outage',
        payload: {},
        runAt: new Date(Date.now() + 1500),
      }),
    )
    const sessionsBefore = await countSessionsOf('sunxiaomei')
    const statuses: number[] = []
    let isLoadRunning = true
    // Three clients keep logging in (each success writes a session) before, during and after the outage.
    const load = Promise.all(
      [1, 2, 3].map(async () => {
        while (isLoadRunning) {
          const response = await login()
          statuses.push(response.statusCode)
          if (response.statusCode !== 200) await sleep(50)
        }
      }),
    )
    await sleep(500)

    proxy.cut()
    const cutAt = Date.now()
    await sleep(200)
    const health = await tongban.app.inject({ method: 'GET', url: '/api/health' })
    const refused = await login()
    const answeredWithinMs = Date.now() - cutAt
    await sleep(3000)
    const stillRefused = await tongban.app.inject({ method: 'GET', url: '/api/health' })
    const jobRunsDuringCut = jobRuns.length
    proxy.restore()

    let recovered = await tongban.app.inject({ method: 'GET', url: '/api/health' })
    for (let tries = 0; recovered.statusCode !== 200 && tries < 50; tries++) {
      await sleep(200)
      recovered = await tongban.app.inject({ method: 'GET', url: '/api/health' })
    }
    const loginAfter = await login()
    for (let tries = 0; jobRuns.length === 0 && tries < 100; tries++) await sleep(100)
    isLoadRunning = false
    await load
    const { rows } = await db.query<{ state: string }>('SELECT state FROM platform.jobs WHERE id = $1', [jobId])

    expect(health.statusCode).toBe(503)
    expect(health.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE', details: { database: 'down' } })
    expect(refused.statusCode).toBe(503)
    expect(refused.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: '数据库暂时无法连接，请稍后再试' })
    expect(answeredWithinMs).toBeLessThan(5000)
    expect(stillRefused.statusCode).toBe(503)
    expect(recovered.statusCode).toBe(200)
    expect(loginAfter.statusCode).toBe(200)
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0)
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([])
    const acknowledged = statuses.filter((status) => status === 200).length + 1
    expect(await countSessionsOf('sunxiaomei')).toBe(sessionsBefore + acknowledged)
    expect(jobRunsDuringCut).toBe(0)
    expect(jobRuns).toEqual([1])
    expect(rows[0]?.state).toBe('done')
  }, 120_000)

  test('connections ended by pg_terminate_backend are replaced, and LISTEN hears NOTIFY again', async () => {
    const heard: string[] = []
    const unlisten = await db.listen('tongban_outage_test', (payload) => void heard.push(payload))
    const admin = new pg.Client({ connectionString: database.url })
    await admin.connect()

    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    )
    let health = await tongban.app.inject({ method: 'GET', url: '/api/health' })
    for (let tries = 0; health.statusCode !== 200 && tries < 50; tries++) {
      await sleep(100)
      health = await tongban.app.inject({ method: 'GET', url: '/api/health' })
    }
    let isHeard = false
    for (let tries = 0; !isHeard && tries < 50; tries++) {
      await admin.query(`SELECT pg_notify('tongban_outage_test', 'after')`)
      await sleep(200)
      isHeard = heard.includes('after')
    }
    await admin.end()
    await unlisten()

    expect(health.statusCode).toBe(200)
    expect((await login()).statusCode).toBe(200)
    expect(isHeard).toBe(true)
  }, 60_000)

  test('a transaction whose connection goes silent during COMMIT fails as an unknown outcome, never as a success', async () => {
    const attempt = db.transaction(async (tx) => {
      await tx.query('SELECT 1')
      // Everything the transaction did has reached the server; only COMMIT is left to send.
      proxy.freeze()
    })

    const failure = await attempt.then(
      () => undefined,
      (error: unknown) => error,
    )
    proxy.restore()
    // The other idle connections the freeze caught are closed by the restore; let the pool notice.
    await sleep(200)

    expect(failure).toBeInstanceOf(DatabaseUnavailableError)
    expect((failure as DatabaseUnavailableError).isCommitOutcomeUnknown).toBe(true)
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
  }, 60_000)

  test('when the network silently drops everything, requests get 503 after the query timeout, not a hang', async () => {
    await login()

    proxy.freeze()
    const frozenAt = Date.now()
    const [health, refused] = await Promise.all([tongban.app.inject({ method: 'GET', url: '/api/health' }), login()])
    const answeredWithinMs = Date.now() - frozenAt
    proxy.restore()
    let recovered = await tongban.app.inject({ method: 'GET', url: '/api/health' })
    for (let tries = 0; recovered.statusCode !== 200 && tries < 50; tries++) {
      await sleep(200)
      recovered = await tongban.app.inject({ method: 'GET', url: '/api/health' })
    }

    expect(health.statusCode).toBe(503)
    expect(refused.statusCode).toBe(503)
    expect(refused.json().code).toBe('DATABASE_UNAVAILABLE')
    // The test pool waits 3 s for a statement plus 2 s of grace (10 s + 2 s by default).
    expect(answeredWithinMs).toBeLessThan(8000)
    expect(recovered.statusCode).toBe(200)
    expect((await login()).statusCode).toBe(200)
  }, 60_000)
})
