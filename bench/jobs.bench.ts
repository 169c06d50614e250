import { performance } from 'node:perf_hooks'
import { migrate } from '../src/platform/db/index.js'
import { createJobQueue } from '../src/platform/jobs/index.js'
import { openBenchDb } from './bench-db.js'
import type { BenchRow } from './harness.js'

const BENCH_DATABASE = 'tongban_bench_jobs'
const JOBS = 2000
const WARMUP = 200

/** Runs `fn` `count` times one after another; per-call median and p95, and calls per second over the whole run. */
async function timeEach(count: number, fn: (i: number) => Promise<unknown>) {
  const samples: number[] = []
  const started = performance.now()
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    await fn(i)
    samples.push(performance.now() - start)
  }
  const totalMs = performance.now() - started
  samples.sort((a, b) => a - b)
  const at = (fraction: number) => samples[Math.min(samples.length - 1, Math.ceil(fraction * samples.length) - 1)] ?? 0
  return { medianMs: at(0.5), p95Ms: at(0.95), perSecond: Math.round((count / totalMs) * 1000) }
}

/**
 * The job queue against the least a database can do for the same work: scheduling a job vs inserting a row, and
 * draining 2,000 no-op jobs (claim, run, mark done: one transaction each) vs 2,000 one-row UPDATE transactions.
 */
export async function benchJobs(engine: 'pglite' | 'postgres'): Promise<BenchRow[]> {
  const label = engine === 'pglite' ? 'PGlite' : 'PostgreSQL'
  const { db, cleanup } = await openBenchDb(engine, BENCH_DATABASE)
  try {
    await migrate(db)
    await db.exec(
      'CREATE TABLE bench_plain (id serial PRIMARY KEY, payload jsonb, done boolean NOT NULL DEFAULT false)',
    )
    const queue = createJobQueue({ db })
    queue.register('bench.noop', async () => undefined)

    const ids: number[] = []
    await timeEach(WARMUP, (i) =>
      db.transaction((tx) => tx.query('INSERT INTO bench_plain (payload) VALUES ($1::jsonb)', [JSON.stringify({ i })])),
    )
    const insert = await timeEach(JOBS, (i) =>
      db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: number }>(
          'INSERT INTO bench_plain (payload) VALUES ($1::jsonb) RETURNING id',
          [JSON.stringify({ i })],
        )
        ids.push(rows[0]?.id as number)
      }),
    )
    await timeEach(WARMUP, (i) => db.transaction((tx) => queue.schedule(tx, { kind: 'bench.noop', payload: { i } })))
    const schedule = await timeEach(JOBS, (i) =>
      db.transaction((tx) => queue.schedule(tx, { kind: 'bench.noop', payload: { i } })),
    )

    await timeEach(WARMUP, () => queue.runDueJobs(1))
    const drain = await timeEach(JOBS, () => queue.runDueJobs(1))
    const update = await timeEach(JOBS, (i) =>
      db.transaction((tx) => tx.query('UPDATE bench_plain SET done = true WHERE id = $1', [ids[i]])),
    )
    const { rows } = await db.query<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM platform.jobs WHERE state = 'pending'`,
    )
    if (rows[0]?.pending !== 0) throw new Error(`the drain left ${rows[0]?.pending} jobs pending`)

    return [
      {
        name: `schedule a job in its own transaction (${label}), ${schedule.perSecond}/s`,
        baseline: `INSERT one row per transaction, ${insert.perSecond}/s`,
        medianMs: schedule.medianMs,
        p95Ms: schedule.p95Ms,
        baselineMedianMs: insert.medianMs,
        baselineP95Ms: insert.p95Ms,
      },
      {
        name: `drain ${JOBS} no-op jobs, one per transaction (${label}), ${drain.perSecond} jobs/s`,
        baseline: `UPDATE one row by id per transaction, ${update.perSecond}/s`,
        medianMs: drain.medianMs,
        p95Ms: drain.p95Ms,
        baselineMedianMs: update.medianMs,
        baselineP95Ms: update.p95Ms,
      },
    ]
  } finally {
    await db.close()
    await cleanup()
  }
}
