import { AsyncResource } from 'node:async_hooks'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { demoRoutes } from './demo/index.js'
import {
  auditRoutes,
  createAuditServiceWithKeys,
  installDailyAuditVerification,
  installRequestAudit,
} from './modules/audit/index.js'
import { calendarRoutes, createCalendarService } from './modules/calendar/index.js'
import {
  casesRoutes,
  createCaseLookup,
  createCaseSideEffects,
  createCasesService,
  createCaseWorkflowPort,
  createCommonOpinions,
  installCaseWarningJob,
  scheduleCaseWarnings,
} from './modules/cases/index.js'
import { caseMaterialRoutes } from './modules/cases/materials/index.js'
import { caseNoticeRoutes, createCaseNotices } from './modules/cases/notices/index.js'
import { catalogRoutes, createCatalogService } from './modules/catalog/index.js'
import { type Actor, createIdentityService, identityRoutes, SESSION_COOKIE } from './modules/identity/index.js'
import { createLogOnlySmsSender, createNotifications, notificationRoutes } from './modules/notifications/index.js'
import { createWorkflow, workflowRoutes } from './modules/workflow/index.js'
import { createWorkingDayCalendar } from './platform/calendar/index.js'
import type { Config } from './platform/config/index.js'
import { type CiphertextIntegrityFailure, createKeyRing } from './platform/crypto/index.js'
import type { Db } from './platform/db/index.js'
import { healthRoutes } from './platform/health/index.js'
import { createHttpServer, installAccessControl, installIdempotency, registerApiDocs } from './platform/http/index.js'
import { registerWebAssets } from './platform/http/web-assets.js'
import { type Clock, createJobQueue, systemClock } from './platform/jobs/index.js'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { version } = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { version: string }

/** `clock` drives the job queue's timers; tests pass a manual clock. */
export type AppDeps = { config: Config; db: Db; masterKey: Buffer; webDistDir?: string; clock?: Clock }

