import type { Config } from '../../../platform/config/index.js'
import type { FieldCipher } from '../../../platform/crypto/index.js'
import type { Db } from '../../../platform/db/index.js'
import { createEncryptedFiles, deriveFileKeys, openFileStore } from '../../../platform/files/index.js'
import type { HttpServer } from '../../../platform/http/index.js'
import type { JobQueue } from '../../../platform/jobs/index.js'
import type { AuditService } from '../../audit/index.js'
import type { CatalogService } from '../../catalog/index.js'
import { caseMaterialRoutesPlugin } from './materials.routes.js'
import { type CaseMaterialsService, createCaseMaterialsService } from './materials.service.js'

export type { CaseMaterial, CaseMaterialList, RequiredMaterial } from './materials.schemas.js'
export { type CaseMaterialsService, createCaseMaterialsService } from './materials.service.js'

export type CaseMaterialDeps = {
  config: Pick<Config, 'fileStore' | 'materialMaxFileBytes' | 'materialMaxCaseBytes' | 'dataDir'>
  db: Db
  masterKey: Buffer
  cipher: Pick<FieldCipher, 'encrypt' | 'decrypt'>
  catalog: Pick<CatalogService, 'getItemVersion'>
  audit: Pick<AuditService, 'record' | 'raiseAlert'>
  /** When given, orphans are swept every hour by one process (a leased job); otherwise once at each start. */
  jobs?: Pick<JobQueue, 'registerLeased' | 'schedule'>
  /** The job queue's clock (tests drive it by hand), for scheduling the next sweep. */
  now?: () => Date
}

const SWEEP_JOB_KIND = 'cases.materials.sweep_orphans'
const SWEEP_JOB_KEY = 'cases-materials-sweep-orphans'
const SWEEP_EVERY_MS = 60 * 60 * 1000

/**
 * Opens the configured file store (folder or S3), registers the materials routes under /api/cases/:caseId/materials
 * and returns the service; files left by a crash between storing and committing are swept (hourly with `jobs`,
 * else once the server is ready). Call once from app.ts next to the cases routes.
 */
export async function caseMaterialRoutes(app: HttpServer, deps: CaseMaterialDeps): Promise<CaseMaterialsService> {
  const { store, close } = await openFileStore(deps.config.fileStore)
  app.addHook('onClose', close)
  const materials = createCaseMaterialsService({
    db: deps.db,
    files: createEncryptedFiles(store, deriveFileKeys(deps.masterKey)),
    cipher: deps.cipher,
    catalog: deps.catalog,
    audit: deps.audit,
    limits: { maxFileBytes: deps.config.materialMaxFileBytes, maxCaseBytes: deps.config.materialMaxCaseBytes },
  })
  caseMaterialRoutesPlugin(app, { materials, maxFileBytes: deps.config.materialMaxFileBytes })
  const { jobs, now = () => new Date() } = deps
  if (jobs) {
    // Network and database work in short steps of its own: leased, outside the job's transaction.
    jobs.registerLeased(
      SWEEP_JOB_KIND,
      {
        work: async () => {
          const count = await materials.sweepOrphanFiles()
          if (count > 0) app.log.warn({ count }, 'removed material files left by an interrupted upload')
        },
        finish: async (_job, _result, tx) => {
          await jobs.schedule(tx, {
            kind: SWEEP_JOB_KIND,
            key: SWEEP_JOB_KEY,
            payload: {},
            runAt: new Date(now().getTime() + SWEEP_EVERY_MS),
          })
        },
      },
      { maxAttempts: 3, backoffMs: 10 * 60_000, leaseMs: 30 * 60_000 },
    )
    app.addHook('onReady', async () => {
      await deps.db.transaction((tx) =>
        jobs.schedule(tx, { kind: SWEEP_JOB_KIND, key: SWEEP_JOB_KEY, payload: {} }).then(() => undefined),
      )
    })
  } else {
    app.addHook('onReady', async () => {
      // Not awaited: a slow or unreachable store must not hold up the start.
      materials
        .sweepOrphanFiles()
        .then((count) => {
          if (count > 0) app.log.warn({ count }, 'removed material files left by an interrupted upload')
        })
        .catch((error: unknown) => app.log.error({ err: error }, 'sweeping orphaned material files failed'))
    })
  }
  return materials
}
