import { type Db, isUniqueViolation, type Queryable, type Transaction } from '../db/index.js'
import { AppError } from '../errors/index.js'
import { type Clock, systemClock } from './clock.js'
import {
  type ClaimedJob,
  cancelPending,
  claimDueJob,
  completeLeasedJob,
  findPendingIdByKey,
  insertJob,
  JOBS_CHANNEL,
  type JobRecord,
  JobState,
  leaseJob,
  listByState,
  notifyJobsDue,
  recordFailure,
  requeueFailed,
} from './jobs-store.js'

/** What a handler receives: `attempt` is 1 on the first run. */
export type Job = { id: string; kind: string; payload: unknown; attempt: number }

/**
 * Runs one job inside `tx`, the transaction that also marks the job done: its writes and the completion commit
 * together, or (when it throws) neither does and the job is tried again later.
 */
export type JobHandler = (job: Job, tx: Transaction) => Promise<void>

export type JobHandlerOptions = {
  /** Runs before the job is marked failed (default 5). */
  maxAttempts?: number
  /** Wait before the second attempt; doubles for each further one (default 1000 ms). */
  backoffMs?: number
}

/**
 * A job too long to hold a transaction (and, on the embedded engine, its only connection) for: `work` runs outside
 * any transaction and may use the database freely; then `finish` runs in the short transaction that marks the job
 * done. The job is leased while `work` runs, so a crash makes it due again after the lease: at least once, not
 * exactly once, so `work` must be safe to repeat.
 */
export type LeasedJobHandler<Result> = {
  work: (job: Job) => Promise<Result>
  finish?: (job: Job, result: Result, tx: Transaction) => Promise<unknown>
}

export type LeasedJobOptions = JobHandlerOptions & {
  /** How long another process waits before it takes the job over from a process that went silent (default 15 min). */
  leaseMs?: number
}

type Registration = {
  handler: JobHandler
  leased?: LeasedJobHandler<unknown> & { leaseMs: number }
  maxAttempts: number
  backoffMs: number
}

/** A pino-like logger; Fastify's `app.log` fits. */
export type JobLogger = {
  info(details: object, message: string): void
  error(details: object, message: string): void
}

export type JobQueueOptions = { db: Db; clock?: Clock; logger?: JobLogger }

const DEFAULT_MAX_ATTEMPTS = 5
const DEFAULT_BACKOFF_MS = 1000
const DEFAULT_LEASE_MS = 15 * 60_000
const MAX_ERROR_LENGTH = 2000
const MAX_POLL_BACKOFF_MS = 5000
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const silentLogger: JobLogger = { info: () => undefined, error: () => undefined }

/**
 * Background jobs and timers in PostgreSQL (ADR 0009): scheduled inside the caller's transaction, claimed with
 * FOR UPDATE SKIP LOCKED, and completed in the transaction that runs the handler, so each takes effect once
 * across any number of processes and survives restarts.
 */
