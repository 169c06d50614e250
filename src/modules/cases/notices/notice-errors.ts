import { AppError } from '../../../platform/errors/index.js'

/** Errors of case notices: the codes never change once shipped. */
export const noticeErrors = {
  /** The same answer for a missing notice and one of a case the caller may not see. */
  noticeNotFound: () => new AppError('CASE_NOTICE_NOT_FOUND', 404, '未找到该文书'),
  dataInvalid: (what: string) => new AppError('CASE_NOTICE_DATA_INVALID', 400, `文书内容不完整：${what}`),
}
