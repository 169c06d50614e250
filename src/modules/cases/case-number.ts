import type { Queryable } from '../../platform/db/index.js'

const SHANGHAI_OFFSET_MS = 8 * 3_600_000
// Six digits: a county files far fewer than a million cases a day; a seventh digit would still sort and parse.
const SEQUENCE_DIGITS = 6

/** The Asia/Shanghai calendar day of an instant, as YYYY-MM-DD (China keeps UTC+8 all year). */
export function buildShanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** 办件编号: division code, the day as yyyymmdd, and the day's sequence, e.g. 320581-20261208-000123. */
export function buildCaseNumber(divisionCode: string, day: string, sequence: number): string {
  return `${divisionCode}-${day.replaceAll('-', '')}-${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`
}

/** True when `text` has the shape of a case number (the public look-up refuses anything else before a query). */
export function isCaseNumber(text: string): boolean {
  return /^\d{6}-\d{8}-\d{6,9}$/.test(text)
}

/**
 * Hands out the next case number of a division for the day of `now`, inside the caller's transaction. One upsert
 * both creates the day's counter and increments it: concurrent callers (in any process) queue on the counter row,
 * so numbers are unique, and a rolled-back case gives its number back, so a day's numbers have no gaps.
 */
export async function allocateCaseNumber(tx: Queryable, divisionCode: string, now: Date): Promise<string> {
  const day = buildShanghaiDay(now)
  const { rows } = await tx.query<{ last_value: number }>(
    `INSERT INTO cases.case_number_sequences (division_code, day, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (division_code, day) DO UPDATE SET last_value = cases.case_number_sequences.last_value + 1
     RETURNING last_value`,
    [divisionCode, day],
  )
  return buildCaseNumber(divisionCode, day, Number(rows[0]?.last_value))
}
