export { auditRoutes } from './audit.routes.js'
export type {
  AuditActor,
  AuditContext,
  AuditEntry,
  AuditResult,
  ChainVerification,
  SecurityAlert,
  SecurityAlertInput,
} from './audit.schemas.js'
export { type AuditService, createAuditService, type RaiseAlertOptions } from './audit.service.js'
export { type ChainCheckpoint, createCheckpointStore, type RestoreMarker } from './audit-checkpoints.js'
export { buildNextDailyRun, installDailyAuditVerification, scheduleDailyAuditVerification } from './audit-daily-job.js'
export { AUDIT_APP_ROLE_GRANTS } from './audit-database-roles.js'
export { createAuditServiceWithKeys, writeRestoreMarkerWithKeys } from './audit-keys.js'
export { installRequestAudit } from './audit-request-hook.js'
export { runAuditVerifyCommand } from './audit-verify-command.js'
