import { performance } from 'node:perf_hooks'
import type { Actor } from '../src/modules/identity/index.js'
import { actorFor } from '../src/modules/workflow/workflow-test-support.js'
import type { TestApp } from '../src/test-support/test-app.js'

// What one bench process (the bench itself, or a forked server process) does against its own Tongban.

export const CONTEXT = { actor: null, clientAddress: null, requestId: null }
export const REVIEWERS = ['liqiang', 'zhaogang', 'qianlei', 'chenjing'] as const

/** Per-call latencies and the wall-clock window they were taken in (epoch ms, comparable across processes). */
export type Samples = { latencies: number[]; startedAt: number; endedAt: number }

export type Timing = { medianMs: number; p95Ms: number; perSecond: number; count: number }

/** An instance's open tasks with who holds them, as the bench hands them out. */
export type PendingTask = { taskId: string; assigneeId: string }

const epochNow = () => performance.timeOrigin + performance.now()

export function summarize(parts: Samples[]): Timing {
  const samples = parts.flatMap((part) => part.latencies).sort((a, b) => a - b)
  const wallMs = Math.max(...parts.map((part) => part.endedAt)) - Math.min(...parts.map((part) => part.startedAt))
  const at = (fraction: number) => samples[Math.min(samples.length - 1, Math.ceil(fraction * samples.length) - 1)] ?? 0
  return {
    medianMs: at(0.5),
    p95Ms: at(0.95),
    perSecond: Math.round((samples.length / wallMs) * 1000),
    count: samples.length,
  }
}

/** Runs `work(i)` for i < count with `concurrency` workers; per-call latencies. */
export async function runConcurrently(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<number[]>,
): Promise<Samples> {
  const latencies: number[] = []
  let next = 0
  const startedAt = epochNow()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) latencies.push(...(await work(next++)))
    }),
  )
  return { latencies, startedAt, endedAt: epochNow() }
}

/** The bench acts as the demo county's reviewers, without logging in over HTTP; keyed by account id. */
export async function loadReviewers(app: TestApp): Promise<Map<string, Actor>> {
  const actors = await Promise.all(REVIEWERS.map((loginName) => actorFor(app, loginName)))
  return new Map(actors.map((actor) => [actor.id, actor]))
}

/** Completes every task of the given instances, `concurrency` at a time; the next tasks come with their holders. */
export async function driveCompletions(
  app: TestApp,
  actors: Map<string, Actor>,
  instances: PendingTask[][],
  concurrency: number,
): Promise<Samples> {
  return runConcurrently(instances.length, concurrency, async (i) => {
    const pending = [...(instances[i] as PendingTask[])]
    const latencies: number[] = []
    for (let task = pending.shift(); task; task = pending.shift()) {
      const actor = actors.get(task.assigneeId) as Actor
      const begin = performance.now()
      const done = await app.services.workflow.tasks.completeTask(CONTEXT, actor, task.taskId, { opinion: '同意' })
      latencies.push(performance.now() - begin)
      for (const next of done.nextTasks) pending.push({ taskId: next.id, assigneeId: next.assigneeId as string })
    }
    return latencies
  })
}

/** The audit chain's ceiling: audited transactions that do nothing else, at the same concurrency. */
export async function driveAuditOnly(app: TestApp, count: number, concurrency: number): Promise<Samples> {
  return runConcurrently(count, concurrency, async (i) => {
    const begin = performance.now()
    await app.db.transaction((tx) =>
      app.services.audit.record(tx, CONTEXT, { action: 'bench.noop', target: `bench:${i}`, result: 'success' }),
    )
    return [performance.now() - begin]
  })
}
