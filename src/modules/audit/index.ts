export { auditRoutes } from './audit.routes.js'
export type { AuditActor, AuditContext, AuditEntry, AuditResult, ChainVerification } from './audit.schemas.js'
export { type AuditService, createAuditService } from './audit.service.js'
export { installRequestAudit } from './audit-request-hook.js'
