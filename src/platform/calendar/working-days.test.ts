import { describe, expect, test } from 'vitest'
import { buildWorkingDays } from './working-days.js'

// A small made-up year: 2030 has a three-day holiday Wed 2 Oct – Fri 4 Oct and a make-up Saturday 12 Oct.
const calendar = buildWorkingDays(
  [
    { day: '2030-10-02', kind: 'holiday' },
    { day: '2030-10-03', kind: 'holiday' },
    { day: '2030-10-04', kind: 'holiday' },
    { day: '2030-10-12', kind: 'workday' },
  ],
  [2030],
)

describe('working days', () => {
  test('a weekday holiday is not a working day and a make-up Saturday is', () => {
    expect(calendar.isWorkingDay('2030-10-01')).toBe(true)
    expect(calendar.isWorkingDay('2030-10-02')).toBe(false)
    expect(calendar.isWorkingDay('2030-10-05')).toBe(false)
    expect(calendar.isWorkingDay('2030-10-12')).toBe(true)
  })

  test('adding working days skips the holiday and the weekend, and counts the make-up Saturday', () => {
    expect(calendar.addWorkingDays('2030-10-01', 1)).toBe('2030-10-07')
    expect(calendar.addWorkingDays('2030-10-07', 5)).toBe('2030-10-12')
    expect(calendar.addWorkingDays('2030-10-01', 0)).toBe('2030-10-01')
  })

  test('a negative count walks backwards, so a warning two working days before a deadline lands on a working day', () => {
    expect(calendar.addWorkingDays('2030-10-07', -2)).toBe('2030-09-30')
  })

  test('working days inside a pause (补正) do not count, both ends included', () => {
    const pauses = [{ from: '2030-10-08', to: '2030-10-09' }]

    expect(calendar.addWorkingDays('2030-10-07', 1, { pauses })).toBe('2030-10-10')
    expect(calendar.countWorkingDays('2030-10-07', '2030-10-11', { pauses })).toBe(2)
  })

  test('counting gives the working days after the first date up to and including the second', () => {
    expect(calendar.countWorkingDays('2030-09-30', '2030-10-07')).toBe(2)
    expect(calendar.countWorkingDays('2030-10-07', '2030-09-30')).toBe(-2)
    expect(calendar.countWorkingDays('2030-10-07', '2030-10-07')).toBe(0)
  })

  test('a timer keeps its Beijing time of day across the holiday', () => {
    // Tuesday 1 October 2030, 15:30 in Beijing (07:30 UTC).
    const due = calendar.addWorkingDaysToInstant(new Date('2030-10-01T07:30:00Z'), 2)

    expect(due.toISOString()).toBe('2030-10-08T07:30:00.000Z')
  })

  test('a timer started on a holiday counts from 00:00 of the next working day', () => {
    const due = calendar.addWorkingDaysToInstant(new Date('2030-10-03T02:00:00Z'), 1)

    // The clock starts Monday 7 October 00:00 Beijing time; one working day later is Tuesday 00:00 (Mon 16:00 UTC).
    expect(due.toISOString()).toBe('2030-10-07T16:00:00.000Z')
  })

  test('a clock stopped from Monday afternoon to Thursday morning (Beijing days) moves by the working days between', () => {
    // Mon 30 Sep 2030 15:00 to Mon 7 Oct 09:00 Beijing: Tue 1 Oct and Mon 7 Oct are the working days in between.
    const stopped = new Date('2030-09-30T07:00:00Z')
    const restarted = new Date('2030-10-07T01:00:00Z')

    expect(calendar.countWorkingDaysBetweenInstants(stopped, restarted)).toBe(2)
    // 23:30 UTC on 6 Oct is already Monday 7:30 in Beijing.
    expect(calendar.countWorkingDaysBetweenInstants(stopped, new Date('2030-10-06T23:30:00Z'))).toBe(2)
    expect(calendar.countWorkingDaysBetweenInstants(restarted, restarted)).toBe(0)
  })

  test('a day in a year whose arrangement is not published is refused, never counted Monday to Friday', () => {
    expect(() => calendar.isWorkingDay('2031-01-06')).toThrow('2031 年的节假日安排尚未发布，无法计算工作日')
    expect(() => calendar.addWorkingDays('2030-12-30', 3)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_YEAR_NOT_PUBLISHED' }),
    )
    expect(() => calendar.countWorkingDays('2029-12-31', '2030-01-02')).toThrow(
      expect.objectContaining({ code: 'CALENDAR_YEAR_NOT_PUBLISHED', details: { year: 2029 } }),
    )
  })

  test('malformed dates, fractional counts and reversed pauses are refused with their own codes', () => {
    expect(() => calendar.isWorkingDay('2030-02-30')).toThrow(expect.objectContaining({ code: 'CALENDAR_INVALID_DAY' }))
    expect(() => calendar.isWorkingDay('2030-1-05')).toThrow(expect.objectContaining({ code: 'CALENDAR_INVALID_DAY' }))
    expect(() => calendar.addWorkingDays('2030-10-01', 1.5)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_INVALID_COUNT' }),
    )
    expect(() =>
      calendar.addWorkingDays('2030-10-01', 1, { pauses: [{ from: '2030-10-09', to: '2030-10-08' }] }),
    ).toThrow(expect.objectContaining({ code: 'CALENDAR_INVALID_PAUSE' }))
  })
})
