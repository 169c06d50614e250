import type { PauseInterval, WorkingDays } from '../../platform/calendar/index.js'

/** 预警: none, yellow (黄牌, close to the limit) or red (红牌, overdue). Stored in cases.cases.warning_level. */
export const WarningLevel = { none: 'none', yellow: 'yellow', red: 'red' } as const
export type WarningLevel = (typeof WarningLevel)[keyof typeof WarningLevel]

/** Yellow when at most this share of the promised working days is left (TONGBAN_CASE_YELLOW_SHARE overrides). */
export const DEFAULT_YELLOW_SHARE = 0.2

/** A stored pause: the first and last day not counted; `to` is null while the clock still stands. */
export type ClockPause = { from: string; to: string | null }

export type CaseClockInput = {
  /** Day of acceptance (Asia/Shanghai); the clock starts on the next working day. */
  acceptedOn: string
  /** 承诺时限 in working days. */
  limitDays: number
  /** 法定时限 in working days, if the guide gives one. */
  statutoryDays?: number | null
  pauses: readonly ClockPause[]
  /** Today (Asia/Shanghai). An open pause counts up to today. */
  today: string
  yellowShare?: number
}

export type CaseClock = {
  clockStartsOn: string
  dueOn: string
  statutoryDueOn: string | null
  limitDays: number
  daysUsed: number
  /** Negative when overdue. */
  daysLeft: number
  isPaused: boolean
  /** True when a day of a year whose holidays are not yet published was counted as Monday–Friday. */
  isProvisional: boolean
  warningLevel: WarningLevel
}

/** Pauses as the calendar takes them: an open pause ends today; one not yet begun is left out. */
export function buildPauseIntervals(pauses: readonly ClockPause[], today: string): PauseInterval[] {
  const intervals: PauseInterval[] = []
  for (const pause of pauses) {
    const to = pause.to ?? today
    if (to >= pause.from) intervals.push({ from: pause.from, to })
  }
  return intervals
}

const DAY_MS = 86_400_000

function shiftDay(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * DAY_MS).toISOString().slice(0, 10)
}

/**
 * Working days over the platform calendar, walking day by day. A year whose 调休 is not yet published (the State
 * Council announces it late in the year before) is counted Monday–Friday and marks the result provisional, so a
 * case accepted in December still gets a due day; the warning job recomputes it once the year is published.
 */
function createDayWalker(calendar: Pick<WorkingDays, 'isWorkingDay'>, pauses: readonly PauseInterval[]) {
  let isProvisional = false
  function isCounted(day: string): boolean {
    if (pauses.some((pause) => day >= pause.from && day <= pause.to)) return false
    try {
      return calendar.isWorkingDay(day)
    } catch (error) {
      if ((error as { code?: string }).code !== 'CALENDAR_YEAR_NOT_PUBLISHED') throw error
      isProvisional = true
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
      return weekday !== 0 && weekday !== 6
    }
  }
  return {
    /** The day `n` counted days after `start` (start itself not counted). */
    add(start: string, n: number): string {
      let day = start
      for (let left = n; left > 0; ) {
        day = shiftDay(day, 1)
        if (isCounted(day)) left--
      }
      return day
    },
    /** Counted days in (from, to]; 0 when `to` is not after `from`. */
    count(from: string, to: string): number {
      let total = 0
      for (let day = shiftDay(from, 1); day <= to; day = shiftDay(day, 1)) if (isCounted(day)) total++
      return total
    },
    get isProvisional() {
      return isProvisional
    },
  }
}

/**
 * The case clock on the working-day calendar (调休 included): accepted on a day, the clock starts on the next
 * working day, and the due day is `limitDays` working days later, moved on by every working day inside a pause
 * (补正, 特别程序 are not counted).
 */
export function buildCaseClock(calendar: Pick<WorkingDays, 'isWorkingDay'>, input: CaseClockInput): CaseClock {
  const walker = createDayWalker(calendar, buildPauseIntervals(input.pauses, input.today))
  const plain = createDayWalker(calendar, [])
  const clockStartsOn = plain.add(input.acceptedOn, 1)
  const dueOn = walker.add(input.acceptedOn, input.limitDays)
  const statutoryDueOn =
    input.statutoryDays === null || input.statutoryDays === undefined
      ? null
      : walker.add(input.acceptedOn, input.statutoryDays)
  const daysUsed = walker.count(input.acceptedOn, input.today)
  const daysLeft = input.limitDays - daysUsed
  const isPaused = input.pauses.some((pause) => pause.to === null && pause.from <= input.today)
  return {
    clockStartsOn,
    dueOn,
    statutoryDueOn,
    limitDays: input.limitDays,
    daysUsed,
    daysLeft,
    isPaused,
    isProvisional: walker.isProvisional || plain.isProvisional,
    warningLevel: buildWarningLevel(input.limitDays, daysLeft, input.today > dueOn, input.yellowShare),
  }
}

/** Red when overdue; yellow when no more than `yellowShare` of the limit is left; otherwise none. */
export function buildWarningLevel(
  limitDays: number,
  daysLeft: number,
  isOverdue: boolean,
  yellowShare = DEFAULT_YELLOW_SHARE,
): WarningLevel {
  if (isOverdue) return WarningLevel.red
  if (daysLeft <= limitDays * yellowShare) return WarningLevel.yellow
  return WarningLevel.none
}
