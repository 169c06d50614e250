import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { Engine } from 'bpmn-engine'
import type { Actor } from '../src/modules/identity/index.js'
import { migrate } from '../src/platform/db/index.js'
import { startTestApp, type TestApp } from '../src/test-support/test-app.js'
import { openBenchDb } from './bench-db.js'
import type { BenchRow } from './harness.js'
import {
  CONTEXT,
  driveAuditOnly,
  driveCompletions,
  loadReviewers,
  type PendingTask,
  type Samples,
  summarize,
  type Timing,
} from './workflow-drivers.js'
import type { ServerProcessWork } from './workflow-server-process.js'

const BENCH_DATABASE = 'tongban_bench_workflow'
const CONCURRENCY = 8
const OPEN_INSTANCES = 10_000

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

const settle = async () => {
  for (let k = 0; k < 2; k++) await new Promise((resolve) => setImmediate(resolve))
}

/** bpmn-engine in memory: each step recovers the saved state, signals one waiting task and saves the state again. */
async function driveBpmnEngine(instances: number): Promise<Timing> {
  const latencies: number[] = []
  const startedAt = performance.timeOrigin + performance.now()
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
      latencies.push(performance.now() - begin)
    }
  }
  return summarize([{ latencies, startedAt, endedAt: performance.timeOrigin + performance.now() }])
}

/**
 * A county's working set: 10,000 open instances, each with its scope and token, two variables and one review task,
 * spread over four departments (one in twenty already claimed by liqiang), inserted in bulk and analysed, so the
 * completions below run against tables of a realistic size and plans made for them.
 */