/** Builds the whole server from the platform pieces and the modules; `main.ts` starts it, tests inject into it. */
export async function buildApp({
  config,
  db,
  masterKey,
  webDistDir = path.join(rootDir, 'dist', 'web'),
  clock = systemClock,
}: AppDeps) {
  // Set once the audit service exists; the key ring reports every tampered or moved ciphertext it meets.
  let alertCiphertextInvalid = (_failure: CiphertextIntegrityFailure) => {}
  const keyRing = await createKeyRing(db, masterKey, {
    onIntegrityFailure: (failure) => alertCiphertextInvalid(failure),
  })
  const app = await createHttpServer({
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    publicUrl: config.publicUrl,
    version,
  })

  // The chain key and the checkpoint signing key come from the master key; checkpoints go outside the database.
  const audit = createAuditServiceWithKeys({
    db,
    masterKey,
    checkpointDir: config.auditCheckpointDir,
    checkpointSeconds: config.auditCheckpointSeconds,
    syslogUrl: config.auditSyslogUrl,
    onBackgroundError: (error, what) => app.log.error({ err: error }, what),
  })
  app.addHook('onClose', async () => audit.flushCheckpoint())
  // The failure may surface inside a transaction (a login); the alert is written in its own. Bound to this start-up
  // async context, so it is never a nested use of the database from inside the caller's transaction: it simply
  // waits for that one to end.
  alertCiphertextInvalid = AsyncResource.bind((failure: CiphertextIntegrityFailure) => {
    audit
      .raiseAlert({
        kind: 'ciphertext_invalid',
        title: '加密数据完整性校验失败',
        detail: `${failure.table}.${failure.column}：密文被篡改、截断或从其他记录移入`,
        target: `${failure.table}:${failure.rowId}`,
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'ciphertext integrity alert failed'))
  })
  // Platform services the modules build on: the working-day calendar (seeded on a fresh database) and the job queue.
  const calendar = await createWorkingDayCalendar(db, {
    onError: (error) => app.log.error({ err: error }, 'working-day calendar reload failed'),
  })
  const jobs = createJobQueue({ db, clock, logger: app.log })
  // A key rotated by another process is loaded here as soon as it is announced.
  const stopFollowingKeyRotations = await keyRing.followRotations()
  app.addHook('onClose', stopFollowingKeyRotations)
  installDailyAuditVerification(jobs, audit, () => clock.now())
  app.addHook('onClose', async () => {
    await jobs.stop()
    await calendar.close()
  })
  const identity = createIdentityService({ db, cipher: keyRing, audit, jobs, settings: config })
  // Values under an older key, or in the first ciphertext format (not bound to their row), are rewritten by a job.
  await identity.scheduleStaleCiphertextUpgrade()
  // The workflow registers its timer and retry job kinds on the queue here; main.ts starts the queue.
  const workflow = createWorkflow({ db, audit, identity, jobs, calendar, clock })

  const { recordDenial } = installRequestAudit(app, audit, (request) =>
    identity.describeActor(request.principal as Actor | undefined),
  )
  installAccessControl(
    app,
    (request) =>
      identity.resolveActor(request.cookies[SESSION_COOKIE], { clientAddress: request.ip, requestId: request.id }),
    recordDenial,
  )
  installIdempotency(app, db)

  healthRoutes(app, { db, version })
  await registerApiDocs(app)
  identityRoutes(app, {
    identity,
    secureCookies: config.publicUrl.startsWith('https:'),
    loginRateLimitPerMinute: config.loginRateLimitPerMinute,
  })
  auditRoutes(app, { audit })
  calendarRoutes(app, { calendar: createCalendarService({ db, audit, calendar }) })
  const catalog = createCatalogService({ db, audit, identity, publicUrl: config.publicUrl })
  catalogRoutes(app, { catalog })
  workflowRoutes(app, workflow)
  // Cases (办件): applications for catalog items; acceptance starts the item's workflow process; every transition
  // issues its notice (cases/notices) and tells the applicant (notifications outbox) in its own transaction.
  const notices = createCaseNotices({ db, cipher: keyRing, publicUrl: config.publicUrl, jobs, clock })
  notices.installNoticeRendering()
  const notifications = createNotifications({
    db,
    cipher: keyRing,
    identity,
    jobs,
    smsSender: createLogOnlySmsSender(app.log),
    clock,
  })
  notifications.installSmsDelivery()
  // 申请材料: the configured file store (folder or S3), SM4 at rest; orphans of crashed uploads swept hourly.
  const caseMaterials = await caseMaterialRoutes(app, {
    config,
    db,
    masterKey,
    cipher: keyRing,
    catalog,
    audit,
    jobs,
    now: () => clock.now(),
  })
  const cases = createCasesService({
    db,
    audit,
    cipher: keyRing,
    calendar,
    clock,
    catalog,
    identity,
    workflow: createCaseWorkflowPort(workflow, db),
    sideEffects: createCaseSideEffects({ notices, notifications }),
    settings: { yellowShare: config.caseWarningShare },
    materials: caseMaterials,
  })
  installCaseWarningJob(
    jobs,
    () => cases.refreshWarnings(),
    () => clock.now(),
  )
  await scheduleCaseWarnings(db, jobs, clock.now())
  casesRoutes(app, {
    cases,
    opinions: createCommonOpinions({ db, audit }),
    lookUpCase: createCaseLookup({ db, cipher: keyRing }),
  })
  caseNoticeRoutes(app, { notices })
  notificationRoutes(app, { notifications })
  if (config.demoMode) demoRoutes(app)
  await registerWebAssets(app, webDistDir)

  return {
    app,
    services: {
      audit,
      identity,
      keyRing,
      calendar,
      jobs,
      catalog,
      workflow,
      cases,
      notices,
      notifications,
      caseMaterials,
    },
  }
}

export type TongbanApp = Awaited<ReturnType<typeof buildApp>>
