import type { Db } from '../../platform/db/index.js'
import type { JobQueue } from '../../platform/jobs/index.js'
import type { AuditService } from './audit.service.js'

const JOB_KIND = 'audit.daily_verification'
const JOB_KEY = 'audit-daily-verification'
// 02:00 in China (UTC+8, no daylight saving): after the working day, before the next one.
const RUN_AT_UTC_HOUR = 18

/** The next 02:00 China time after `now`. */
export function buildNextDailyRun(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_AT_UTC_HOUR))
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1)
  return next
}

/**
 * Registers the daily chain verification on the job queue. It walks the whole chain in short transactions of its
 * own, so it runs leased, outside the job's transaction (inside it, on the embedded engine's one connection, it
 * would wait forever); the transaction that completes the run schedules the next one, one run a day across all
 * processes.
 */
export function installDailyAuditVerification(jobs: JobQueue, audit: AuditService, now: () => Date): void {
  jobs.registerLeased(
    JOB_KIND,
    {
      work: async () => {
        await audit.runDailyVerification(now())
      },
      finish: async (_job, _result, tx) => {
        await jobs.schedule(tx, { kind: JOB_KIND, key: JOB_KEY, payload: {}, runAt: buildNextDailyRun(now()) })
      },
    },
    { maxAttempts: 3, backoffMs: 10 * 60_000, leaseMs: 60 * 60_000 },
  )
}

/** Makes sure a daily run is scheduled (idempotent: one pending run per key). */
export async function scheduleDailyAuditVerification(db: Db, jobs: JobQueue, now: Date): Promise<void> {
  await db.transaction((tx) =>
    jobs.schedule(tx, { kind: JOB_KIND, key: JOB_KEY, payload: {}, runAt: buildNextDailyRun(now) }),
  )
}
