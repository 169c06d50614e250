import {
  type CalendarDayKind,
  getCalendarYear,
  overrideCalendarDay,
  parseCalendarDay,
  removeCalendarOverride,
  setCalendarYearPublished,
  type WorkingDayCalendar,
} from '../../platform/calendar/index.js'
import type { Db } from '../../platform/db/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import { calendarModuleErrors } from './calendar.errors.js'
import type { CalendarDayView, CalendarYearView } from './calendar.schemas.js'

export type CalendarServiceDeps = {
  db: Db
  audit: Pick<AuditService, 'record'>
  calendar: Pick<WorkingDayCalendar, 'refresh'>
}

/** The centre's maintenance of the working-day calendar; every change is audited and reaches every process. */
export function createCalendarService({ db, audit, calendar }: CalendarServiceDeps) {
  /** Every named day of a year, for the public and the year view. */
  async function getYear(year: number): Promise<CalendarYearView> {
    const found = await getCalendarYear(db, year)
    return { ...found, days: found.days.map(toView) }
  }

  /** Sets a day to a holiday or a working day; overrides the package and survives every sync. */
  async function overrideDay(
    context: AuditContext,
    actorId: string,
    day: string,
    change: { kind: CalendarDayKind; name: string },
  ): Promise<CalendarDayView> {
    parseCalendarDay(day)
    const { current } = await db.transaction(async (tx) => {
      const outcome = await overrideCalendarDay(tx, { day, ...change, updatedBy: actorId })
      await audit.record(tx, context, {
        action: 'calendar.day.override',
        target: `calendar-day:${day}`,
        result: 'success',
        details: {
          kind: change.kind,
          name: change.name,
          previous: outcome.previous ? { kind: outcome.previous.kind, source: outcome.previous.source } : null,
        },
      })
      return outcome
    })
    await calendar.refresh()
    return toView(current)
  }

  /** Withdraws the centre's override of a day; what the package says about it applies again. */
  async function removeOverride(context: AuditContext, day: string): Promise<void> {
    parseCalendarDay(day)
    await db.transaction(async (tx) => {
      const outcome = await removeCalendarOverride(tx, day)
      if (!outcome) throw calendarModuleErrors.overrideNotFound(day)
      await audit.record(tx, context, {
        action: 'calendar.day.override_removed',
        target: `calendar-day:${day}`,
        result: 'success',
        details: {
          removed: { kind: outcome.removed.kind, name: outcome.removed.name },
          restored: outcome.restored ? { kind: outcome.restored.kind, name: outcome.restored.name } : null,
        },
      })
    })
    await calendar.refresh()
  }

  /** Declares a year's arrangement published (working days in it can then be counted), or withdraws it. */
  async function declareYear(
    context: AuditContext,
    actorId: string,
    declaration: { year: number; published: boolean },
  ): Promise<{ year: number; published: boolean; source: 'chinese-days' | 'override' }> {
    const { current } = await db.transaction(async (tx) => {
      const outcome = await setCalendarYearPublished(tx, { ...declaration, updatedBy: actorId })
      await audit.record(tx, context, {
        action: declaration.published ? 'calendar.year.publish' : 'calendar.year.unpublish',
        target: `calendar-year:${declaration.year}`,
        result: 'success',
        details: { previous: outcome.previous?.published ?? null },
      })
      return outcome
    })
    await calendar.refresh()
    return current
  }

  return { getYear, overrideDay, removeOverride, declareYear }
}

export type CalendarService = ReturnType<typeof createCalendarService>

function toView(day: {
  day: string
  kind: CalendarDayKind
  name: string
  source: 'chinese-days' | 'override'
  updatedAt: string
}): CalendarDayView {
  return { day: day.day, kind: day.kind, name: day.name, source: day.source, updatedAt: day.updatedAt }
}
