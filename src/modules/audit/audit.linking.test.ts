import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '../../platform/db/index.js'
import { openPostgresDb } from '../../platform/db/postgres-db.js'
import { createTestPostgresUrl, testEngine } from '../../platform/db/test-db.js'
import { startTestApp, type TestApp } from '../../test-support/test-app.js'

const CONTEXT = { actor: null, clientAddress: '10.0.0.8', requestId: null }

async function countRows(app: TestApp, table: 'records' | 'pending_records'): Promise<number> {
  const { rows } = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit.${table}`)
  return rows[0]?.n ?? 0
}

describe('records join the chain once their change commits', () => {
  let tongban: TestApp
  beforeAll(async () => {
    tongban = await startTestApp({ seed: false })
  })
  afterAll(() => tongban?.close())

  test('when an audited change returns, its record is already in the chain', async () => {
    await tongban.db.transaction((tx) =>
      tongban.services.audit.record(tx, CONTEXT, { action: 'test.linked', target: 'case:1', result: 'success' }),
    )

    const { rows } = await tongban.db.query<{ seq: number }>(
      `SELECT seq FROM audit.records WHERE action = 'test.linked'`,
    )
    expect(rows).toHaveLength(1)
    expect(await countRows(tongban, 'pending_records')).toBe(0)
  })

  test('a record rolled back with its change is never written', async () => {
    const before = await countRows(tongban, 'records')

    await expect(
      tongban.db.transaction(async (tx) => {
        await tongban.services.audit.record(tx, CONTEXT, { action: 'test.undone', result: 'success' })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')

    expect(await countRows(tongban, 'records')).toBe(before)
    expect(await countRows(tongban, 'pending_records')).toBe(0)
  })

  test('a record left unlinked by a process that stopped is linked before anyone reads the trail', async () => {
    // What a crash between COMMIT and linking leaves behind: a committed record outside the chain.
    await tongban.db.query(
      `INSERT INTO audit.pending_records (occurred_at, action, target, result) VALUES (now(), 'test.orphan', 'case:2', 'success')`,
    )

    const page = await tongban.services.audit.listRecords({ action: 'test.orphan', limit: 10, offset: 0 })

    expect(page.records.map((record) => record.target)).toEqual(['case:2'])
    expect(await tongban.services.audit.verifyChain()).toMatchObject({ intact: true, firstBroken: null })
  })
})

// Two server processes are two apps over two connection pools on one PostgreSQL database.
describe.skipIf(testEngine() !== 'postgres')('two servers auditing at once', () => {
  let first: TestApp
  let second: TestApp
  let pools: Db[] = []
  let drop: () => Promise<void>

  beforeAll(async () => {
    const database = await createTestPostgresUrl()
    drop = database.drop
    pools = [await openPostgresDb(database.url, 5), await openPostgresDb(database.url, 5)]
    const masterKey = randomBytes(32)
    first = await startTestApp({ db: pools[0], masterKey, seed: false })
    second = await startTestApp({ db: pools[1], masterKey, seed: false })
  })
  afterAll(async () => {
    await first?.close()
    await second?.close()
    for (const pool of pools) await pool.close()
    await drop?.()
  })

  test('200 audited changes from two servers at once make one unbroken chain without gaps', async () => {
    // The first link pass starts the keyed segment with a record of its own.
    await first.services.audit.linkPendingRecords()
    const before = await countRows(first, 'records')

    await Promise.all(
      Array.from({ length: 200 }, (_, index) => {
        const app = index % 2 === 0 ? first : second
        return app.db.transaction((tx) =>
          app.services.audit.record(tx, CONTEXT, {
            action: 'test.concurrent',
            target: `case:${index}`,
            result: 'success',
          }),
        )
      }),
    )

    const { rows } = await first.db.query<{ n: number; min: number; max: number }>(
      `SELECT count(*)::int AS n, min(seq)::int AS min, max(seq)::int AS max FROM audit.records WHERE seq > $1`,
      [before],
    )
    expect(rows[0]).toEqual({ n: 200, min: before + 1, max: before + 200 })
    expect(await countRows(first, 'pending_records')).toBe(0)
    expect(await second.services.audit.verifyChain()).toMatchObject({ intact: true, firstBroken: null })
  })
})
