// Calendar days as integers (days since 1970-01-01), so walking the calendar allocates nothing.
import { calendarErrors } from './calendar-errors.js'

export const DAY_MS = 86_400_000
/** China has kept UTC+8 all year since 1991 (no daylight saving), so Asia/Shanghai is a fixed offset. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const ZERO = 48

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function digit(text: string, index: number): number {
  const value = text.charCodeAt(index) - ZERO
  return value >= 0 && value <= 9 ? value : -1
}

function number4(text: string): number {
  const a = digit(text, 0)
  const b = digit(text, 1)
  const c = digit(text, 2)
  const d = digit(text, 3)
  return a < 0 || b < 0 || c < 0 || d < 0 ? -1 : a * 1000 + b * 100 + c * 10 + d
}

/** The day number of a `YYYY-MM-DD` string; throws CALENDAR_INVALID_DAY for anything else (e.g. 2025-02-30). */
export function parseDay(text: string): number {
  if (typeof text !== 'string' || text.length !== 10 || text[4] !== '-' || text[7] !== '-')
    throw calendarErrors.invalidDay(text)
  const year = number4(text)
  const month = digit(text, 5) * 10 + digit(text, 6)
  const day = digit(text, 8) * 10 + digit(text, 9)
  if (year < 1000 || month < 1 || month > 12 || day < 1 || digit(text, 6) < 0 || digit(text, 9) < 0)
    throw calendarErrors.invalidDay(text)
  const monthLength = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number)
  if (day > monthLength) throw calendarErrors.invalidDay(text)
  return Date.UTC(year, month - 1, day) / DAY_MS
}

/** The year of a day number. */
export function yearOfDay(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCFullYear()
}

/** The day number of 1 January of `year`. */
export function firstDayOfYear(year: number): number {
  return Date.UTC(year, 0, 1) / DAY_MS
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7
}

/** The `YYYY-MM-DD` string of a day number. */
export function formatDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10)
}
