import type { Db, Queryable, Transaction } from '../db/index.js'
import {
  CALENDAR_CHANNEL,
  type CalendarDay,
  CalendarSource,
  type CalendarYear,
  deleteDay,
  findDayForUpdate,
  findYear,
  listDays,
  listYears,
  notifyCalendarChanged,
  syncPackageDays,
  syncPackageYears,
  upsertDay,
  upsertYear,
} from './calendar-store.js'
import { parseDay } from './days.js'
import { readPackageCalendar } from './package-source.js'
import { buildWorkingDays, type CalendarDayKind, type WorkingDays } from './working-days.js'

// Any constant works; it only has to be the same in every Tongban process.
const CALENDAR_SYNC_LOCK_KEY = 727_002

/** The working-day calendar held in memory: synchronous calculations, reloaded when any process changes it. */
export interface WorkingDayCalendar extends WorkingDays {
  /** Reloads the calendar from the database (other processes' overrides arrive this way too, via NOTIFY). */
  refresh(): Promise<void>
  /** Stops listening for changes. */
  close(): Promise<void>
}

export type WorkingDayCalendarOptions = {
  /** Reload on NOTIFY tongban_calendar (default true). */
  listen?: boolean
  /** Seed from the chinese-days package when the table was never seeded (default true), or never. */
  seedIfEmpty?: boolean
  /** Where a failed background reload is reported (default: a process warning). */
  onError?: (error: unknown) => void
}

export type CalendarSyncResult = {
  packageVersion: string
  daysWritten: number
  daysRemoved: number
  yearsPublished: number
}

/**
 * Writes the installed chinese-days package's holidays, make-up workdays and years into the calendar tables.
 * Idempotent, and the centre's overrides always win: rows with source 'override' are never touched.
 */
export async function syncCalendarFromPackage(db: Db): Promise<CalendarSyncResult> {
  const { version, days, years } = readPackageCalendar()
  return db.transaction(async (tx) => {
    // Several processes start at once; one writes, the others then find nothing to do.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CALENDAR_SYNC_LOCK_KEY])
    const { written, removed } = await syncPackageDays(tx, days)
    const yearsPublished = await syncPackageYears(tx, years)
    if (written + removed + yearsPublished > 0) await notifyCalendarChanged(tx)
    return { packageVersion: version, daysWritten: written, daysRemoved: removed, yearsPublished }
  })
}

async function loadWorkingDays(db: Queryable): Promise<WorkingDays> {
  const days = await listDays(db)
  const years = await listYears(db)
  return buildWorkingDays(
    days,
    years.filter((year) => year.published).map((year) => year.year),
  )
}

/**
 * Loads the calendar into memory (seeding it from the package on a fresh database) and keeps it current.
 * The calculations throw CalendarError: CALENDAR_YEAR_NOT_PUBLISHED, CALENDAR_INVALID_DAY, CALENDAR_INVALID_COUNT,
 * CALENDAR_INVALID_PAUSE, CALENDAR_INVALID_INSTANT.
 */
export async function createWorkingDayCalendar(
  db: Db,
  options: WorkingDayCalendarOptions = {},
): Promise<WorkingDayCalendar> {
  if (options.seedIfEmpty !== false) {
    const { rows } = await db.query(`SELECT 1 FROM platform.calendar_years WHERE source = 'chinese-days' LIMIT 1`)
    if (rows.length === 0) await syncCalendarFromPackage(db)
  }
  const onError =
    options.onError ??
    ((error: unknown) => process.emitWarning(`working-day calendar reload failed: ${(error as Error).message}`))
  let current = await loadWorkingDays(db)
  let started = 0
  let applied = 0

  async function refresh(): Promise<void> {
    // A slow older reload must not overwrite a newer one.
    const ticket = ++started
    const loaded = await loadWorkingDays(db)
    if (ticket > applied) {
      applied = ticket
      current = loaded
    }
  }

  const unlisten =
    options.listen === false ? undefined : await db.listen(CALENDAR_CHANNEL, () => void refresh().catch(onError))

  return {
    isWorkingDay: (day) => current.isWorkingDay(day),
    addWorkingDays: (start, n, calculation) => current.addWorkingDays(start, n, calculation),
    countWorkingDays: (from, to, calculation) => current.countWorkingDays(from, to, calculation),
    addWorkingDaysToInstant: (start, n) => current.addWorkingDaysToInstant(start, n),
    countWorkingDaysBetweenInstants: (from, to) => current.countWorkingDaysBetweenInstants(from, to),
    listPublishedYears: () => current.listPublishedYears(),
    refresh,
    async close() {
      await unlisten?.()
    },
  }
}

/** Every named day of a year and whether the year is published. Throws CALENDAR_INVALID_DAY for a bad year. */
export async function getCalendarYear(
  db: Queryable,
  year: number,
): Promise<{ year: number; published: boolean; source: CalendarSource | null; days: CalendarDay[] }> {
  const found = await findYear(db, year)
  return { year, published: found?.published ?? false, source: found?.source ?? null, days: await listDays(db, year) }
}

/** The published years and the years declared unpublished. */
export async function listCalendarYears(db: Queryable): Promise<CalendarYear[]> {
  return listYears(db)
}

/**
 * Sets a day's status as the centre entered it, inside the caller's transaction; a sync never overwrites it.
 * Every process reloads once the transaction commits. Throws CALENDAR_INVALID_DAY.
 */
export async function overrideCalendarDay(
  tx: Transaction,
  entry: { day: string; kind: CalendarDayKind; name: string; updatedBy: string | null },
): Promise<{ previous: CalendarDay | undefined; current: CalendarDay }> {
  parseDay(entry.day)
  const previous = await findDayForUpdate(tx, entry.day)
  const current = await upsertDay(tx, { ...entry, source: CalendarSource.override })
  await notifyCalendarChanged(tx)
  return { previous, current }
}

/**
 * Removes the centre's override of a day, restoring what the package says about it (if anything), inside the
 * caller's transaction. Returns undefined when the day has no override. Throws CALENDAR_INVALID_DAY.
 */
export async function removeCalendarOverride(
  tx: Transaction,
  day: string,
): Promise<{ removed: CalendarDay; restored: CalendarDay | undefined } | undefined> {
  parseDay(day)
  const removed = await findDayForUpdate(tx, day)
  if (!removed || removed.source !== CalendarSource.override) return undefined
  await deleteDay(tx, day)
  const fromPackage = readPackageCalendar().days.find((entry) => entry.day === day)
  const restored = fromPackage
    ? await upsertDay(tx, { ...fromPackage, source: CalendarSource.package, updatedBy: null })
    : undefined
  await notifyCalendarChanged(tx)
  return { removed, restored }
}

/** Declares a year's arrangement published (or withdraws it), inside the caller's transaction. */
export async function setCalendarYearPublished(
  tx: Transaction,
  entry: { year: number; published: boolean; updatedBy: string | null },
): Promise<{ previous: CalendarYear | undefined; current: CalendarYear }> {
  const previous = await findYear(tx, entry.year)
  const current = await upsertYear(tx, entry)
  await notifyCalendarChanged(tx)
  return { previous, current }
}
