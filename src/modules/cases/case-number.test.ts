import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '../../platform/db/index.js'
import { openPostgresDb } from '../../platform/db/postgres-db.js'
import { createTestDb, createTestPostgresUrl, testEngine } from '../../platform/db/test-db.js'
import { allocateCaseNumber, buildCaseNumber, buildShanghaiDay } from './case-number.js'

const NOW = new Date('2026-12-08T01:30:00Z')

describe('case numbers', () => {
  test('a number is the division, the day in China and a six-digit sequence', () => {
    expect(buildCaseNumber('320581', '2026-12-08', 123)).toBe('320581-20261208-000123')
    // 23:30 UTC is already the next morning in China.
    expect(buildShanghaiDay(new Date('2026-12-07T23:30:00Z'))).toBe('2026-12-08')
  })

  describe('allocated concurrently', () => {
    let db: Db
    beforeAll(async () => {
      db = await createTestDb()
    })
    afterAll(async () => {
      await db?.close()
    })

    test('sixty allocations at once are unique and gap-free for the day; a rolled-back one gives its number back', async () => {
      const numbers = await Promise.all(
        Array.from({ length: 60 }, () => db.transaction((tx) => allocateCaseNumber(tx, '320581', NOW))),
      )
      await db
        .transaction(async (tx) => {
          await allocateCaseNumber(tx, '320581', NOW)
          throw new Error('the case could not be saved')
        })
        .catch(() => undefined)
      const next = await db.transaction((tx) => allocateCaseNumber(tx, '320581', NOW))
      const otherCounty = await db.transaction((tx) => allocateCaseNumber(tx, '320582', NOW))

      const sequences = numbers.map((number) => Number(number.slice(-6))).sort((a, b) => a - b)
      expect(sequences).toEqual(Array.from({ length: 60 }, (_, index) => index + 1))
      expect(next).toBe('320581-20261208-000061')
      expect(otherCounty).toBe('320582-20261208-000001')
    })
  })

  // Two server processes are two connection pools on one PostgreSQL database.
  describe.skipIf(testEngine() !== 'postgres')('allocated by two servers at once', () => {
    let pools: Db[] = []
    let drop: () => Promise<void>
    beforeAll(async () => {
      const database = await createTestPostgresUrl()
      drop = database.drop
      pools = [await openPostgresDb(database.url, 5), await openPostgresDb(database.url, 5)]
    })
    afterAll(async () => {
      for (const pool of pools) await pool.close()
      await drop?.()
    })

    test('two hundred numbers from two pools are unique and gap-free', async () => {
      const numbers = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          (pools[index % 2] as Db).transaction((tx) => allocateCaseNumber(tx, '320581', NOW)),
        ),
      )

      const sequences = numbers.map((number) => Number(number.slice(-6))).sort((a, b) => a - b)
      expect(sequences).toEqual(Array.from({ length: 200 }, (_, index) => index + 1))
    })
  })
})
