import { AppError } from '../../platform/errors/index.js'

/** Notification errors: the codes never change once shipped. */
export const notificationErrors = {
  tooManyIds: (max: number) => new AppError('NOTIFICATIONS_TOO_MANY_IDS', 400, `一次最多标记 ${max} 条消息`),
  nothingToMark: () => new AppError('NOTIFICATIONS_NOTHING_TO_MARK', 400, '请选择要标记为已读的消息，或选择全部已读'),
}
