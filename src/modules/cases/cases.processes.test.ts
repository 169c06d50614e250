import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { openPostgresDb } from '../../platform/db/postgres-db.js'
import { createTestPostgresUrl, testEngine } from '../../platform/db/test-db.js'
import { findFreePort, type ServerProcess, spawnServer, waitUntilHealthy } from '../../test-support/server-process.js'
import { answerWithFirstOptions, demoItemCode } from './cases.test-support.js'

const ITEM_NAME = '特种设备使用登记'
const RACES = 50
const cleanups: Array<() => Promise<unknown> | unknown> = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const server = spawnServer(env, await findFreePort())
  cleanups.push(() => server.stop())
  await waitUntilHealthy(server)
  return server
}

type Client = (
  method: string,
  route: string,
  body?: unknown,
) => Promise<{ status: number; body: Record<string, unknown> }>

async function logIn(url: string, loginName: string): Promise<Client> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ loginName, password: 'Tongban@2026' }),
  })
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? ''
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  return async (method, route, body) => {
    const answer = await fetch(`${url}${route}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> }
  }
}

describe.skipIf(testEngine() !== 'postgres')('two clerks, two server processes, one case', () => {
  test('50 times out of 50 one acceptance succeeds and the other gets 409; one history entry and one audit record each', async () => {
    const database = await createTestPostgresUrl()
    cleanups.push(database.drop)
    const dataDirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'tongban-cases-')))
    cleanups.push(() => {
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
    })
    const env = (dataDir: string) => ({
      DATABASE_URL: database.url,
      TONGBAN_DATA_DIR: dataDir,
      TONGBAN_MASTER_KEY: 'c'.repeat(64),
      TONGBAN_DEMO: 'true',
    })
    // The first process seeds the demo county; the second finds it there.
    const first = await startServer(env(dataDirs[0] as string))
    const second = await startServer(env(dataDirs[1] as string))
    const citizen = await logIn(first.url, 'sunxiaomei')
    const clerkOnFirst = await logIn(first.url, 'zhangmin')
    const clerkOnSecond = await logIn(second.url, 'xuhui')

    const outcomes: string[] = []
    const caseIds: string[] = []
    for (let race = 0; race < RACES; race++) {
      const draft = await citizen('POST', '/api/cases', {
        itemCode: demoItemCode(ITEM_NAME),
        answers: answerWithFirstOptions(ITEM_NAME),
      })
      const id = draft.body.id as string
      await citizen('POST', `/api/cases/${id}/submit`)
      caseIds.push(id)
      const answers = await Promise.all([
        clerkOnFirst('POST', `/api/cases/${id}/accept`),
        clerkOnSecond('POST', `/api/cases/${id}/accept`),
      ])
      outcomes.push(
        answers
          .map((answer) => (answer.status === 200 ? '200' : `${answer.status} ${answer.body.code}`))
          .sort()
          .join(' | '),
      )
    }

    expect(new Set(outcomes)).toEqual(new Set(['200 | 409 CASE_STATE_CONFLICT']))
    const db = await openPostgresDb(database.url, 1)
    try {
      const events = await db.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM cases.case_events WHERE action = 'accept' AND case_id = ANY($1::uuid[])",
        [caseIds],
      )
      const audits = await db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM (
           SELECT target, action, result FROM audit.records
           UNION ALL SELECT target, action, result FROM audit.pending_records
         ) r WHERE action = 'cases.accept' AND result = 'success' AND target = ANY($1::text[])`,
        [caseIds.map((id) => `case:${id}`)],
      )
      expect(events.rows[0]?.count).toBe(RACES)
      expect(audits.rows[0]?.count).toBe(RACES)
    } finally {
      await db.close()
    }
  }, 600_000)
})
