import type { Db } from '../../platform/db/index.js'
import type { JobQueue } from '../../platform/jobs/index.js'

const JOB_KIND = 'cases.clock_warnings'
const JOB_KEY = 'cases-clock-warnings'
// Hourly is plenty for a limit counted in working days, and catches a calendar override within the hour.
const INTERVAL_MS = 60 * 60_000

/**
 * Registers the job that recomputes every running case clock's due day and warning level (黄牌/红牌). It pages
 * through the cases in short transactions of its own, so it runs leased; the run that finishes schedules the next.
 */
export function installCaseWarningJob(jobs: JobQueue, refreshWarnings: () => Promise<number>, now: () => Date): void {
  jobs.registerLeased(
    JOB_KIND,
    {
      work: () => refreshWarnings(),
      finish: async (_job, _changed, tx) => {
        await jobs.schedule(tx, {
          kind: JOB_KIND,
          key: JOB_KEY,
          payload: {},
          runAt: new Date(now().getTime() + INTERVAL_MS),
        })
      },
    },
    { maxAttempts: 3, backoffMs: 5 * 60_000, leaseMs: 30 * 60_000 },
  )
}

/** Makes sure a run is scheduled (idempotent: one pending run per key). */
export async function scheduleCaseWarnings(db: Db, jobs: JobQueue, now: Date): Promise<void> {
  await db.transaction((tx) => jobs.schedule(tx, { kind: JOB_KIND, key: JOB_KEY, payload: {}, runAt: now }))
}
