import { calendarErrors } from './calendar-errors.js'
import { DAY_MS, firstDayOfYear, formatDay, parseDay, SHANGHAI_OFFSET_MS, weekdayOf, yearOfDay } from './days.js'

export const CalendarDayKind = { workday: 'workday', holiday: 'holiday' } as const
export type CalendarDayKind = (typeof CalendarDayKind)[keyof typeof CalendarDayKind]

/** A day whose status is set explicitly; every other day of a published year follows Monday–Friday. */
export type CalendarException = { day: string; kind: CalendarDayKind }

/** Days when the clock stands still (补正, 特别程序), both ends included. */
export type PauseInterval = { from: string; to: string }
export type WorkingDayOptions = { pauses?: readonly PauseInterval[] }

/** The synchronous calculations over one loaded calendar. */
export interface WorkingDays {
  /** True when `day` (YYYY-MM-DD) is a working day; throws CALENDAR_INVALID_DAY, CALENDAR_YEAR_NOT_PUBLISHED. */
  isWorkingDay(day: string): boolean
  /**
   * The day `n` working days after `start` (start itself not counted; n = 0 gives `start`, a negative n counts
   * backwards), skipping working days inside pauses. Throws CALENDAR_INVALID_DAY, CALENDAR_INVALID_COUNT,
   * CALENDAR_INVALID_PAUSE, CALENDAR_YEAR_NOT_PUBLISHED (for the start's year and every year walked through).
   */
  addWorkingDays(start: string, n: number, options?: WorkingDayOptions): string
  /**
   * Working days in (from, to] not inside a pause; negative when `to` is before `from`. Throws the same codes as
   * addWorkingDays.
   */
  countWorkingDays(from: string, to: string, options?: WorkingDayOptions): number
  /**
   * The instant `n` working days after `start`, at the same Asia/Shanghai time of day. A start on a non-working
   * day is first moved to 00:00 of the next working day (the clock starts when work starts), so a task arriving
   * on Saturday with 1 working day is due at Tuesday 00:00, the end of Monday.
   * Throws CALENDAR_INVALID_INSTANT, CALENDAR_INVALID_COUNT, CALENDAR_YEAR_NOT_PUBLISHED.
   */
  addWorkingDaysToInstant(start: Date, n: number): Date
  /**
   * Working days in (from's day, to's day], days taken in Asia/Shanghai: how far a clock that stood still from `from`
   * to `to` (补正) moves its deadline. Throws CALENDAR_INVALID_INSTANT, CALENDAR_YEAR_NOT_PUBLISHED.
   */
  countWorkingDaysBetweenInstants(from: Date, to: Date): number
  /** The published years, ascending. */
  listPublishedYears(): number[]
}

const WORKING = 1
const NOT_WORKING = 0
const UNPUBLISHED = -1

/**
 * Builds the in-memory calendar: one byte per day from 1 January of the first published year to 31 December of
 * the last, so every lookup is an array index.
 */
