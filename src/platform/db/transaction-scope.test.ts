import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from './db.js'
import { createTestDb } from './test-db.js'
import { NestedDbAccessError } from './transaction-scope.js'

// Each of these, on the embedded engine, used to wait forever for the transaction it ran in.
let db: Db
beforeAll(async () => {
  db = await createTestDb()
  await db.exec('CREATE TABLE IF NOT EXISTS scope_test_notes (note text NOT NULL)')
})
afterAll(() => db.close())

async function countNotes(note: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM scope_test_notes WHERE note = $1',
    [note],
  )
  return rows[0]?.count ?? 0
}

describe('code inside a transaction cannot reach the database itself', () => {
  test('a query on db inside a transaction throws at once, and the transaction rolls back', async () => {
    const attempt = db.transaction(async (tx) => {
      await tx.query('INSERT INTO scope_test_notes (note) VALUES ($1)', ['nested-query'])
      await db.query('SELECT 1')
    })

    await expect(attempt).rejects.toThrow(NestedDbAccessError)
    await expect(attempt).rejects.toThrow(/use the transaction's tx/)
    expect(await countNotes('nested-query')).toBe(0)
  })

  test('a transaction opened inside a transaction, even a few calls deep, throws', async () => {
    const helperThatOpensItsOwn = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      return db.transaction((inner) => inner.query('SELECT 1'))
    }

    await expect(db.transaction(() => helperThatOpensItsOwn())).rejects.toThrow(NestedDbAccessError)
    await expect(db.transaction(() => db.exec('SELECT 1'))).rejects.toThrow(NestedDbAccessError)
  })

  test('after-commit callbacks and work that outlives the transaction may use the database', async () => {
    let later: Promise<unknown> | undefined
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO scope_test_notes (note) VALUES ($1)', ['committed'])
      tx.afterCommit(async () => {
        await db.query('INSERT INTO scope_test_notes (note) VALUES ($1)', ['after-commit'])
      })
      // Started inside, runs after the transaction ended.
      later = new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
        db.transaction((next) => next.query('INSERT INTO scope_test_notes (note) VALUES ($1)', ['outlived'])),
      )
    })
    await later

    expect(await countNotes('committed')).toBe(1)
    expect(await countNotes('after-commit')).toBe(1)
    expect(await countNotes('outlived')).toBe(1)
  })

  test('inside a transaction of one database, another database can still be used', async () => {
    const other = await createTestDb()
    try {
      const answer = await db.transaction(async () => (await other.query<{ one: number }>('SELECT 1 AS one')).rows[0])

      expect(answer).toEqual({ one: 1 })
    } finally {
      await other.close()
    }
  })
})
