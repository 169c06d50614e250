import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Db, migrate } from '../db/index.js'
import { openPgliteDb } from '../db/pglite-db.js'
import { openPostgresDb } from '../db/postgres-db.js'
import { createTestDb, createTestPostgresUrl, testEngine } from '../db/test-db.js'
import { createJobQueue, createManualClock } from './index.js'

const EFFECTS_TABLE = 'CREATE TABLE IF NOT EXISTS jobs_test_effects (job_id text NOT NULL, note text)'
const start = new Date('2026-03-02T01:00:00Z')

let db: Db
beforeAll(async () => {
  db = await createTestDb()
  await db.exec(EFFECTS_TABLE)
})
afterAll(() => db.close())

async function countEffects(target: Db, note: string): Promise<number> {
  const { rows } = await target.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM jobs_test_effects WHERE note = $1',
    [note],
  )
  return rows[0]?.count ?? 0
}

/** A queue whose handler for `kind` writes one effect row per run, in the job's transaction. */
function givenQueueWritingEffects(target: Db, kind: string, clock = createManualClock(start)) {
  const queue = createJobQueue({ db: target, clock })
  queue.register(kind, async (job, tx) => {
    await tx.query('INSERT INTO jobs_test_effects (job_id, note) VALUES ($1, $2)', [job.id, kind])
  })
  return { queue, clock }
}

describe('scheduling', () => {
  test('a job scheduled in a transaction that rolls back never runs', async () => {
    const { queue } = givenQueueWritingEffects(db, 'test.rolled-back')

    await expect(
      db.transaction(async (tx) => {
        await queue.schedule(tx, { kind: 'test.rolled-back', payload: { caseId: 'c1' } })
        throw new Error('the task completion failed')
      }),
    ).rejects.toThrow('the task completion failed')

    expect(await queue.runDueJobs()).toBe(0)
    expect(await countEffects(db, 'test.rolled-back')).toBe(0)
  })

  test('scheduling twice with one key gives one pending job, and cancelling by key removes it', async () => {
    const { queue } = givenQueueWritingEffects(db, 'test.keyed')

    const first = await db.transaction((tx) => queue.schedule(tx, { kind: 'test.keyed', payload: 1, key: 'k1' }))
    const second = await db.transaction((tx) => queue.schedule(tx, { kind: 'test.keyed', payload: 2, key: 'k1' }))
    const cancelled = await db.transaction((tx) => queue.cancel(tx, { key: 'k1' }))

    expect(second).toBe(first)
    expect(cancelled).toBe(true)
    expect(await queue.runDueJobs()).toBe(0)
  })
})

