import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Engine } from 'bpmn-engine'
import pg from 'pg'
import type { Actor } from '../src/modules/identity/index.js'
import { type Db, migrate, openDb } from '../src/platform/db/index.js'
import { startTestApp, type TestApp } from '../src/test-support/test-app.js'
import type { BenchRow } from './harness.js'

const PG_URL = process.env.TONGBAN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const BENCH_DATABASE = 'tongban_bench_workflow'
const CONCURRENCY = 8
const INBOX_INSTANCES = 10_000
const CONTEXT = { actor: null, clientAddress: null, requestId: null }

// 并联审批: three departments review at once, then a countersign of three (会签, all must agree). The same XML runs
// on our engine and on bpmn-engine (which ignores the tongban: attributes): six completions per instance.
export const PARALLEL_APPROVAL_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tongban="http://tongban.org/schema/bpmn" id="bench_definitions" targetNamespace="http://tongban.org/bench">
  <bpmn:process id="bench_parallel_approval" name="并联审批（基准）" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:parallelGateway id="split" />
    <bpmn:userTask id="marketReview" name="主体资格审查" tongban:assigneeRule="user" tongban:user="liqiang" tongban:dueWorkingDays="5" />
    <bpmn:userTask id="housingReview" name="施工条件审查" tongban:assigneeRule="user" tongban:user="zhaogang" tongban:dueWorkingDays="5" />
    <bpmn:userTask id="planningReview" name="规划审查" tongban:assigneeRule="user" tongban:user="qianlei" tongban:dueWorkingDays="5" />
    <bpmn:parallelGateway id="join" />
    <bpmn:userTask id="countersign" name="联合会签" tongban:assigneeRule="user" tongban:user="chenjing" tongban:countersign="all">
      <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="split" />
    <bpmn:sequenceFlow id="f1" sourceRef="split" targetRef="marketReview" />
    <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="housingReview" />
    <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="planningReview" />
    <bpmn:sequenceFlow id="f4" sourceRef="marketReview" targetRef="join" />
    <bpmn:sequenceFlow id="f5" sourceRef="housingReview" targetRef="join" />
    <bpmn:sequenceFlow id="f6" sourceRef="planningReview" targetRef="join" />
    <bpmn:sequenceFlow id="f7" sourceRef="join" targetRef="countersign" />
    <bpmn:sequenceFlow id="f8" sourceRef="countersign" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`

type Timing = { medianMs: number; p95Ms: number; perSecond: number; count: number }

function summarize(samples: number[], wallMs: number): Timing {
  samples.sort((a, b) => a - b)
  const at = (fraction: number) => samples[Math.min(samples.length - 1, Math.ceil(fraction * samples.length) - 1)] ?? 0
  return {
    medianMs: at(0.5),
    p95Ms: at(0.95),
    perSecond: Math.round((samples.length / wallMs) * 1000),
    count: samples.length,
  }
}

/** Runs `work(i)` for i < count with `concurrency` workers; per-call latencies and calls per second. */
async function runConcurrently(
  count: number,
  concurrency: number,
  work: (i: number, worker: number) => Promise<number[]>,
) {
  const samples: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < count) {
        const i = next++
        samples.push(...(await work(i, worker)))
      }
    }),
  )
  return summarize(samples, performance.now() - started)
}

async function openBenchDbs(engine: 'pglite' | 'postgres', pools: number) {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-bench-workflow-'))
    const db = await openDb({ databaseUrl: undefined, dataDir, databasePoolSize: 1 })
    return { dbs: [db], cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) }
  }
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`)
  await admin.end()
  const url = new URL(PG_URL)
  url.pathname = `/${BENCH_DATABASE}`
  const dbs: Db[] = []
  for (let i = 0; i < pools; i++)
    dbs.push(await openDb({ databaseUrl: url.toString(), dataDir: '', databasePoolSize: 10 }))
  return {
    dbs,
    cleanup: async () => {
      const again = new pg.Client({ connectionString: PG_URL })
      await again.connect()
      await again.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`)
      await again.end()
    },
  }
}

async function actorOf(app: TestApp, loginName: string): Promise<Actor> {
  const staff = await app.services.workflow.directory.findStaff(loginName)
  if (!staff) throw new Error(`no staff ${loginName}`)
  return {
    id: staff.id,
    sessionId: 'bench',
    csrfToken: 'bench',
    permissions: new Set<string>(),
    kind: 'staff',
    loginName: staff.loginName,
    displayName: staff.displayName,
    roles: staff.roles,
    departmentId: staff.departmentId,
    departmentName: null,
  } as unknown as Actor
}

/** Completes every task of `instances` parallel approvals, instances spread over the apps; latency per completion. */
async function driveCompletions(apps: TestApp[], instances: number, concurrency: number): Promise<Timing> {
  const [first] = apps as [TestApp]
  const actors = new Map<string, Actor>()
  for (const name of ['liqiang', 'zhaogang', 'qianlei', 'chenjing']) {
    const actor = await actorOf(first, name)
    actors.set(actor.id, actor)
  }
  const chenjing = [...actors.values()].find((actor) => actor.loginName === 'chenjing') as Actor
  const started: string[][] = []
  for (let i = 0; i < instances; i++) {
    const instance = await first.services.workflow.workflow.startInstance(CONTEXT, chenjing, {
      processKey: 'bench_parallel_approval',
    })
    started.push(instance.taskIds)
  }
  // Who holds each task: looked up once per batch of new tasks, so the harness adds little load of its own.
  const assigneesOf = async (app: TestApp, taskIds: string[]) => {
    const { rows } = await app.db.query<{ id: string; assignee_id: string }>(
      'SELECT id, assignee_id FROM workflow.tasks WHERE id = ANY($1::uuid[])',
      [taskIds],
    )
    return rows.map((row) => ({ taskId: row.id, actor: actors.get(row.assignee_id) as Actor }))
  }
  const firstTasks = new Map((await assigneesOf(first, started.flat())).map((task) => [task.taskId, task]))
  return runConcurrently(instances, concurrency, async (i, worker) => {
    const app = apps[worker % apps.length] as TestApp
    const pending = (started[i] as string[]).map((taskId) => firstTasks.get(taskId) as { taskId: string; actor: Actor })
    const samples: number[] = []
    while (pending.length > 0) {
      const { taskId, actor } = pending.shift() as { taskId: string; actor: Actor }
      const begin = performance.now()
      const done = await app.services.workflow.tasks.completeTask(CONTEXT, actor, taskId, { opinion: '同意' })
      samples.push(performance.now() - begin)
      if (done.nextTaskIds.length > 0) pending.push(...(await assigneesOf(app, done.nextTaskIds)))
    }
    return samples
  })
}

/** The audit chain's ceiling: audited transactions that do nothing else, at the same concurrency. */
async function driveAuditOnly(apps: TestApp[], count: number, concurrency: number): Promise<Timing> {
  return runConcurrently(count, concurrency, async (i, worker) => {
    const app = apps[worker % apps.length] as TestApp
    const begin = performance.now()
    await app.db.transaction((tx) =>
      app.services.audit.record(tx, CONTEXT, { action: 'bench.noop', target: `bench:${i}`, result: 'success' }),
    )
    return [performance.now() - begin]
  })
}

const settle = async () => {
  for (let k = 0; k < 2; k++) await new Promise((resolve) => setImmediate(resolve))
}

/** bpmn-engine in memory: each step recovers the saved state, signals one waiting task and saves the state again. */
async function driveBpmnEngine(instances: number): Promise<Timing> {
  const samples: number[] = []
  const started = performance.now()
  for (let i = 0; i < instances; i++) {
    const engine = new Engine({ name: `bench-${i}`, source: PARALLEL_APPROVAL_XML })
    await engine.execute()
    await settle()
    let state = JSON.stringify(await engine.getState())
    for (;;) {
      const begin = performance.now()
      const recovered = new Engine().recover(JSON.parse(state))
      const listener = new EventEmitter()
      const waiting: { signal: () => void }[] = []
      listener.on('activity.wait', (api: { signal: () => void }) => waiting.push(api))
      const execution = await recovered.resume({ listener })
      await settle()
      if (execution.state !== 'running' || waiting.length === 0) break
      ;(waiting[0] as { signal: () => void }).signal()
      await settle()
      state = JSON.stringify(await recovered.getState())
      samples.push(performance.now() - begin)
    }
  }
  return summarize(samples, performance.now() - started)
}

/** 10,000 open instances with one task each, spread over four departments, inserted in bulk. */
async function seedOpenInstances(app: TestApp, definitionId: string, liqiang: Actor) {
  const { departments } = await app.services.workflow.directory.load()
  const departmentIds = departments.slice(0, 4).map((department) => department.id)
  if (liqiang.departmentId && !departmentIds.includes(liqiang.departmentId)) departmentIds[0] = liqiang.departmentId
  await app.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO workflow.instances (id, definition_id, root_instance_id, business_key, status)
       SELECT id, $1, id, 'bench:' || n, 'active' FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $2) n) s`,
      [definitionId, INBOX_INSTANCES],
    )
    await tx.query(
      `INSERT INTO workflow.tasks (instance_id, root_instance_id, execution_id, element_id, name, candidate_department_id,
         candidate_role, assignee_id, due_at)
       SELECT i.id, i.id, gen_random_uuid(), 'marketReview', '主体资格审查', ($1::uuid[])[1 + (n % 4)], 'department_reviewer',
         CASE WHEN n % 20 = 0 THEN $2::uuid END, now() + (n % 30) * interval '1 day'
       FROM (SELECT id, row_number() OVER () AS n FROM workflow.instances WHERE business_key LIKE 'bench:%') i`,
      [departmentIds, liqiang.id],
    )
  })
}

