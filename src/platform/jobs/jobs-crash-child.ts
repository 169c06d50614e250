// Test support for job-queue.test.ts: a Tongban-like process that claims one due job and is killed inside its
// handler, before the transaction commits. Usage: tsx jobs-crash-child.ts <postgres url | pglite data dir>
import { openPgliteDb } from '../db/pglite-db.js'
import { openPostgresDb } from '../db/postgres-db.js'
import { createJobQueue } from './job-queue.js'

const target = process.argv[2] as string
const db = target.startsWith('postgres') ? await openPostgresDb(target, 2) : await openPgliteDb(target)
const queue = createJobQueue({ db })
queue.register('test.crash', async (job, tx) => {
  await tx.query('INSERT INTO jobs_test_effects (job_id, note) VALUES ($1, $2)', [job.id, 'killed before commit'])
  process.stdout.write('IN_HANDLER\n')
  // Hold the transaction open until the test kills this process.
  await new Promise(() => undefined)
})
await queue.runDueJobs(1)
