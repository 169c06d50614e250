import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '../../platform/db/index.js'
import { openPostgresDb } from '../../platform/db/postgres-db.js'
import { createTestPostgresUrl, testEngine } from '../../platform/db/test-db.js'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'
import { answerWithFirstOptions, demoItemCode } from './cases.test-support.js'

// An item of 市场监督管理局 without an online form, so these tests are about the case, not the form.
const ITEM_NAME = '特种设备使用登记'
const ITEM = demoItemCode(ITEM_NAME)
const ITEM_ANSWERS = answerWithFirstOptions(ITEM_NAME)
const RACES = 50

// Two server processes are two apps over two connection pools on one PostgreSQL database.
describe.skipIf(testEngine() !== 'postgres')('two clerks on two servers accept the same case at once', () => {
  let first: TestApp
  let second: TestApp
  let pools: Db[] = []
  let drop: () => Promise<void>
  let citizen: Session
  let clerkOnFirst: Session
  let clerkOnSecond: Session

  beforeAll(async () => {
    const database = await createTestPostgresUrl()
    drop = database.drop
    pools = [await openPostgresDb(database.url, 5), await openPostgresDb(database.url, 5)]
    const masterKey = randomBytes(32)
    first = await startTestApp({ db: pools[0], masterKey, seedCatalog: true })
    second = await startTestApp({ db: pools[1], seed: false, masterKey })
    citizen = await loginAs(first, 'sunxiaomei')
    clerkOnFirst = await loginAs(first, 'zhangmin')
    clerkOnSecond = await loginAs(second, 'xuhui')
  }, 120_000)
  afterAll(async () => {
    await first?.close()
    await second?.close()
    for (const pool of pools) await pool.close()
    await drop?.()
  })

  test('50 times out of 50 one succeeds and the other gets 409; each case has one acceptance in its history and one audit record', async () => {
    const outcomes: string[] = []
    const caseIds: string[] = []
    for (let race = 0; race < RACES; race++) {
      const draft = await citizen.request({
        method: 'POST',
        url: '/api/cases',
        payload: { itemCode: ITEM, answers: ITEM_ANSWERS },
      })
      const id = draft.json().id as string
      await citizen.request({ method: 'POST', url: `/api/cases/${id}/submit` })
      caseIds.push(id)

      const responses = await Promise.all([
        clerkOnFirst.request({ method: 'POST', url: `/api/cases/${id}/accept` }),
        clerkOnSecond.request({ method: 'POST', url: `/api/cases/${id}/accept` }),
      ])
      outcomes.push(
        responses
          .map((response) => (response.statusCode === 200 ? '200' : `${response.statusCode} ${response.json().code}`))
          .sort()
          .join(' | '),
      )
    }

    expect(new Set(outcomes)).toEqual(new Set(['200 | 409 CASE_STATE_CONFLICT']))
    const db = pools[0] as Db
    const events = await db.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM cases.case_events WHERE action = 'accept' AND case_id = ANY($1::uuid[])",
      [caseIds],
    )
    const audits = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM (
         SELECT target, action, result FROM audit.records UNION ALL SELECT target, action, result FROM audit.pending_records
       ) r WHERE action = 'cases.accept' AND result = 'success' AND target = ANY($1::text[])`,
      [caseIds.map((id) => `case:${id}`)],
    )
    expect(events.rows[0]?.count).toBe(RACES)
    expect(audits.rows[0]?.count).toBe(RACES)
  }, 300_000)
})
