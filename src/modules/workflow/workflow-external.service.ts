import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from '../../platform/db/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import type { Actor } from '../identity/index.js'
import type { StepActor } from './token-engine.js'
import { workflowErrors } from './workflow.errors.js'
import * as repo from './workflow.repository.js'
import type { WorkflowService } from './workflow.service.js'

/** A worker as the API knows it after its token was checked. */
export type ExternalWorker = { id: string; name: string; topics: string[] }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MAX_LOCK_MS = 24 * 3_600_000

function digest(secret: string): string {
  return createHash('sm3').update(secret).digest('hex')
}

/**
 * External tasks (ADR 0024): outside systems — a licence printer, the provincial exchange — do a service task's
 * work. A worker fetches and locks tasks of its topics, then completes them with variables, reports a failure with
 * retries left, or throws a BPMN error. One worker holds a task at a time; a lock that runs out frees the task.
 */
export function createExternalTaskService(deps: {
  db: Db
  audit: AuditService
  workflow: WorkflowService
  clock: { now(): Date }
}) {
  const { db, audit, workflow } = deps
  const stepActor = (worker: ExternalWorker): StepActor => ({ id: worker.id, name: `外部系统 ${worker.name}` })

  /** 服务账号: the system administrator creates a worker for some topics; its token is shown once, stored hashed. */
  async function createWorker(context: AuditContext, actor: Actor, input: { name: string; topics: string[] }) {
    const secret = randomBytes(32).toString('base64url')
    return db.transaction(async (tx) => {
      const row = await repo.insertExternalWorker(tx, {
        name: input.name.trim(),
        topics: [...new Set(input.topics.map((topic) => topic.trim()).filter(Boolean))],
        secretHash: digest(secret),
        createdBy: actor.id,
      })
      if (!row) throw workflowErrors.workerNameTaken(input.name)
      await audit.record(tx, context, {
        action: 'workflow.worker.create',
        target: `worker:${row.id}`,
        result: 'success',
        details: { name: row.name, topics: row.topics },
      })
      return { id: row.id, name: row.name, topics: row.topics, token: `${row.id}.${secret}` }
    })
  }

  async function listWorkers() {
    return (await repo.listExternalWorkers(db)).map((row) => ({
      id: row.id,
      name: row.name,
      topics: row.topics,
      createdAt: row.created_at,
      disabledAt: row.disabled_at,
    }))
  }

  async function disableWorker(context: AuditContext, id: string) {
    return db.transaction(async (tx) => {
      if (!(await repo.disableExternalWorker(tx, id, deps.clock.now()))) throw workflowErrors.workerNotFound()
      await audit.record(tx, context, {
        action: 'workflow.worker.disable',
        target: `worker:${id}`,
        result: 'success',
        details: {},
      })
    })
  }

  /** Checks `Authorization: Bearer <worker id>.<secret>`. Throws WORKFLOW_WORKER_UNAUTHENTICATED (401). */
  async function authenticate(header: string | undefined): Promise<ExternalWorker> {
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? ''
    const [id, secret] = token.split('.')
    if (!id || !secret || !UUID.test(id)) throw workflowErrors.workerUnauthenticated()
    const worker = await repo.findExternalWorker(db, id)
    const given = Buffer.from(digest(secret), 'hex')
    const stored = Buffer.from(worker?.secret_hash ?? digest('-'), 'hex')
    if (!worker || worker.disabled_at || !timingSafeEqual(given, stored)) throw workflowErrors.workerUnauthenticated()
    return { id: worker.id, name: worker.name, topics: worker.topics }
  }

  function requireTopics(worker: ExternalWorker, topics: string[]) {
    for (const topic of topics) if (!worker.topics.includes(topic)) throw workflowErrors.workerTopicForbidden(topic)
  }

  /** Fetch and lock: up to `maxTasks` tasks of the topics, locked for `lockDurationMs`, with their variables. */
  async function fetchAndLock(
    worker: ExternalWorker,
    input: { topics: string[]; maxTasks: number; lockDurationMs: number },
  ) {
    requireTopics(worker, input.topics)
    const now = deps.clock.now()
    const lockUntil = new Date(now.getTime() + Math.min(input.lockDurationMs, MAX_LOCK_MS))
    return db.transaction(async (tx) => {
      const locked = await repo.lockExternalTasks(tx, {
        topics: input.topics,
        limit: input.maxTasks,
        workerName: worker.name,
        now,
        lockUntil,
      })
      const tasks = []
      for (const task of locked) {
        tasks.push({
          id: task.id,
          topic: task.topic,
          processInstanceId: task.instance_id,
          elementId: task.element_id,
          businessKey: task.business_key,
          retries: task.retries,
          lockExpiresAt: lockUntil.toISOString(),
          variables: await repo.listVariablesOfInstance(tx, task.instance_id),
        })
      }
      return tasks
    })
  }

  /**
   * Runs a worker's answer as one engine step: the instance tree is locked first, then the task row, which must be
   * locked by this worker and not expired. Throws WORKFLOW_EXTERNAL_TASK_NOT_FOUND, WORKFLOW_EXTERNAL_TASK_LOCK_LOST.
   */
  async function onLockedTask<T>(
    worker: ExternalWorker,
    taskId: string,
    work: (step: Parameters<Parameters<WorkflowService['runStep']>[2]>[0], task: repo.ExternalTaskRow) => Promise<T>,
  ): Promise<T> {
    if (!UUID.test(taskId)) throw workflowErrors.externalTaskNotFound()
    const seen = await repo.findExternalTask(db, taskId)
    if (!seen) throw workflowErrors.externalTaskNotFound()
    requireTopics(worker, [seen.topic])
    return workflow.runStep(seen.root_instance_id, stepActor(worker), async (step, root) => {
      if (root.status !== 'active') throw workflowErrors.instanceNotActive(root.status)
      const task = await repo.findExternalTaskForUpdate(step.tx, taskId)
      if (!task) throw workflowErrors.externalTaskNotFound()
      const lockHeld = task.worker_name === worker.name && task.lock_expires_at && task.lock_expires_at > step.now
      if (!lockHeld) throw workflowErrors.externalTaskLockLost()
      return work(step, task)
    })
  }

  async function complete(
    context: AuditContext,
    worker: ExternalWorker,
    taskId: string,
    input: { variables?: Record<string, unknown> },
  ) {
    return onLockedTask(worker, taskId, async (step, task) => {
      const token = step.executions.get(task.execution_id)
      if (!token) throw workflowErrors.externalTaskNotFound()
      await repo.deleteExternalTask(step.tx, task.id)
      step.setVariables(task.instance_id, input.variables ?? {})
      step.record(task.instance_id, 'external-task.completed', {
        element: step.elementOf(token),
        details: { topic: task.topic, worker: worker.name },
      })
      await step.leave(token)
      await audit.record(step.tx, context, {
        action: 'workflow.external-task.complete',
        target: `instance:${task.instance_id}`,
        result: 'success',
        details: { topic: task.topic, elementId: task.element_id, worker: worker.name },
      })
    })
  }

  /** A failure: with retries left the task is fetchable again after `retryTimeoutMs`; with none, an incident. */
  async function fail(
    context: AuditContext,
    worker: ExternalWorker,
    taskId: string,
    input: { errorMessage: string; retries: number; retryTimeoutMs?: number },
  ) {
    return onLockedTask(worker, taskId, async (step, task) => {
      const token = step.executions.get(task.execution_id)
      if (!token) throw workflowErrors.externalTaskNotFound()
      const element = step.elementOf(token)
      const availableAt = new Date(step.now.getTime() + Math.min(input.retryTimeoutMs ?? 0, MAX_LOCK_MS))
      await repo.recordExternalTaskFailure(step.tx, task.id, {
        retries: Math.max(0, input.retries),
        errorMessage: input.errorMessage,
        availableAt,
      })
      if (input.retries <= 0) {
        await step.raiseIncident(token, element, `外部系统 ${worker.name} 处理失败且不再重试：${input.errorMessage}`, {
          topic: task.topic,
        })
      } else {
        step.record(task.instance_id, 'external-task.failed', {
          element,
          reason: input.errorMessage,
          details: { worker: worker.name, retries: input.retries },
        })
      }
      await audit.record(step.tx, context, {
        action: 'workflow.external-task.fail',
        target: `instance:${task.instance_id}`,
        result: 'success',
        details: { topic: task.topic, elementId: task.element_id, worker: worker.name, retries: input.retries },
      })
    })
  }

  /** A business error: the token leaves through the matching error boundary (or the instance ends, uncaught). */
  async function throwBpmnError(
    context: AuditContext,
    worker: ExternalWorker,
    taskId: string,
    input: { errorCode: string; errorMessage?: string; variables?: Record<string, unknown> },
  ) {
    return onLockedTask(worker, taskId, async (step, task) => {
      const token = step.executions.get(task.execution_id)
      if (!token) throw workflowErrors.externalTaskNotFound()
      await repo.deleteExternalTask(step.tx, task.id)
      step.setVariables(task.instance_id, input.variables ?? {})
      step.record(task.instance_id, 'service.error-thrown', {
        element: step.elementOf(token),
        reason: input.errorMessage ?? null,
        details: { errorCode: input.errorCode, worker: worker.name },
      })
      await step.throwError(token, input.errorCode)
      await audit.record(step.tx, context, {
        action: 'workflow.external-task.bpmn-error',
        target: `instance:${task.instance_id}`,
        result: 'success',
        details: { topic: task.topic, elementId: task.element_id, worker: worker.name, errorCode: input.errorCode },
      })
    })
  }

  return { createWorker, listWorkers, disableWorker, authenticate, fetchAndLock, complete, fail, throwBpmnError }
}

export type ExternalTaskService = ReturnType<typeof createExternalTaskService>
