import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { demoRoutes } from './demo/index.js'
import {
  auditRoutes,
  createAnchorStore,
  createAuditService,
  installDailyAuditVerification,
  installRequestAudit,
} from './modules/audit/index.js'
import { calendarRoutes, createCalendarService } from './modules/calendar/index.js'
import { catalogRoutes, createCatalogService } from './modules/catalog/index.js'
import { type Actor, createIdentityService, identityRoutes, SESSION_COOKIE } from './modules/identity/index.js'
import { createWorkflow, workflowRoutes } from './modules/workflow/index.js'
import { createWorkingDayCalendar } from './platform/calendar/index.js'
import type { Config } from './platform/config/index.js'
import { createKeyRing } from './platform/crypto/index.js'
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
  const keyRing = await createKeyRing(db, masterKey)
  const app = await createHttpServer({
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    publicUrl: config.publicUrl,
    version,
  })

  const audit = createAuditService({ db, anchors: createAnchorStore(path.join(config.dataDir, 'audit')) })
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
  // The workflow registers its timer and retry job kinds on the queue here; main.ts starts the queue.
  const workflow = createWorkflow({ db, audit, identity, jobs, calendar, clock })

  const { recordDenial } = installRequestAudit(app, audit, (request) =>
    identity.describeActor(request.principal as Actor | undefined),
  )
  installAccessControl(app, (request) => identity.resolveActor(request.cookies[SESSION_COOKIE]), recordDenial)
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
  if (config.demoMode) demoRoutes(app)
  await registerWebAssets(app, webDistDir)

  return { app, services: { audit, identity, keyRing, calendar, jobs, catalog, workflow } }
}

export type TongbanApp = Awaited<ReturnType<typeof buildApp>>
