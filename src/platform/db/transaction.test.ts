import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from './db.js'
import { openPostgresDb } from './postgres-db.js'
import { createTestDb, createTestPostgresUrl, testEngine } from './test-db.js'

// Statements a transaction has run before go out as one message with BEGIN and their neighbours: what comes back
// must be exactly what the statements one by one would have given.

const ODD_VALUES = [
  "O'Brien \\ 反斜杠 \\x41 '' ;-- DROP TABLE t",
  ['5b1f1c2e-4a7d-4c2b-9a51-0c1d2e3f4a5b', '0f1e2d3c-4b5a-4968-8776-655443322110'],
  { name: '张三', note: 'a "quoted" \\ value', list: [1, null, true] },
  Buffer.from([0, 1, 2, 254, 255]),
  new Date('2026-10-01T08:30:00.123Z'),
  null,
  true,
  12345678901234,
] as const

const ROUND_TRIP = `SELECT $1::text AS text, $2::uuid[] AS ids, $3::jsonb AS doc, $4::bytea AS bytes,
  $5::timestamptz AS at, $6::text AS nothing, $7::boolean AS flag, $8::bigint AS big`

describe('transactions send their statements together', () => {
  let db: Db
  beforeAll(async () => {
    db = await createTestDb()
    await db.exec('CREATE TABLE tx_probe (id int PRIMARY KEY, value text NOT NULL)')
  })
  afterAll(() => db?.close())

  test('quotes, backslashes, arrays, JSON, bytes, dates and nulls come back unchanged the second time too', async () => {
    const results = await db.transaction(async (tx) => {
      const first = await tx.query(ROUND_TRIP, ODD_VALUES)
      const [again, third] = await tx.queryEach([
        { text: ROUND_TRIP, params: ODD_VALUES },
        { text: ROUND_TRIP, params: ODD_VALUES },
      ])
      return [first, again, third]
    })

    for (const result of results) {
      expect(result?.rows[0]).toEqual({
        text: ODD_VALUES[0],
        ids: ODD_VALUES[1],
        doc: ODD_VALUES[2],
        bytes: ODD_VALUES[3],
        at: ODD_VALUES[4],
        nothing: null,
        flag: true,
        big: 12345678901234,
      })
    }
  })

  test('a failing statement in a batch rolls back everything the transaction did', async () => {
    const insert = 'INSERT INTO tx_probe (id, value) VALUES ($1, $2)'
    await db.transaction((tx) => tx.query(insert, [1, 'kept']))

    await expect(
      db.transaction(async (tx) => {
        await tx.query(insert, [2, 'undone'])
        await tx.queryEach([
          { text: insert, params: [3, 'undone too'] },
          { text: insert, params: [1, 'duplicate key'] },
        ])
      }),
    ).rejects.toThrow(/duplicate key/)

    const { rows } = await db.query('SELECT id, value FROM tx_probe ORDER BY id')
    expect(rows).toEqual([{ id: 1, value: 'kept' }])
  })
})

// A lock and the read it guards in one message: the read must start after the lock is granted, or it would see the
// row as it was before the holder committed.
describe.skipIf(testEngine() !== 'postgres')('a lock and a read sent together', () => {
  let holder: Db
  let waiter: Db
  let drop: () => Promise<void>
  const lock = 'SELECT id FROM tx_race WHERE id = $1 FOR UPDATE'
  const read = 'SELECT value FROM tx_race WHERE id = $1'

  beforeAll(async () => {
    const database = await createTestPostgresUrl()
    drop = database.drop
    // One connection each, so the waiter's statements are prepared on the connection the race uses.
    holder = await openPostgresDb(database.url, 1)
    waiter = await openPostgresDb(database.url, 1)
    await holder.exec('CREATE TABLE tx_race (id int PRIMARY KEY, value int NOT NULL)')
    await holder.query('INSERT INTO tx_race VALUES (1, 0)')
    await waiter.transaction((tx) =>
      tx.queryEach([
        { text: lock, params: [1] },
        { text: read, params: [1] },
      ]),
    )
  })
  afterAll(async () => {
    await holder?.close()
    await waiter?.close()
    await drop?.()
  })

  test('the read sees what the lock holder committed while the waiter waited', async () => {
    let release: () => void = () => undefined
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    const holding = holder.transaction(async (tx) => {
      await tx.query('UPDATE tx_race SET value = value + 1 WHERE id = $1', [1])
      await released
    })
    await new Promise((resolve) => setTimeout(resolve, 50))

    const waiting = waiter.transaction((tx) =>
      tx.queryEach([
        { text: lock, params: [1] },
        { text: read, params: [1] },
      ]),
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    release()
    await holding
    const [, seen] = await waiting

    expect(seen?.rows).toEqual([{ value: 1 }])
  })
})
