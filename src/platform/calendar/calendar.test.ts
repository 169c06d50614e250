import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '../db/index.js'
import { openPostgresDb } from '../db/postgres-db.js'
import { createTestDb, createTestPostgresUrl, testEngine } from '../db/test-db.js'
import {
  createWorkingDayCalendar,
  overrideCalendarDay,
  removeCalendarOverride,
  setCalendarYearPublished,
  syncCalendarFromPackage,
  type WorkingDayCalendar,
} from './index.js'

// The second source: the State Council's notices, as published (国务院办公厅关于2025年部分节假日安排的通知,
// 国务院办公厅关于2026年部分节假日安排的通知), typed in from the text, not from the package.
const STATE_COUNCIL_ARRANGEMENTS = {
  2025: {
    holidays: [
      ['元旦', '2025-01-01', '2025-01-01'],
      ['春节', '2025-01-28', '2025-02-04'],
      ['清明节', '2025-04-04', '2025-04-06'],
      ['劳动节', '2025-05-01', '2025-05-05'],
      ['端午节', '2025-05-31', '2025-06-02'],
      ['国庆节、中秋节', '2025-10-01', '2025-10-08'],
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ['元旦', '2026-01-01', '2026-01-03'],
      ['春节', '2026-02-15', '2026-02-23'],
      ['清明节', '2026-04-04', '2026-04-06'],
      ['劳动节', '2026-05-01', '2026-05-05'],
      ['端午节', '2026-06-19', '2026-06-21'],
      ['中秋节', '2026-09-25', '2026-09-27'],
      ['国庆节', '2026-10-01', '2026-10-07'],
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
} as const

function listDaysOf(year: number): string[] {
  const days: string[] = []
  for (let at = Date.UTC(year, 0, 1); at < Date.UTC(year + 1, 0, 1); at += 86_400_000)
    days.push(new Date(at).toISOString().slice(0, 10))
  return days
}

/** Whether the State Council's notice makes `day` a working day. */
function isOfficialWorkingDay(day: string): boolean {
  const arrangement = STATE_COUNCIL_ARRANGEMENTS[Number(day.slice(0, 4)) as 2025 | 2026]
  if ((arrangement.workdays as readonly string[]).includes(day)) return true
  if (arrangement.holidays.some(([, from, to]) => day >= from && day <= to)) return false
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

let db: Db
let calendar: WorkingDayCalendar
beforeAll(async () => {
  db = await createTestDb()
  calendar = await createWorkingDayCalendar(db)
})
afterAll(async () => {
  await calendar.close()
  await db.close()
})

describe('the calendar seeded from the chinese-days package', () => {
  test('agrees with the State Council notices on every day of 2025 and 2026', () => {
    const disagreements = [...listDaysOf(2025), ...listDaysOf(2026)]
      .filter((day) => calendar.isWorkingDay(day) !== isOfficialWorkingDay(day))
      .map((day) => `${day}: package says ${calendar.isWorkingDay(day) ? 'working' : 'not working'}`)

    expect(disagreements).toEqual([])
  })

  test('the 2025 National Day period: make-up Sundays and Saturdays work, 1–8 October does not', () => {
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true)
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true)
    for (const day of ['01', '02', '03', '04', '05', '06', '07', '08'])
      expect(calendar.isWorkingDay(`2025-10-${day}`)).toBe(false)
    expect(calendar.addWorkingDays('2025-09-26', 5)).toBe('2025-10-10')
  })

  test('the 2026 Spring Festival: 14 and 28 February work, 15–23 February does not', () => {
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true)
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true)
    for (let day = 15; day <= 23; day++) expect(calendar.isWorkingDay(`2026-02-${day}`)).toBe(false)
  })

  test('2027 is refused with a Chinese message until its arrangement is published', () => {
    expect(() => calendar.addWorkingDays('2026-12-28', 5)).toThrow('2027 年的节假日安排尚未发布，无法计算工作日')
  })

  test('syncing again changes nothing', async () => {
    const again = await syncCalendarFromPackage(db)

    expect(again).toMatchObject({ daysWritten: 0, daysRemoved: 0, yearsPublished: 0 })
  })
})

describe('overrides entered by the centre', () => {
  test('an override wins over the package, survives a sync, and removing it restores the package day', async () => {
    // Suppose the package were wrong about Friday 9 October 2026: the centre marks it a holiday.
    await db.transaction((tx) =>
      overrideCalendarDay(tx, { day: '2026-10-09', kind: 'holiday', name: '国庆节', updatedBy: 'test' }),
    )
    await syncCalendarFromPackage(db)
    await calendar.refresh()
    const overridden = calendar.isWorkingDay('2026-10-09')

    await db.transaction((tx) => removeCalendarOverride(tx, '2026-10-09'))
    await calendar.refresh()

    expect(overridden).toBe(false)
    expect(calendar.isWorkingDay('2026-10-09')).toBe(true)
  })

  test('removing an override of a package day brings back the package entry', async () => {
    await db.transaction((tx) =>
      overrideCalendarDay(tx, { day: '2026-10-10', kind: 'holiday', name: '国庆节', updatedBy: 'test' }),
    )
    const outcome = await db.transaction((tx) => removeCalendarOverride(tx, '2026-10-10'))
    await calendar.refresh()

    expect(outcome?.restored).toMatchObject({ kind: 'workday', source: 'chinese-days' })
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true)
  })

  test('once the centre enters 2027 and publishes it, days in 2027 are counted', async () => {
    await db.transaction(async (tx) => {
      await overrideCalendarDay(tx, { day: '2027-01-01', kind: 'holiday', name: '元旦', updatedBy: 'test' })
      await setCalendarYearPublished(tx, { year: 2027, published: true, updatedBy: 'test' })
    })
    await calendar.refresh()

    expect(calendar.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04')
    await db.transaction((tx) => setCalendarYearPublished(tx, { year: 2027, published: false, updatedBy: 'test' }))
    await calendar.refresh()
  })

  test('another process learns of an override without restarting', async () => {
    const { writer, reader, close } = await openTwoHandles()
    const readerCalendar = await createWorkingDayCalendar(reader)
    try {
      await writer.transaction((tx) =>
        overrideCalendarDay(tx, { day: '2026-11-02', kind: 'holiday', name: '测试', updatedBy: 'test' }),
      )

      await expect.poll(() => readerCalendar.isWorkingDay('2026-11-02'), { timeout: 3000 }).toBe(false)
    } finally {
      await writer.transaction((tx) => removeCalendarOverride(tx, '2026-11-02'))
      await readerCalendar.close()
      await close()
    }
  })
})

/** Two processes' database handles on one database: two pools on PostgreSQL; PGlite has one connection. */
async function openTwoHandles(): Promise<{ writer: Db; reader: Db; close: () => Promise<void> }> {
  if (testEngine() === 'pglite') return { writer: db, reader: db, close: async () => undefined }
  const { url, drop } = await createTestPostgresUrl()
  const writer = await openPostgresDb(url, 2)
  const reader = await openPostgresDb(url, 2)
  return {
    writer,
    reader,
    async close() {
      await writer.close()
      await reader.close()
      await drop()
    },
  }
}