describe('running', () => {
  test('a due job runs once and its handler writes commit with its completion', async () => {
    const { queue } = givenQueueWritingEffects(db, 'test.once')
    await db.transaction((tx) => queue.schedule(tx, { kind: 'test.once', payload: { n: 1 } }))

    const first = await queue.runDueJobs()
    const second = await queue.runDueJobs()

    expect([first, second]).toEqual([1, 0])
    expect(await countEffects(db, 'test.once')).toBe(1)
  })

  test('a timer due in the future does not run until the clock passes it', async () => {
    const { queue, clock } = givenQueueWritingEffects(db, 'test.timer')
    await db.transaction((tx) =>
      queue.schedule(tx, { kind: 'test.timer', payload: null, runAt: new Date(start.getTime() + 60_000) }),
    )

    const early = await queue.runDueJobs()
    clock.advance(59_999)
    const stillEarly = await queue.runDueJobs()
    clock.advance(1)
    const due = await queue.runDueJobs()

    expect([early, stillEarly, due]).toEqual([0, 0, 1])
    expect(await countEffects(db, 'test.timer')).toBe(1)
  })

  test('a failing handler is retried with backoff, then marked failed with its message, and can be retried', async () => {
    const clock = createManualClock(start)
    const queue = createJobQueue({ db, clock })
    const attempts: number[] = []
    queue.register(
      'test.failing',
      async (job, tx) => {
        attempts.push(job.attempt)
        await tx.query('INSERT INTO jobs_test_effects (job_id, note) VALUES ($1, $2)', [job.id, 'test.failing'])
        throw new Error('部门接口不可用')
      },
      { maxAttempts: 3, backoffMs: 1000 },
    )
    const id = await db.transaction((tx) => queue.schedule(tx, { kind: 'test.failing', payload: null }))

    await queue.runDueJobs()
    clock.advance(999)
    const beforeBackoff = await queue.runDueJobs()
    clock.advance(1)
    await queue.runDueJobs()
    clock.advance(1999)
    const beforeDoubledBackoff = await queue.runDueJobs()
    clock.advance(1)
    await queue.runDueJobs()
    clock.advance(60_000)
    const afterFailing = await queue.runDueJobs()

    expect(attempts).toEqual([1, 2, 3])
    expect([beforeBackoff, beforeDoubledBackoff, afterFailing]).toEqual([0, 0, 0])
    expect(await countEffects(db, 'test.failing')).toBe(0)
    expect(await queue.listFailed()).toEqual([
      expect.objectContaining({ id, kind: 'test.failing', attempts: 3, lastError: '部门接口不可用', state: 'failed' }),
    ])
    expect(await queue.retry(id)).toBe(true)
    expect(await queue.runDueJobs()).toBe(1)
    expect(attempts).toEqual([1, 2, 3, 1])
  })

  test('a handler whose SQL fails leaves no writes behind and is tried again after its backoff', async () => {
    const clock = createManualClock(start)
    const queue = createJobQueue({ db, clock })
    let attempts = 0
    queue.register(
      'test.bad-sql',
      async (job, tx) => {
        attempts++
        await tx.query('INSERT INTO jobs_test_effects (job_id, note) VALUES ($1, $2)', [job.id, 'test.bad-sql'])
        if (attempts === 1) await tx.query('SELECT * FROM no_such_table')
      },
      { backoffMs: 500 },
    )
    await db.transaction((tx) => queue.schedule(tx, { kind: 'test.bad-sql', payload: null }))

    await queue.runDueJobs()
    const afterFailure = await countEffects(db, 'test.bad-sql')
    clock.advance(500)
    await queue.runDueJobs()

    expect(afterFailure).toBe(0)
    expect(attempts).toBe(2)
    expect(await countEffects(db, 'test.bad-sql')).toBe(1)
  })

  test('a leased job works outside any transaction, then finishes in the one that marks it done', async () => {
    const clock = createManualClock(start)
    const queue = createJobQueue({ db, clock })
    const attempts: number[] = []
    queue.registerLeased(
      'test.leased',
      {
        // Its own transactions on db: inside the job's transaction this would wait forever on the embedded engine.
        work: async (job) => {
          attempts.push(job.attempt)
          await db.transaction((tx) =>
            tx.query('INSERT INTO jobs_test_effects (job_id, note) VALUES ($1, $2)', [job.id, 'test.leased.work']),
          )
          if (job.attempt === 1) throw new Error('第一次校验中断')
          return 'checked'
        },
        finish: async (job, result, tx) => {
          await tx.query('INSERT INTO jobs_test_effects (job_id, note) VALUES ($1, $2)', [
            job.id,
            `test.leased.${result}`,
          ])
        },
      },
      { backoffMs: 1000, leaseMs: 60_000 },
    )
    await db.transaction((tx) => queue.schedule(tx, { kind: 'test.leased', payload: null }))

    await queue.runDueJobs()
    const beforeBackoff = await queue.runDueJobs()
    clock.advance(1000)
    await queue.runDueJobs()
    const afterDone = await queue.runDueJobs()

    expect(attempts).toEqual([1, 2])
    expect([beforeBackoff, afterDone]).toEqual([0, 0])
    expect(await countEffects(db, 'test.leased.work')).toBe(2)
    expect(await countEffects(db, 'test.leased.checked')).toBe(1)
  })

  test('a leased job whose process went silent is taken over once its lease runs out', async () => {
    const clock = createManualClock(start)
    const silent = createJobQueue({ db, clock })
    const taker = createJobQueue({ db, clock })
    let release: () => void = () => undefined
    silent.registerLeased(
      'test.lease-lost',
      {
        work: () => new Promise<void>((resolve) => (release = resolve)),
        finish: (job, _result, tx) =>
          tx.query('INSERT INTO jobs_test_effects (job_id, note) VALUES ($1, $2)', [job.id, 'test.lease-lost.silent']),
      },
      { leaseMs: 60_000 },
    )
    taker.registerLeased(
      'test.lease-lost',
      {
        work: async () => undefined,
        finish: (job, _result, tx) =>
          tx.query('INSERT INTO jobs_test_effects (job_id, note) VALUES ($1, $2)', [job.id, 'test.lease-lost.taker']),
      },
      { leaseMs: 60_000 },
    )
    await db.transaction((tx) => silent.schedule(tx, { kind: 'test.lease-lost', payload: null }))

    const stuck = silent.runDueJobs()
    await new Promise((resolve) => setTimeout(resolve, 200))
    const duringLease = await taker.runDueJobs()
    clock.advance(60_000)
    const afterLease = await taker.runDueJobs()
    release()
    await stuck

    expect([duringLease, afterLease]).toEqual([0, 1])
    expect(await countEffects(db, 'test.lease-lost.taker')).toBe(1)
    expect(await countEffects(db, 'test.lease-lost.silent')).toBe(0)
  })

  test('a job is claimed only by a queue that has a handler for its kind', async () => {
    const { queue } = givenQueueWritingEffects(db, 'test.known')
    await db.transaction((tx) => queue.schedule(tx, { kind: 'test.unknown-elsewhere', payload: null }))

    expect(await queue.runDueJobs()).toBe(0)
  })
})

