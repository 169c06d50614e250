import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createManualClock } from '../../platform/jobs/index.js'
import { startTestApp, type TestApp } from '../../test-support/test-app.js'
import { BpmnError } from './token-engine.js'
import { actorFor, TEST_CONTEXT } from './workflow-test-support.js'

type Step =
  | { complete: string; variables?: Record<string, unknown>; as?: string }
  | { advance: string }
  | { message: string }
  | { expectOpen: string[] }
  | { expectOpenCount: Record<string, number> }
  | { expectStatus: string }
  | { expectTaskNames: string[] }
  | { expectVariables: Record<string, unknown> }
  | { expectIncidents: string[] }
  | { expectNoVariables: string[] }
  | { completeRefused: string; as: string }
  | { reassign: string; to: string }
  | { work: string; variables?: Record<string, unknown> }
  | { workError: string; errorCode: string }
  | { expectChildVariables: { present: Record<string, unknown>; absent: string[] } }

type Case = {
  description: string
  /** The process to start when the file holds several, or its process tag has an unusual prefix. */
  processKey?: string
  /** The file must be refused at deployment: the error code and the words the Chinese message must contain. */
  refused?: { code: string; contains: string[] }
  /** Words that must appear among the deployment warnings. */
  warnings?: string[]
  deployFirst?: string[]
  variables?: Record<string, unknown>
  steps?: Step[]
  completed?: string[]
  status?: string
  openTasks?: string[]
  incidents?: string[]
}

const folder = path.join(import.meta.dirname, 'conformance')
const cases = readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({
    name: file.replace(/\.json$/, ''),
    spec: JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Case,
  }))

