export {
  type CalendarSyncResult,
  createWorkingDayCalendar,
  getCalendarYear,
  listCalendarYears,
  overrideCalendarDay,
  removeCalendarOverride,
  setCalendarYearPublished,
  syncCalendarFromPackage,
  type WorkingDayCalendar,
  type WorkingDayCalendarOptions,
} from './calendar.js'
export { CalendarError, calendarErrors } from './calendar-errors.js'
export { CALENDAR_CHANNEL, type CalendarDay, CalendarSource, type CalendarYear } from './calendar-store.js'
export { formatDay as formatCalendarDay, parseDay as parseCalendarDay } from './days.js'
export { PACKAGE_SOURCE, readPackageCalendar } from './package-source.js'
export {
  buildWorkingDays,
  CalendarDayKind,
  type CalendarException,
  type PauseInterval,
  type WorkingDayOptions,
  type WorkingDays,
} from './working-days.js'