async function seedOpenInstances(app: TestApp, definitionId: string, liqiang: Actor) {
  const { departments } = await app.services.workflow.directory.load()
  const departmentIds = departments.slice(0, 4).map((department) => department.id)
  if (liqiang.departmentId && !departmentIds.includes(liqiang.departmentId)) departmentIds[0] = liqiang.departmentId
  await app.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO workflow.instances (id, definition_id, root_instance_id, business_key, status)
       SELECT id, $1, id, 'bench:' || n, 'active' FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $2) n) s`,
      [definitionId, OPEN_INSTANCES],
    )
    await tx.query(
      `INSERT INTO workflow.executions (id, instance_id, parent_id, element_id, kind, state)
       SELECT gen_random_uuid(), id, NULL, 'bench_parallel_approval', 'scope', 'active'
         FROM workflow.instances WHERE business_key LIKE 'bench:%'`,
    )
    await tx.query(
      `INSERT INTO workflow.executions (id, instance_id, parent_id, element_id, kind, state, arrived_by)
       SELECT gen_random_uuid(), instance_id, id, 'marketReview', 'token', 'waiting', 'f1'
         FROM workflow.executions WHERE kind = 'scope' AND element_id = 'bench_parallel_approval'`,
    )
    await tx.query(
      `INSERT INTO workflow.variables (instance_id, name, value)
       SELECT id, name, to_jsonb(value) FROM workflow.instances,
         (VALUES ('applicantName', '某某建设有限公司'), ('itemCode', '11320581MB0T25400K')) v(name, value)
        WHERE business_key LIKE 'bench:%'`,
    )
    await tx.query(
      `INSERT INTO workflow.tasks (instance_id, root_instance_id, execution_id, element_id, name, candidate_department_id,
         candidate_role, assignee_id, due_at)
       SELECT e.instance_id, e.instance_id, e.id, 'marketReview', '主体资格审查',
         ($1::uuid[])[1 + (row_number() OVER () % 4)], 'department_reviewer',
         CASE WHEN row_number() OVER () % 20 = 0 THEN $2::uuid END, now() + (row_number() OVER () % 30) * interval '1 day'
       FROM workflow.executions e WHERE e.kind = 'token' AND e.element_id = 'marketReview'`,
      [departmentIds, liqiang.id],
    )
  })
  await app.db.exec('ANALYZE')
}

async function timeQueries(count: number, fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 10; i++) await fn()
  const latencies: number[] = []
  const startedAt = performance.timeOrigin + performance.now()
  for (let i = 0; i < count; i++) {
    const begin = performance.now()
    await fn()
    latencies.push(performance.now() - begin)
  }
  return summarize([{ latencies, startedAt, endedAt: performance.timeOrigin + performance.now() }])
}

/** Starts `count` instances and returns each one's first tasks with their holders. */
async function startInstances(app: TestApp, starter: Actor, count: number): Promise<PendingTask[][]> {
  const started: string[][] = []
  for (let i = 0; i < count; i++) {
    const instance = await app.services.workflow.workflow.startInstance(CONTEXT, starter, {
      processKey: 'bench_parallel_approval',
    })
    started.push(instance.taskIds)
  }
  const { rows } = await app.db.query<{ id: string; assignee_id: string }>(
    'SELECT id, assignee_id FROM workflow.tasks WHERE id = ANY($1::uuid[])',
    [started.flat()],
  )
  const holders = new Map(rows.map((row) => [row.id, row.assignee_id]))
  return started.map((taskIds) => taskIds.map((taskId) => ({ taskId, assigneeId: holders.get(taskId) as string })))
}

/** Tongban server processes of their own against the bench database, forked and ready for work. */
async function forkServerProcesses(count: number, databaseUrl: string, masterKey: Buffer) {
  const script = fileURLToPath(new URL('./workflow-server-process.ts', import.meta.url))
  const children = Array.from({ length: count }, () =>
    fork(script, [databaseUrl, masterKey.toString('hex')], { execArgv: ['--import', 'tsx'] }),
  )
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('message', resolve))))
  const ask = (child: (typeof children)[number], work: ServerProcessWork) =>
    new Promise<Samples>((resolve, reject) => {
      child.once('message', (samples) => resolve(samples as Samples))
      child.once('exit', (code) => reject(new Error(`bench server process exited with ${code}`)))
      child.send(work)
    })
  return {
    /** Splits the instances over the processes, each at its share of the concurrency; all samples together. */
    async completions(instances: PendingTask[][], concurrency: number): Promise<Timing> {
      const shares = children.map((_, index) => instances.filter((__, i) => i % count === index))
      return summarize(
        await Promise.all(
          children.map((child, index) =>
            ask(child, { kind: 'completions', instances: shares[index] ?? [], concurrency: concurrency / count }),
          ),
        ),
      )
    },
    async audit(total: number, concurrency: number): Promise<Timing> {
      return summarize(
        await Promise.all(
          children.map((child) =>
            ask(child, { kind: 'audit', count: total / count, concurrency: concurrency / count }),
          ),
        ),
      )
    },
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise((resolve) => {
              child.once('exit', resolve)
              child.send({ kind: 'stop' } satisfies ServerProcessWork)
            }),
        ),
      )
    },
  }
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
 * Task completions of the three-department parallel approval with countersign — in this process, or in 2 Tongban
 * server processes of their own against one PostgreSQL — with 10,000 other instances open; the audit chain's
 * ceiling on the same database; and the inbox queries over those 10,000 instances.
 */
export async function benchWorkflow(engine: 'pglite' | 'postgres', processes: 1 | 2 = 1): Promise<BenchRow[]> {
  const label = engine === 'pglite' ? 'PGlite' : `PostgreSQL, ${processes} process${processes === 2 ? 'es' : ''}`
  const { db, url, cleanup } = await openBenchDb(engine, BENCH_DATABASE)
  const masterKey = randomBytes(32)
  let app: TestApp | undefined
  let servers: Awaited<ReturnType<typeof forkServerProcesses>> | undefined
  try {
    await migrate(db)
    app = await startTestApp({ db, masterKey })
    const actors = await loadReviewers(app)
    const byLogin = (loginName: string) => [...actors.values()].find((actor) => actor.loginName === loginName) as Actor
    const deployed = await app.services.workflow.workflow.deploy(CONTEXT, byLogin('chenjing'), PARALLEL_APPROVAL_XML)
    await seedOpenInstances(app, deployed.versions[0]?.id as string, byLogin('liqiang'))
    const concurrency = engine === 'pglite' ? 1 : CONCURRENCY
    const instances = engine === 'pglite' ? 40 : 400
    const warmUp = await startInstances(app, byLogin('chenjing'), engine === 'pglite' ? 5 : 40)
    const measured = await startInstances(app, byLogin('chenjing'), instances)

    let completions: Timing
    let audited: Timing
    if (processes === 2 && url) {
      servers = await forkServerProcesses(2, url, masterKey)
      await servers.completions(warmUp, concurrency)
      completions = await servers.completions(measured, concurrency)
      audited = await servers.audit(instances * 6, concurrency)
    } else {
      await driveCompletions(app, actors, warmUp, concurrency)
      completions = summarize([await driveCompletions(app, actors, measured, concurrency)])
      audited = summarize([await driveAuditOnly(app, instances * 6, concurrency)])
    }
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
      const liqiang = byLogin('liqiang')
      const tasks = app.services.workflow.tasks
      const unclaimed = await timeQueries(50, () => tasks.listInbox(liqiang, 'unclaimed'))
      const mine = await timeQueries(50, () => tasks.listInbox(liqiang, 'mine'))
      const plain = await timeQueries(50, () =>
        db.query(
          `SELECT id FROM workflow.tasks WHERE state = 'open' AND assignee_id IS NULL AND candidate_department_id = $1
           ORDER BY due_at LIMIT 100`,
          [liqiang.departmentId],
        ),
      )
      rows.push(
        row(
          `workflow: inbox 部门待认领, ${OPEN_INSTANCES} open instances (${label})`,
          unclaimed,
          'one-table index scan, ids only',
          plain,
        ),
        row(
          `workflow: inbox 我的待办, ${OPEN_INSTANCES} open instances (${label})`,
          mine,
          'one-table index scan, ids only',
          plain,
        ),
      )
    }
    return rows
  } finally {
    await servers?.stop()
    await app?.close()
    await db.close()
    await cleanup()
  }
}