export function createJobQueue({ db, clock = systemClock, logger = silentLogger }: JobQueueOptions) {
  const handlers = new Map<string, Registration>()
  let kinds: string[] = []
  let stopping = false
  let loop: Promise<void> | undefined
  let wake: (() => void) | undefined
  // A NOTIFY that arrives while a batch runs must not be lost: the loop checks this before sleeping.
  let isWakePending = false
  let unlisten: (() => Promise<void>) | undefined

  /** Registers the handler for a kind of job; a process claims only the kinds it has handlers for. */
  function register(kind: string, handler: JobHandler, options: JobHandlerOptions = {}): void {
    addRegistration(kind, { handler, ...checkOptions(options) })
  }

  /** Registers a kind whose work runs outside any transaction (see LeasedJobHandler), such as a full verification. */
  function registerLeased<Result>(
    kind: string,
    handler: LeasedJobHandler<Result>,
    options: LeasedJobOptions = {},
  ): void {
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
    if (!(leaseMs > 0)) throw new Error('leaseMs must be positive')
    const leased = handler as LeasedJobHandler<unknown>
    addRegistration(kind, {
      handler: () => Promise.reject(new Error(`job kind ${kind} runs leased`)),
      leased: { work: leased.work, ...(leased.finish ? { finish: leased.finish } : {}), leaseMs },
      ...checkOptions(options),
    })
  }

  function checkOptions(options: JobHandlerOptions): { maxAttempts: number; backoffMs: number } {
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error('maxAttempts must be a positive integer')
    return { maxAttempts, backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS }
  }

  function addRegistration(kind: string, registration: Registration): void {
    if (handlers.has(kind)) throw new Error(`job kind ${kind} is already registered`)
    handlers.set(kind, registration)
    kinds = [...handlers.keys()]
  }

  /**
   * Schedules a job inside the caller's transaction (it commits or rolls back with it) and returns its id.
   * With a `key` there is at most one pending job per key: scheduling it again returns the pending job's id.
   */
  async function schedule(
    tx: Queryable,
    job: { kind: string; payload: unknown; runAt?: Date; key?: string },
  ): Promise<string> {
    const now = clock.now()
    const runAt = job.runAt ?? now
    const payload = JSON.stringify(job.payload ?? null)
    for (;;) {
      const id = await insertJob(tx, { kind: job.kind, key: job.key ?? null, payload, runAt, createdAt: now })
      if (id !== undefined) {
        // Wake idle workers at commit rather than at their next poll.
        if (runAt.getTime() <= now.getTime()) await notifyJobsDue(tx)
        return id
      }
      if (job.key === undefined) throw new Error('a job without a key cannot conflict')
      const existing = await findPendingIdByKey(tx, job.key)
      // The pending job with this key may have just finished; then insert again.
      if (existing !== undefined) return existing
    }
  }

  /** Cancels a pending job by id or key, inside the caller's transaction; false when none was pending. */
  async function cancel(tx: Queryable, by: { id: string } | { key: string }): Promise<boolean> {
    if ('id' in by && !UUID.test(by.id)) return false
    return cancelPending(tx, by, clock.now())
  }

  async function runOne(): Promise<boolean> {
    let claimed: ClaimedJob | undefined
    let leased: { claimed: ClaimedJob; registration: Registration } | undefined
    let failure: unknown
    try {
      await db.transaction(async (tx) => {
        claimed = await claimDueJob(tx, kinds, clock.now())
        if (!claimed) return
        const registration = handlers.get(claimed.kind)
        // Unreachable (the claim filters on registered kinds), but never mark a job done without running it.
        if (!registration) throw new Error(`no handler for job kind ${claimed.kind}`)
        if (registration.leased) {
          // Commit a lease instead of holding this transaction while the work runs; it is completed in another.
          leased = { claimed, registration }
          await leaseJob(tx, claimed.id, new Date(clock.now().getTime() + registration.leased.leaseMs))
          return
        }
        const job: Job = { id: claimed.id, kind: claimed.kind, payload: claimed.payload, attempt: claimed.attempts }
        const callbacks: Array<() => void | Promise<void>> = []
        // The handler's afterCommit callbacks must not run if it fails and only the failure is committed.
        const handlerTx: Transaction = {
          query: (text, params) => tx.query(text, params),
          queryEach: (statements) => tx.queryEach(statements),
          queryLater: (text, params) => tx.queryLater(text, params),
          exec: (script) => tx.exec(script),
          afterCommit: (callback) => void callbacks.push(callback),
        }
        await tx.query('SAVEPOINT tongban_job')
        try {
          await registration.handler(job, handlerTx)
          await tx.query('RELEASE SAVEPOINT tongban_job')
          for (const callback of callbacks) tx.afterCommit(callback)
        } catch (error) {
          failure = error
          // Undo the handler's writes but keep the row lock, so no other process retries before the backoff.
          await tx.query('ROLLBACK TO SAVEPOINT tongban_job')
          await recordFailure(tx, buildFailure(claimed, registration, error))
        }
      })
    } catch (error) {
      if (!claimed) throw error
      // The transaction itself failed (connection lost, commit refused): nothing committed, so the job is pending
      // with its old attempt count; record the attempt in a transaction of its own where possible.
      failure = error
      const registration = handlers.get(claimed.kind)
      const attempt = claimed
      if (registration) {
        await db
          .transaction((tx) => recordFailure(tx, buildFailure(attempt, registration, error)))
          .catch((recordError: unknown) =>
            logger.error({ err: recordError, jobId: attempt.id }, 'could not record a failed job attempt'),
          )
      }
    }
    if (!claimed) return false
    if (leased) failure = await runLeased(leased.claimed, leased.registration)
    if (failure !== undefined) {
      logger.error(
        { err: failure, jobId: claimed.id, kind: claimed.kind, attempt: claimed.attempts },
        'job attempt failed',
      )
    }
    return true
  }

  /** Runs a leased job's work outside any transaction, then completes it; returns the failure, if any. */
  async function runLeased(claimed: ClaimedJob, registration: Registration): Promise<unknown> {
    const handler = registration.leased as NonNullable<Registration['leased']>
    const job: Job = { id: claimed.id, kind: claimed.kind, payload: claimed.payload, attempt: claimed.attempts }
    try {
      const result = await handler.work(job)
      await db.transaction(async (tx) => {
        // Another process took the job over after our lease ran out: its run counts, ours does not.
        if (!(await completeLeasedJob(tx, claimed.id, claimed.attempts, clock.now()))) {
          logger.error({ jobId: claimed.id, kind: claimed.kind }, 'a leased job ran longer than its lease')
          return
        }
        await handler.finish?.(job, result, tx)
      })
      return undefined
    } catch (error) {
      await db
        .transaction((tx) => recordFailure(tx, buildFailure(claimed, registration, error)))
        .catch((recordError: unknown) =>
          logger.error({ err: recordError, jobId: claimed.id }, 'could not record a failed job attempt'),
        )
      return error
    }
  }

  function buildFailure(
    claimed: { id: string; attempts: number },
    registration: { maxAttempts: number; backoffMs: number },
    error: unknown,
  ) {
    const now = clock.now()
    const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH)
    const retryAt =
      claimed.attempts >= registration.maxAttempts
        ? undefined
        : new Date(now.getTime() + registration.backoffMs * 2 ** (claimed.attempts - 1))
    return { id: claimed.id, attempts: claimed.attempts, error: message, retryAt, at: now }
  }

  /**
   * Runs up to `limit` due jobs one at a time, each in its own transaction, and returns how many ran (failed
   * attempts included). Safe to call from several processes at once.
   */
  async function runDueJobs(limit = 100): Promise<number> {
    if (kinds.length === 0) return 0
    let ran = 0
    while (ran < limit && !stopping) {
      if (!(await runOne())) break
      ran++
    }
    return ran
  }

  /** Polls for due jobs every `pollIntervalMs`, and at once when a job is scheduled for now in any process. */
  async function start({
    pollIntervalMs = 1000,
    batchSize = 100,
  }: {
    pollIntervalMs?: number
    batchSize?: number
  } = {}) {
    if (loop) return
    stopping = false
    unlisten = await db.listen(JOBS_CHANNEL, () => {
      isWakePending = true
      wake?.()
    })
    loop = (async () => {
      // While the database is down, polls back off (up to MAX_POLL_BACKOFF_MS) and only the first failure is logged.
      let failedPolls = 0
      while (!stopping) {
        let ran = 0
        try {
          ran = await runDueJobs(batchSize)
          if (failedPolls > 0) logger.info({ failedPolls }, 'job queue polls again')
          failedPolls = 0
        } catch (error) {
          if (failedPolls === 0) logger.error({ err: error }, 'job queue poll failed; retrying with backoff')
          failedPolls++
        }
        if (stopping || (failedPolls === 0 && (ran === batchSize || isWakePending))) {
          isWakePending = false
          continue
        }
        const waitMs =
          failedPolls === 0 ? pollIntervalMs : Math.min(pollIntervalMs * 2 ** (failedPolls - 1), MAX_POLL_BACKOFF_MS)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMs)
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        wake = undefined
      }
    })()
  }

  /** Stops polling and waits for the job in flight to commit or roll back (SIGTERM drain). */
  async function stop(): Promise<void> {
    stopping = true
    wake?.()
    await loop
    loop = undefined
    await unlisten?.()
    unlisten = undefined
  }

  /** Jobs that used up their attempts: incidents for an operator, newest first. */
  async function listFailed(limit = 100): Promise<JobRecord[]> {
    return listByState(db, JobState.failed, limit)
  }

  /**
   * Makes a failed job pending again, due now, with its attempts reset; false when no failed job has that id.
   * Throws JOBS_KEY_TAKEN (409) when another pending job already holds its key.
   */
  async function retry(id: string): Promise<boolean> {
    if (!UUID.test(id)) return false
    try {
      return await db.transaction(async (tx) => {
        const requeued = await requeueFailed(tx, id, clock.now())
        if (requeued) await notifyJobsDue(tx)
        return requeued
      })
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('JOBS_KEY_TAKEN', 409, '已有同一键值的待执行任务，无法重试此任务', { id })
      throw error
    }
  }

  return { register, registerLeased, schedule, cancel, runDueJobs, start, stop, listFailed, retry }
}

export type JobQueue = ReturnType<typeof createJobQueue>