export function buildWorkingDays(
  exceptions: readonly CalendarException[],
  publishedYears: readonly number[],
): WorkingDays {
  const years = [...new Set(publishedYears)].sort((a, b) => a - b)
  const firstYear = years[0] ?? 0
  const lastYear = years[years.length - 1] ?? -1
  const first = years.length > 0 ? firstDayOfYear(firstYear) : 0
  const status = new Int8Array(years.length > 0 ? firstDayOfYear(lastYear + 1) - first : 0).fill(UNPUBLISHED)
  for (const year of years) {
    const end = firstDayOfYear(year + 1)
    for (let day = firstDayOfYear(year); day < end; day++) {
      const weekday = weekdayOf(day)
      // 调休: a Saturday can be a working day, so the weekday only gives the default.
      status[day - first] = weekday === 0 || weekday === 6 ? NOT_WORKING : WORKING
    }
  }
  for (const exception of exceptions) {
    const index = parseDay(exception.day) - first
    if (index < 0 || index >= status.length || status[index] === UNPUBLISHED) continue
    status[index] = exception.kind === CalendarDayKind.workday ? WORKING : NOT_WORKING
  }

  /** The status of a day, throwing when its year is not published. */
  function statusOf(dayNumber: number): number {
    const index = dayNumber - first
    const value = index >= 0 && index < status.length ? (status[index] as number) : UNPUBLISHED
    if (value === UNPUBLISHED) throw calendarErrors.yearNotPublished(yearOfDay(dayNumber))
    return value
  }

  function checkCount(n: number): void {
    if (!Number.isSafeInteger(n)) throw calendarErrors.invalidCount(n)
  }

  // Pauses become a flat [from, to, from, to, …] list of day numbers, built only when a caller passes pauses.
  function toPauseBounds(options: WorkingDayOptions | undefined): number[] | undefined {
    const pauses = options?.pauses
    if (!pauses || pauses.length === 0) return undefined
    const bounds: number[] = []
    for (const pause of pauses) {
      const from = parseDay(pause.from)
      const to = parseDay(pause.to)
      if (from > to) throw calendarErrors.invalidPause(pause.from, pause.to)
      bounds.push(from, to)
    }
    return bounds
  }

  function isPaused(dayNumber: number, bounds: number[] | undefined): boolean {
    if (!bounds) return false
    for (let i = 0; i < bounds.length; i += 2) {
      if (dayNumber >= (bounds[i] as number) && dayNumber <= (bounds[i + 1] as number)) return true
    }
    return false
  }

  function walk(start: number, n: number, bounds: number[] | undefined): number {
    statusOf(start)
    const step = n > 0 ? 1 : -1
    let remaining = Math.abs(n)
    let day = start
    while (remaining > 0) {
      day += step
      if (statusOf(day) === WORKING && !isPaused(day, bounds)) remaining--
    }
    return day
  }

  function count(from: number, to: number, bounds: number[] | undefined): number {
    statusOf(from)
    let total = 0
    for (let day = from + 1; day <= to; day++) {
      if (statusOf(day) === WORKING && !isPaused(day, bounds)) total++
    }
    return total
  }

  return {
    isWorkingDay(day) {
      return statusOf(parseDay(day)) === WORKING
    },
    addWorkingDays(start, n, options) {
      const startDay = parseDay(start)
      checkCount(n)
      const bounds = toPauseBounds(options)
      const end = walk(startDay, n, bounds)
      return end === startDay ? start : formatDay(end)
    },
    countWorkingDays(from, to, options) {
      const fromDay = parseDay(from)
      const toDay = parseDay(to)
      const bounds = toPauseBounds(options)
      return toDay >= fromDay ? count(fromDay, toDay, bounds) : -count(toDay, fromDay, bounds)
    },
    addWorkingDaysToInstant(start, n) {
      const local = start instanceof Date ? start.getTime() + SHANGHAI_OFFSET_MS : Number.NaN
      if (!Number.isFinite(local)) throw calendarErrors.invalidInstant()
      checkCount(n)
      const day = Math.floor(local / DAY_MS)
      if (statusOf(day) === WORKING) {
        return new Date(walk(day, n, undefined) * DAY_MS + (local - day * DAY_MS) - SHANGHAI_OFFSET_MS)
      }
      let clockStart = day + 1
      while (statusOf(clockStart) !== WORKING) clockStart++
      return new Date(walk(clockStart, n, undefined) * DAY_MS - SHANGHAI_OFFSET_MS)
    },
    countWorkingDaysBetweenInstants(from, to) {
      const dayOf = (instant: Date) => {
        const local = instant instanceof Date ? instant.getTime() + SHANGHAI_OFFSET_MS : Number.NaN
        if (!Number.isFinite(local)) throw calendarErrors.invalidInstant()
        return Math.floor(local / DAY_MS)
      }
      const fromDay = dayOf(from)
      const toDay = dayOf(to)
      return toDay >= fromDay ? count(fromDay, toDay, undefined) : -count(toDay, fromDay, undefined)
    },
    listPublishedYears() {
      return [...years]
    },
  }
}