describe('the polling loop', () => {
  test('a job scheduled for now wakes an idle worker without waiting for the next poll', async () => {
    const { queue } = givenQueueWritingEffects(db, 'test.wake', createManualClock(new Date()))
    await queue.start({ pollIntervalMs: 60_000 })
    try {
      await db.transaction((tx) => queue.schedule(tx, { kind: 'test.wake', payload: null }))

      await expect.poll(() => countEffects(db, 'test.wake'), { timeout: 5000 }).toBe(1)
    } finally {
      await queue.stop()
    }
  })

  test('stopping waits for the job in flight to commit (SIGTERM drain)', async () => {
    const queue = createJobQueue({ db })
    let release: () => void = () => undefined
    let entered: () => void = () => undefined
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve
    })
    queue.register('test.drain', async (job, tx) => {
      entered()
      await new Promise<void>((resolve) => {
        release = resolve
      })
      await tx.query('INSERT INTO jobs_test_effects (job_id, note) VALUES ($1, $2)', [job.id, 'test.drain'])
    })
    await db.transaction((tx) => queue.schedule(tx, { kind: 'test.drain', payload: null }))
    await queue.start({ pollIntervalMs: 10 })
    await inHandler

    const stopped = queue.stop()
    setTimeout(() => release(), 50)
    await stopped

    expect(await countEffects(db, 'test.drain')).toBe(1)
  })
})

/** Two processes' database handles on one database: two pools on PostgreSQL; PGlite has one connection. */
async function openTwoHandles(): Promise<{ first: Db; second: Db; close: () => Promise<void> }> {
  if (testEngine() === 'pglite') return { first: db, second: db, close: async () => undefined }
  const { url, drop } = await createTestPostgresUrl()
  const first = await openPostgresDb(url, 4)
  const second = await openPostgresDb(url, 4)
  await first.exec(EFFECTS_TABLE)
  return {
    first,
    second,
    async close() {
      await first.close()
      await second.close()
      await drop()
    },
  }
}

describe('several processes', () => {
  test('two queues racing over 200 due jobs run each exactly once', async () => {
    const { first, second, close } = await openTwoHandles()
    try {
      const a = givenQueueWritingEffects(first, 'test.race').queue
      const b = givenQueueWritingEffects(second, 'test.race').queue
      await first.transaction(async (tx) => {
        for (let i = 0; i < 200; i++) await a.schedule(tx, { kind: 'test.race', payload: { i } })
      })

      const [ranByA, ranByB] = await Promise.all([a.runDueJobs(1000), b.runDueJobs(1000)])

      const { rows } = await first.query<{ runs: number; jobs: number }>(
        `SELECT count(*)::int AS runs, count(DISTINCT job_id)::int AS jobs FROM jobs_test_effects WHERE note = 'test.race'`,
      )
      expect(ranByA + ranByB).toBe(200)
      expect(rows[0]).toEqual({ runs: 200, jobs: 200 })
    } finally {
      await close()
    }
  })

  test('a process killed inside a handler leaves the job to fire exactly once after restart', async () => {
    const isPglite = testEngine() === 'pglite'
    const dataDir = isPglite ? await mkdtemp(path.join(tmpdir(), 'tongban-jobs-')) : undefined
    const postgres = isPglite ? undefined : await createTestPostgresUrl()
    const open = () => (dataDir ? openPgliteDb(dataDir) : openPostgresDb(postgres?.url as string, 2))
    try {
      const before = await open()
      if (dataDir) await migrate(before)
      await before.exec(EFFECTS_TABLE)
      const scheduler = createJobQueue({ db: before })
      await before.transaction((tx) => scheduler.schedule(tx, { kind: 'test.crash', payload: null }))
      if (dataDir) await before.close()

      await runChildUntilInsideHandlerThenKill(dataDir ?? (postgres?.url as string))

      const after = dataDir ? await open() : before
      const restarted = createJobQueue({ db: after })
      const runs: string[] = []
      restarted.register('test.crash', async (job, tx) => {
        runs.push(job.id)
        await tx.query('INSERT INTO jobs_test_effects (job_id, note) VALUES ($1, $2)', [job.id, 'test.crash'])
      })
      // On PostgreSQL the server notices the dead connection and releases its lock; poll until it has.
      await expect.poll(() => restarted.runDueJobs(), { timeout: 10_000, interval: 100 }).toBe(1)

      expect(await restarted.runDueJobs()).toBe(0)
      expect(runs).toHaveLength(1)
      expect(await countEffects(after, 'test.crash')).toBe(1)
      expect(await countEffects(after, 'killed before commit')).toBe(0)
      await after.close()
    } finally {
      if (dataDir) await rm(dataDir, { recursive: true, force: true })
      await postgres?.drop()
    }
  }, 60_000)
})

async function runChildUntilInsideHandlerThenKill(target: string): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'jobs-crash-child.ts'), target], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child never reached the handler: ${stderr}`)), 30_000)
    child.stdout.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('IN_HANDLER')) return
      clearTimeout(timer)
      resolve()
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`child exited (${code}) before reaching the handler: ${stderr}`))
    })
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}