async function timeQueries(count: number, fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 10; i++) await fn()
  const samples: number[] = []
  const started = performance.now()
  for (let i = 0; i < count; i++) {
    const begin = performance.now()
    await fn()
    samples.push(performance.now() - begin)
  }
  return summarize(samples, performance.now() - started)
}

const row = (name: string, ours: Timing, baseline: string, base: Timing): BenchRow => ({
  name,
  baseline,
  medianMs: ours.medianMs,
  p95Ms: ours.p95Ms,
  baselineMedianMs: base.medianMs,
  baselineP95Ms: base.p95Ms,
})

/**
 * Task completions of the three-department parallel approval with countersign (1 or 2 app processes on one
 * database), the audit chain's ceiling on the same database, and the inbox query with 10,000 open instances.
 */
export async function benchWorkflow(engine: 'pglite' | 'postgres', processes: 1 | 2 = 1): Promise<BenchRow[]> {
  const label = engine === 'pglite' ? 'PGlite' : `PostgreSQL, ${processes} process${processes === 2 ? 'es' : ''}`
  const { dbs, cleanup } = await openBenchDbs(engine, processes)
  const masterKey = randomBytes(32)
  const apps: TestApp[] = []
  try {
    await migrate(dbs[0] as Db)
    for (const [index, db] of dbs.entries()) apps.push(await startTestApp({ db, masterKey, seed: index === 0 }))
    const [first] = apps as [TestApp]
    const chenjing = await actorOf(first, 'chenjing')
    const deployed = await first.services.workflow.workflow.deploy(CONTEXT, chenjing, PARALLEL_APPROVAL_XML)
    const concurrency = engine === 'pglite' ? 1 : CONCURRENCY
    const instances = engine === 'pglite' ? 40 : 400

    await driveCompletions(apps, engine === 'pglite' ? 5 : 40, concurrency)
    const completions = await driveCompletions(apps, instances, concurrency)
    const audited = await driveAuditOnly(apps, instances * 6, concurrency)
    const baseline = await driveBpmnEngine(instances)
    console.log(
      `workflow ${label}: ${completions.perSecond} completions/s (${completions.count}, concurrency ${concurrency}); ` +
        `audit-only transactions ${audited.perSecond}/s; bpmn-engine in memory ${baseline.perSecond} steps/s`,
    )
    const rows = [
      row(
        `workflow: complete a task, parallel approval + countersign (${label}, ${concurrency} concurrent) — ${completions.perSecond}/s`,
        completions,
        `bpmn-engine in memory, state restored and saved per step — ${baseline.perSecond}/s`,
        baseline,
      ),
      row(
        `audit: one audited no-op transaction (${label}, ${concurrency} concurrent) — ${audited.perSecond}/s`,
        audited,
        `workflow task completion (same run) — ${completions.perSecond}/s`,
        completions,
      ),
    ]
    if (processes === 1) {
      const liqiang = await actorOf(first, 'liqiang')
      await seedOpenInstances(first, deployed.versions[0]?.id as string, liqiang)
      const tasks = first.services.workflow.tasks
      const unclaimed = await timeQueries(50, () => tasks.listInbox(liqiang, 'unclaimed'))
      const mine = await timeQueries(50, () => tasks.listInbox(liqiang, 'mine'))
      const plain = await timeQueries(50, () =>
        first.db.query(
          `SELECT id FROM workflow.tasks WHERE state = 'open' AND assignee_id IS NULL AND candidate_department_id = $1
           ORDER BY due_at LIMIT 100`,
          [liqiang.departmentId],
        ),
      )
      rows.push(
        row(
          `workflow: inbox 部门待认领, ${INBOX_INSTANCES} open instances (${label})`,
          unclaimed,
          'one-table index scan, ids only',
          plain,
        ),
        row(
          `workflow: inbox 我的待办, ${INBOX_INSTANCES} open instances (${label})`,
          mine,
          'one-table index scan, ids only',
          plain,
        ),
      )
    }
    return rows
  } finally {
    for (const app of apps) await app.close()
    for (const db of dbs) await db.close()
    await cleanup()
  }
}
