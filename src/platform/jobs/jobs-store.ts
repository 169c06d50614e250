// The only file with SQL on platform.jobs.
import type { Queryable } from '../db/index.js'

export const JOBS_CHANNEL = 'tongban_jobs'

export const JobState = { pending: 'pending', done: 'done', failed: 'failed', cancelled: 'cancelled' } as const
export type JobState = (typeof JobState)[keyof typeof JobState]

/** A job as an incident list shows it. */
export type JobRecord = {
  id: string
  kind: string
  key: string | null
  payload: unknown
  state: JobState
  runAt: Date
  attempts: number
  lastError: string | null
  createdAt: Date
  doneAt: Date | null
}

type JobRow = {
  id: string
  kind: string
  key: string | null
  payload: unknown
  state: JobState
  run_at: Date | string
  attempts: number
  last_error: string | null
  created_at: Date | string
  done_at: Date | string | null
}

const JOB_COLUMNS = 'id, kind, key, payload, state, run_at, attempts, last_error, created_at, done_at'

function toJobRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    payload: row.payload,
    state: row.state,
    runAt: new Date(row.run_at),
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    doneAt: row.done_at === null ? null : new Date(row.done_at),
  }
}

export async function insertJob(
  db: Queryable,
  job: { kind: string; key: string | null; payload: string; runAt: Date; createdAt: Date },
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO platform.jobs (kind, key, payload, run_at, created_at) VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (key) WHERE state = 'pending' AND key IS NOT NULL DO NOTHING
     RETURNING id`,
    [job.kind, job.key, job.payload, job.runAt, job.createdAt],
  )
  return rows[0]?.id
}

export async function findPendingIdByKey(db: Queryable, key: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM platform.jobs WHERE key = $1 AND state = 'pending'`, [
    key,
  ])
  return rows[0]?.id
}

export async function notifyJobsDue(db: Queryable): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, 'due'])
}

export async function cancelPending(db: Queryable, by: { id: string } | { key: string }, at: Date): Promise<boolean> {
  const [column, value] = 'id' in by ? ['id', by.id] : ['key', by.key]
  const { rowCount } = await db.query(
    `UPDATE platform.jobs SET state = 'cancelled', done_at = $2 WHERE ${column} = $1 AND state = 'pending'`,
    [value, at],
  )
  return rowCount > 0
}

export type ClaimedJob = { id: string; kind: string; payload: unknown; attempts: number }

/**
 * Claims the next due job of the given kinds and marks it done, all inside the caller's transaction: the row
 * lock keeps every other process off it until commit, and a rollback makes it pending again.
 */
export async function claimDueJob(db: Queryable, kinds: readonly string[], now: Date): Promise<ClaimedJob | undefined> {
  const { rows } = await db.query<{ id: string; kind: string; payload: unknown; attempts: number }>(
    `UPDATE platform.jobs SET state = 'done', attempts = attempts + 1, done_at = $1
     WHERE id = (
       SELECT id FROM platform.jobs WHERE state = 'pending' AND run_at <= $1 AND kind = ANY($2::text[])
       ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED
     )
     RETURNING id, kind, payload, attempts`,
    [now, kinds],
  )
  return rows[0]
}

/** Turns a just-claimed job back into a pending one that is not due until `until`: a lease while its work runs. */
export async function leaseJob(db: Queryable, id: string, until: Date): Promise<void> {
  await db.query(`UPDATE platform.jobs SET state = 'pending', done_at = NULL, run_at = $2 WHERE id = $1`, [id, until])
}

/** Marks a leased job done, unless another process has claimed it since (its attempts moved on); true when done. */
export async function completeLeasedJob(db: Queryable, id: string, attempts: number, at: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE platform.jobs SET state = 'done', done_at = $3 WHERE id = $1 AND attempts = $2 AND state = 'pending'`,
    [id, attempts, at],
  )
  return rowCount > 0
}

/**
 * Records a failed attempt of a job: pending again at `retryAt`, or failed for good. A later attempt already
 * claimed by another process (a leased job taken over) is left alone.
 */
export async function recordFailure(
  db: Queryable,
  failure: { id: string; attempts: number; error: string; retryAt: Date | undefined; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE platform.jobs SET attempts = $2, last_error = $3,
       state = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
       run_at = COALESCE($4::timestamptz, run_at),
       done_at = CASE WHEN $4::timestamptz IS NULL THEN $5::timestamptz ELSE NULL END
     WHERE id = $1 AND attempts <= $2`,
    [failure.id, failure.attempts, failure.error, failure.retryAt ?? null, failure.at],
  )
}

export async function listByState(db: Queryable, state: JobState, limit: number): Promise<JobRecord[]> {
  const { rows } = await db.query<JobRow>(
    `SELECT ${JOB_COLUMNS} FROM platform.jobs WHERE state = $1 ORDER BY done_at DESC NULLS LAST, id LIMIT $2`,
    [state, limit],
  )
  return rows.map(toJobRecord)
}

export async function findJob(db: Queryable, id: string): Promise<JobRecord | undefined> {
  const { rows } = await db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM platform.jobs WHERE id = $1`, [id])
  return rows[0] && toJobRecord(rows[0])
}

export async function requeueFailed(db: Queryable, id: string, at: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE platform.jobs SET state = 'pending', attempts = 0, run_at = $2, done_at = NULL
     WHERE id = $1 AND state = 'failed'`,
    [id, at],
  )
  return rowCount > 0
}