function durationMs(text: string): number {
  const match = /^PT?(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?$/.exec(text)
  if (!match) throw new Error(`bad duration ${text}`)
  return ((Number(match[1] ?? 0) * 24 + Number(match[2] ?? 0)) * 60 + Number(match[3] ?? 0)) * 60_000
}

describe('BPMN conformance: each file runs to its expected sequence of completed elements', () => {
  let app: TestApp
  // Friday 2025-09-26 09:00 in Beijing, just before the National Day holiday and its 调休 workdays.
  const clock = createManualClock(new Date('2025-09-26T01:00:00Z'))
  const flakyCalls = new Map<string, number>()

  beforeAll(async () => {
    app = await startTestApp({ clock })
    const { workflow } = app.services.workflow
    workflow.registerHandler('conformance.fee', ({ variables }) => ({ fee: Number(variables.area) * 0.5 }))
    workflow.registerHandler('conformance.flaky', ({ instanceId }) => {
      const calls = (flakyCalls.get(instanceId) ?? 0) + 1
      flakyCalls.set(instanceId, calls)
      if (calls < 3) throw new Error(`对方系统暂不可用（第 ${calls} 次）`)
      return undefined
    })
    workflow.registerHandler('conformance.broken', () => {
      throw new Error('对方系统返回 500')
    })
    workflow.registerHandler('conformance.reject', () => {
      throw new BpmnError('MATERIAL_MISSING', '缺少证照')
    })
  })
  afterAll(async () => {
    await app?.close()
  })

  // External workers (ADR 0024), one per topic, made once through the service as a system administrator would.
  const workers = new Map<string, { id: string; name: string; topics: string[] }>()
  async function workerFor(topic: string) {
    let worker = workers.get(topic)
    if (!worker) {
      const { external } = app.services.workflow
      const created = await external.createWorker(TEST_CONTEXT, await actorFor(app, 'chenjing'), {
        name: `conformance-${topic}`,
        topics: [topic],
      })
      worker = await external.authenticate(`Bearer ${created.token}`)
      workers.set(topic, worker)
    }
    return worker
  }
  async function fetchOne(topic: string) {
    const worker = await workerFor(topic)
    const [task] = await app.services.workflow.external.fetchAndLock(worker, {
      topics: [topic],
      maxTasks: 1,
      lockDurationMs: 60_000,
    })
    expect(task, `an external task on topic ${topic}`).toBeDefined()
    return { worker, task: task as NonNullable<typeof task> }
  }

  async function openTasks(rootId: string) {
    const { rows } = await app.db.query<{ id: string; element_id: string; assignee_id: string | null }>(
      `SELECT id, element_id, assignee_id FROM workflow.tasks WHERE root_instance_id = $1 AND state = 'open'
       ORDER BY created_at, id`,
      [rootId],
    )
    return rows
  }

  async function status(rootId: string) {
    const { rows } = await app.db.query<{ status: string }>('SELECT status FROM workflow.instances WHERE id = $1', [
      rootId,
    ])
    return rows[0]?.status
  }

  for (const { name, spec } of cases) {
    test(`${name}: ${spec.description}`, async () => {
      const { workflow, tasks } = app.services.workflow
      const chenjing = await actorFor(app, 'chenjing')
      for (const file of spec.deployFirst ?? []) {
        await workflow.deploy(TEST_CONTEXT, chenjing, readFileSync(path.join(folder, file), 'utf8'))
      }
      const xml = readFileSync(path.join(folder, `${name}.bpmn`), 'utf8')
      if (spec.refused) {
        const refusal = await workflow.deploy(TEST_CONTEXT, chenjing, xml).then(
          () => undefined,
          (error: { code?: string; message?: string }) => error,
        )
        expect(refusal?.code, 'the deployment is refused').toBe(spec.refused.code)
        for (const words of spec.refused.contains) expect(refusal?.message).toContain(words)
        expect(refusal?.message, 'no English parser text').not.toMatch(/unparsable|unresolved|unknown|duplicate/i)
        return
      }
      const deployed = await workflow.deploy(TEST_CONTEXT, chenjing, xml)
      const warningText = deployed.warnings.map((warning) => warning.message).join('\n')
      for (const words of spec.warnings ?? []) expect(warningText).toContain(words)
      const processKey = spec.processKey ?? (/<(?:[\w-]+:)?process\b[^>]*?\bid="([^"]+)"/.exec(xml)?.[1] as string)
      const { id } = await workflow.startInstance(TEST_CONTEXT, chenjing, {
        processKey,
        variables: spec.variables ?? {},
      })

      for (const step of spec.steps ?? []) {
        if ('complete' in step) {
          const task = (await openTasks(id)).find((candidate) => candidate.element_id === step.complete)
          expect(task, `open task at ${step.complete}`).toBeDefined()
          const assignee = task?.assignee_id
            ? await app.services.workflow.directory.findStaffById(task.assignee_id)
            : undefined
          const actor = await actorFor(app, step.as ?? assignee?.loginName ?? 'chenjing')
          await tasks.completeTask(TEST_CONTEXT, actor, task?.id as string, { variables: step.variables ?? {} })
        } else if ('advance' in step) {
          clock.advance(durationMs(step.advance))
          await app.services.jobs.runDueJobs()
        } else if ('message' in step) {
          await workflow.deliverMessage(TEST_CONTEXT, chenjing, { messageName: step.message, instanceId: id })
        } else if ('expectTaskNames' in step) {
          const { rows } = await app.db.query<{ name: string }>(
            `SELECT name FROM workflow.tasks WHERE root_instance_id = $1 AND state = 'open' ORDER BY name`,
            [id],
          )
          expect(rows.map((row) => row.name)).toEqual([...step.expectTaskNames].sort())
        } else if ('expectVariables' in step) {
          const { rows } = await app.db.query<{ name: string; value: unknown }>(
            'SELECT name, value FROM workflow.variables WHERE instance_id = $1',
            [id],
          )
          const variables = Object.fromEntries(rows.map((row) => [row.name, row.value]))
          expect(variables).toMatchObject(step.expectVariables)
        } else if ('completeRefused' in step) {
          const task = (await openTasks(id)).find((candidate) => candidate.element_id === step.completeRefused)
          const refusal = await tasks
            .completeTask(TEST_CONTEXT, await actorFor(app, step.as), task?.id as string, {})
            .then(
              () => undefined,
              (error: { statusCode?: number }) => error,
            )
          expect(refusal?.statusCode, `${step.as} may not complete ${step.completeRefused}`).toBe(403)
        } else if ('reassign' in step) {
          const task = (await openTasks(id)).find((candidate) => candidate.element_id === step.reassign)
          await tasks.reassignTask(TEST_CONTEXT, chenjing, task?.id as string, {
            loginName: step.to,
            reason: '指定办理人',
          })
        } else if ('work' in step) {
          const { worker, task } = await fetchOne(step.work)
          await app.services.workflow.external.complete(TEST_CONTEXT, worker, task.id, {
            variables: step.variables ?? {},
          })
        } else if ('workError' in step) {
          const { worker, task } = await fetchOne(step.workError)
          await app.services.workflow.external.throwBpmnError(TEST_CONTEXT, worker, task.id, {
            errorCode: step.errorCode,
          })
        } else if ('expectNoVariables' in step) {
          const { rows } = await app.db.query<{ name: string }>(
            'SELECT name FROM workflow.variables WHERE instance_id = $1',
            [id],
          )
          for (const name of step.expectNoVariables) expect(rows.map((row) => row.name)).not.toContain(name)
        } else if ('expectChildVariables' in step) {
          const { rows } = await app.db.query<{ name: string; value: unknown }>(
            `SELECT v.name, v.value FROM workflow.variables v JOIN workflow.instances i ON i.id = v.instance_id
              WHERE i.root_instance_id = $1 AND i.parent_instance_id IS NOT NULL`,
            [id],
          )
          const variables = Object.fromEntries(rows.map((row) => [row.name, row.value]))
          expect(variables).toMatchObject(step.expectChildVariables.present)
          for (const name of step.expectChildVariables.absent) expect(Object.keys(variables)).not.toContain(name)
        } else if ('expectIncidents' in step) {
          const { rows } = await app.db.query<{ element_id: string }>(
            'SELECT element_id FROM workflow.incidents WHERE instance_id = $1 AND resolved_at IS NULL ORDER BY created_at',
            [id],
          )
          expect(rows.map((row) => row.element_id)).toEqual(step.expectIncidents)
        } else if ('expectOpen' in step) {
          expect((await openTasks(id)).map((task) => task.element_id).sort()).toEqual([...step.expectOpen].sort())
        } else if ('expectOpenCount' in step) {
          for (const [elementId, count] of Object.entries(step.expectOpenCount)) {
            expect((await openTasks(id)).filter((task) => task.element_id === elementId)).toHaveLength(count)
          }
        } else {
          expect(await status(id)).toBe(step.expectStatus)
        }
      }

      const { rows } = await app.db.query<{ element_id: string }>(
        `SELECT h.element_id FROM workflow.history h JOIN workflow.instances i ON i.id = h.instance_id
         WHERE i.root_instance_id = $1 AND h.event = 'element.completed' ORDER BY h.id`,
        [id],
      )
      if (spec.completed) expect(rows.map((row) => row.element_id)).toEqual(spec.completed)
      if (spec.status) expect(await status(id)).toBe(spec.status)
      if (spec.openTasks) expect((await openTasks(id)).map((task) => task.element_id)).toEqual(spec.openTasks)
      if (spec.incidents) {
        const incidents = await app.db.query<{ element_id: string }>(
          'SELECT element_id FROM workflow.incidents WHERE instance_id = $1',
          [id],
        )
        expect(incidents.rows.map((row) => row.element_id)).toEqual(spec.incidents)
      }
    })
  }
})
