import { AppError } from '../errors/index.js'

/** The working-day calendar refused a date. Codes never change once shipped: callers and the web match on them. */
export class CalendarError extends AppError {
  constructor(code: string, statusCode: number, message: string, details?: unknown) {
    super(code, statusCode, message, details)
    this.name = 'CalendarError'
  }
}

export const calendarErrors = {
  // Refusing loudly is the point: counting Monday–Friday in an unpublished year would silently miss 调休.
  yearNotPublished: (year: number) =>
    new CalendarError('CALENDAR_YEAR_NOT_PUBLISHED', 409, `${year} 年的节假日安排尚未发布，无法计算工作日`, { year }),
  invalidDay: (day: unknown) =>
    new CalendarError('CALENDAR_INVALID_DAY', 400, `日期格式不正确：${String(day).slice(0, 40)}（应为 YYYY-MM-DD）`),
  invalidCount: (n: unknown) =>
    new CalendarError('CALENDAR_INVALID_COUNT', 400, `工作日天数须为整数：${String(n).slice(0, 40)}`),
  invalidPause: (from: string, to: string) =>
    new CalendarError('CALENDAR_INVALID_PAUSE', 400, `暂停区间的开始日期 ${from} 晚于结束日期 ${to}`),
  invalidInstant: () => new CalendarError('CALENDAR_INVALID_INSTANT', 400, '时间不正确'),
}
