import { createRequire } from 'node:module'
import { CalendarDayKind } from './working-days.js'

const require = createRequire(import.meta.url)

/** One day as the chinese-days package gives it. */
export type PackageDay = { day: string; kind: CalendarDayKind; name: string }

type ChineseDaysData = {
  holidays: Record<string, string>
  workdays: Record<string, string>
}

/** The name this package's source column carries; stored in rows, never change it. */
export const PACKAGE_SOURCE = 'chinese-days'

let cached: { version: string; days: PackageDay[]; years: number[] } | undefined

// Values look like "Spring Festival,春节,4": English name, Chinese name, festival number.
function chineseName(value: string): string {
  return value.split(',')[1]?.trim() || value
}

/**
 * Every named day of the installed chinese-days package: holidays (weekends inside a holiday period too, so the
 * year view shows the whole 春节 period) and make-up workdays (调休上班), with the years the package covers.
 */
export function readPackageCalendar(): { version: string; days: PackageDay[]; years: number[] } {
  if (cached) return cached
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData
  const { version } = require('chinese-days/package.json') as { version: string }
  const days: PackageDay[] = []
  for (const [day, value] of Object.entries(data.holidays))
    days.push({ day, kind: CalendarDayKind.holiday, name: chineseName(value) })
  for (const [day, value] of Object.entries(data.workdays))
    days.push({ day, kind: CalendarDayKind.workday, name: chineseName(value) })
  days.sort((a, b) => a.day.localeCompare(b.day))
  const years = [...new Set(days.map((entry) => Number(entry.day.slice(0, 4))))].sort((a, b) => a - b)
  cached = { version, days, years }
  return cached
}
