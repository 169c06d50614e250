// The only file with SQL on platform.calendar_days and platform.calendar_years.
import type { Queryable } from '../db/index.js'
import type { CalendarDayKind } from './working-days.js'

export const CALENDAR_CHANNEL = 'tongban_calendar'

export const CalendarSource = { package: 'chinese-days', override: 'override' } as const
export type CalendarSource = (typeof CalendarSource)[keyof typeof CalendarSource]

/** One named day as stored. */
export type CalendarDay = {
  day: string
  kind: CalendarDayKind
  name: string
  source: CalendarSource
  updatedAt: string
  updatedBy: string | null
}

/** A year and whether its arrangement is published. */
export type CalendarYear = { year: number; published: boolean; source: CalendarSource }

type DayRow = {
  day: string
  kind: CalendarDayKind
  name: string
  source: CalendarSource
  updated_at: Date | string
  updated_by: string | null
}

const DAY_COLUMNS = `to_char(day, 'YYYY-MM-DD') AS day, kind, name, source, updated_at, updated_by`

function toCalendarDay(row: DayRow): CalendarDay {
  return {
    day: row.day,
    kind: row.kind,
    name: row.name,
    source: row.source,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  }
}

export async function listDays(db: Queryable, year?: number): Promise<CalendarDay[]> {
  const { rows } =
    year === undefined
      ? await db.query<DayRow>(`SELECT ${DAY_COLUMNS} FROM platform.calendar_days ORDER BY day`)
      : await db.query<DayRow>(
          `SELECT ${DAY_COLUMNS} FROM platform.calendar_days
           WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1) ORDER BY day`,
          [year],
        )
  return rows.map(toCalendarDay)
}

export async function findDayForUpdate(db: Queryable, day: string): Promise<CalendarDay | undefined> {
  const { rows } = await db.query<DayRow>(
    `SELECT ${DAY_COLUMNS} FROM platform.calendar_days WHERE day = $1::date FOR UPDATE`,
    [day],
  )
  return rows[0] && toCalendarDay(rows[0])
}

export async function listYears(db: Queryable): Promise<CalendarYear[]> {
  const { rows } = await db.query<CalendarYear>(
    'SELECT year, published, source FROM platform.calendar_years ORDER BY year',
  )
  return rows
}

export async function findYear(db: Queryable, year: number): Promise<CalendarYear | undefined> {
  const { rows } = await db.query<CalendarYear>(
    'SELECT year, published, source FROM platform.calendar_years WHERE year = $1',
    [year],
  )
  return rows[0]
}

export async function upsertDay(
  db: Queryable,
  entry: { day: string; kind: CalendarDayKind; name: string; source: CalendarSource; updatedBy: string | null },
): Promise<CalendarDay> {
  const { rows } = await db.query<DayRow>(
    `INSERT INTO platform.calendar_days (day, kind, name, source, updated_by) VALUES ($1::date, $2, $3, $4, $5)
     ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = excluded.source,
       updated_at = now(), updated_by = excluded.updated_by
     RETURNING ${DAY_COLUMNS}`,
    [entry.day, entry.kind, entry.name, entry.source, entry.updatedBy],
  )
  return toCalendarDay(rows[0] as DayRow)
}

export async function deleteDay(db: Queryable, day: string): Promise<void> {
  await db.query('DELETE FROM platform.calendar_days WHERE day = $1::date', [day])
}

/** Writes the package's days in one statement each way, leaving overrides alone; returns how many rows changed. */
export async function syncPackageDays(
  db: Queryable,
  days: readonly { day: string; kind: CalendarDayKind; name: string }[],
): Promise<{ written: number; removed: number }> {
  const written = await db.query(
    `INSERT INTO platform.calendar_days (day, kind, name, source)
     SELECT d, k, n, 'chinese-days' FROM unnest($1::date[], $2::text[], $3::text[]) AS t(d, k, n)
     ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = 'chinese-days',
       updated_at = now(), updated_by = NULL
     WHERE platform.calendar_days.source <> 'override'
       AND (platform.calendar_days.kind, platform.calendar_days.name) IS DISTINCT FROM (excluded.kind, excluded.name)`,
    [days.map((d) => d.day), days.map((d) => d.kind), days.map((d) => d.name)],
  )
  const removed = await db.query(
    `DELETE FROM platform.calendar_days WHERE source = 'chinese-days' AND NOT (day = ANY($1::date[]))`,
    [days.map((d) => d.day)],
  )
  return { written: written.rowCount, removed: removed.rowCount }
}

/** Marks the package's years published, leaving years the centre declared alone; returns how many changed. */
export async function syncPackageYears(db: Queryable, years: readonly number[]): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO platform.calendar_years (year, published, source)
     SELECT y, true, 'chinese-days' FROM unnest($1::int[]) AS t(y)
     ON CONFLICT (year) DO UPDATE SET published = true, source = 'chinese-days', updated_at = now(), updated_by = NULL
     WHERE platform.calendar_years.source <> 'override' AND NOT platform.calendar_years.published`,
    [years],
  )
  return rowCount
}

export async function upsertYear(
  db: Queryable,
  entry: { year: number; published: boolean; updatedBy: string | null },
): Promise<CalendarYear> {
  const { rows } = await db.query<CalendarYear>(
    `INSERT INTO platform.calendar_years (year, published, source, updated_by) VALUES ($1, $2, 'override', $3)
     ON CONFLICT (year) DO UPDATE SET published = excluded.published, source = 'override', updated_at = now(),
       updated_by = excluded.updated_by
     RETURNING year, published, source`,
    [entry.year, entry.published, entry.updatedBy],
  )
  return rows[0] as CalendarYear
}

/** Tells every Tongban process to reload its calendar once the caller's transaction commits. */
export async function notifyCalendarChanged(db: Queryable): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [CALENDAR_CHANNEL, 'changed'])
}
