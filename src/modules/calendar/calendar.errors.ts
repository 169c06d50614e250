import { AppError } from '../../platform/errors/index.js'

export const calendarModuleErrors = {
  overrideNotFound: (day: string) =>
    new AppError('CALENDAR_OVERRIDE_NOT_FOUND', 404, `${day} 没有中心录入的调整，无需撤销`),
}
