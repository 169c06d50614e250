import { AppError } from '../../platform/errors/index.js'

/** Audit errors: the codes never change once shipped. */
export const auditErrors = {
  alertNotFound: (id: number) => new AppError('AUDIT_ALERT_NOT_FOUND', 404, `未找到告警（编号 ${id}）`),
  alertAlreadyAcknowledged: (id: number) =>
    new AppError('AUDIT_ALERT_ALREADY_ACKNOWLEDGED', 409, `告警 ${id} 已被确认，无需重复确认`),
}
