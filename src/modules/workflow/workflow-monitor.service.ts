import type { Db } from '../../platform/db/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import type { Actor } from '../identity/index.js'
import type { EngineStep } from './token-engine.js'
import { workflowErrors } from './workflow.errors.js'
import * as repo from './workflow.repository.js'
import type { WorkflowService } from './workflow.service.js'

/** Monitoring and administration of instances: the diagram state, and audited admin actions. */
export function createWorkflowMonitorService(deps: { db: Db; audit: AuditService; workflow: WorkflowService }) {
  const { db, audit, workflow } = deps

  async function listInstances(filter: { processKey?: string; status?: string; limit?: number }) {
    return repo.listInstances(db, { ...filter, limit: filter.limit ?? 100 })
  }

  /** Everything the monitoring page draws. Throws WORKFLOW_INSTANCE_NOT_FOUND. */
  async function getInstanceView(instanceId: string) {
    const instance = await repo.findInstance(db, instanceId)
    if (!instance) throw workflowErrors.instanceNotFound()
    const definition = await workflow.getDefinition(instance.definition_id)
    const [history, { executions, variables, instances }, tasks, incidents, jobs, subscriptions] = await Promise.all([
      repo.listHistory(db, instance.root_instance_id),
      repo.loadTree(db, instance.root_instance_id),
      repo.listTasksOfInstance(db, instance.root_instance_id),
      repo.listIncidents(db, instance.root_instance_id),
      repo.listPendingJobs(db, instance.root_instance_id),
      repo.listSubscriptionsOfTree(db, instance.root_instance_id),
    ])
    const ownExecutionIds = new Set(
      executions.filter((execution) => execution.instance_id === instance.id).map((execution) => execution.id),
    )
    // Parent and child instances of call activities link to each other (issue 13 item 6).
    const children = await Promise.all(
      instances
        .filter((child) => child.parent_instance_id === instance.id)
        .map(async (child) => {
          const childDefinition = await workflow.getDefinition(child.definition_id)
          const waiting = executions.find((execution) => execution.id === child.parent_execution_id)
          return {
            id: child.id,
            status: child.status,
            processKey: childDefinition.process_key,
            processName: childDefinition.name,
            callActivityId: waiting?.element_id ?? null,
          }
        }),
    )
    const own = (row: { instance_id: string }) => row.instance_id === instance.id
    const completed = [
      ...new Set(
        history
          .filter((entry) => own(entry) && entry.event === 'element.completed')
          .map((entry) => entry.element_id as string),
      ),
    ]
    const active = [
      ...new Set(
        executions
          .filter((execution) => own(execution) && execution.parent_id !== null)
          .map((execution) => execution.element_id),
      ),
    ]
    return {
      instance,
      definition: {
        id: definition.id,
        processKey: definition.process_key,
        version: definition.version,
        name: definition.name,
        xml: definition.xml,
      },
      completedElementIds: completed,
      activeElementIds: active,
      executions: executions.filter(own),
      // 待申请人补正: steps returned to the applicant, waiting for the supplement.
      awaitingApplicant: executions
        .filter(own)
        .flatMap((execution) =>
          execution.data.awaitingApplicant
            ? [{ elementId: execution.element_id, ...execution.data.awaitingApplicant }]
            : [],
        ),
      variables: Object.fromEntries(variables.filter(own).map((variable) => [variable.name, variable.value])),
      tasks: tasks.filter(own),
      incidents: incidents.filter(own),
      history: history.filter(own),
      childInstances: children,
      // What the instance waits for: timers (with due time), service-task retries and message subscriptions.
      pendingJobs: jobs
        .filter((job) => ownExecutionIds.has(job.execution_id))
        .map((job) => ({
          kind: job.kind === 'workflow.timer' ? ('timer' as const) : ('service-retry' as const),
          executionId: job.execution_id,
          elementId:
            job.element_id ?? executions.find((execution) => execution.id === job.execution_id)?.element_id ?? '',
          dueAt: job.run_at,
        })),
      messageSubscriptions: subscriptions.filter(own).map((subscription) => ({
        executionId: subscription.execution_id,
        elementId: subscription.element_id,
        messageName: subscription.message_name,
        businessKey: subscription.business_key,
        since: subscription.created_at,
      })),
    }
  }

  async function adminStep<T>(
    context: AuditContext,
    actor: Actor,
    instanceId: string,
    action: string,
    details: Record<string, unknown>,
    work: (step: EngineStep, root: repo.InstanceRow) => Promise<T>,
  ): Promise<T> {
    const instance = await repo.findInstance(db, instanceId)
    if (!instance) throw workflowErrors.instanceNotFound()
    return workflow.runStep(
      instance.root_instance_id,
      { id: actor.id, name: actor.displayName },
      async (step, root) => {
        const result = await work(step, root)
        step.record(instanceId, `instance.${action}`, {
          reason: (details.reason as string | undefined) ?? null,
          details,
        })
        await audit.record(step.tx, context, {
          action: `workflow.instance.${action}`,
          target: `instance:${instanceId}`,
          result: 'success',
          details,
        })
        return result
      },
    )
  }

  /** 挂起 / 恢复: a suspended instance refuses task completion; its timers wait. Throws WORKFLOW_INSTANCE_NOT_ACTIVE. */
  async function setSuspended(
    context: AuditContext,
    actor: Actor,
    instanceId: string,
    suspended: boolean,
    reason: string,
  ) {
    return adminStep(context, actor, instanceId, suspended ? 'suspend' : 'resume', { reason }, async (step, root) => {
      const expected = suspended ? 'active' : 'suspended'
      if (root.status !== expected) throw workflowErrors.instanceNotActive(root.status)
      for (const instance of step.instances.values()) {
        if (instance.status !== expected) continue
        step.setInstanceStatus(instance, suspended ? 'suspended' : 'active', null, false)
      }
    })
  }

  /** 撤销: cancels a running instance with its tasks, timers and called instances. */
  async function cancelInstance(context: AuditContext, actor: Actor, instanceId: string, reason: string) {
    return adminStep(context, actor, instanceId, 'cancel', { reason }, async (step, root) => {
      if (root.status === 'completed' || root.status === 'terminated' || root.status === 'cancelled') {
        throw workflowErrors.instanceNotActive(root.status)
      }
      await step.removeExecutions(
        [...step.executions.values()].filter((execution) => execution.parent_id === null),
        'cancelled',
      )
      for (const instance of step.instances.values()) {
        if (instance.status === 'completed' || instance.status === 'terminated') continue
        step.setInstanceStatus(instance, 'cancelled', reason, true)
      }
    })
  }

  /** Moves one token to another element of the same scope (its task is cancelled, the target runs). */
  async function moveToken(
    context: AuditContext,
    actor: Actor,
    instanceId: string,
    input: { executionId: string; targetElementId: string; reason: string },
  ) {
    return adminStep(context, actor, instanceId, 'move-token', input, async (step, root) => {
      if (root.status !== 'active') throw workflowErrors.instanceNotActive(root.status)
      const token = step.executions.get(input.executionId)
      if (!token || token.instance_id !== instanceId || token.parent_id === null)
        throw workflowErrors.elementNotFound(input.executionId)
      const model = step.modelOf(instanceId)
      const target = model.elements[input.targetElementId]
      const current = model.elements[token.element_id]
      if (!target || target.kind === 'boundaryEvent' || target.scopeId !== current?.scopeId) {
        throw workflowErrors.elementNotFound(input.targetElementId)
      }
      const scopeId = token.parent_id
      if (token.data.incident) await repo.resolveIncidentsOfExecution(step.tx, token.id, step.now)
      await step.removeExecutions([token], 'moved')
      const fresh = step.newExecution(instanceId, scopeId, target.id, 'token', 'active')
      await step.enter(fresh, target.id, null)
    })
  }

  /**
   * Migrates a running instance to another version of its process. Allowed only when every element holding a
   * token exists in the target version with the same kind (tasks, timers and subscriptions stay as they are).
   * Throws WORKFLOW_MIGRATION_NOT_POSSIBLE.
   */
  async function migrateInstance(context: AuditContext, actor: Actor, instanceId: string, toDefinitionId: string) {
    const target = await workflow.getDefinition(toDefinitionId)
    return adminStep(context, actor, instanceId, 'migrate', { toDefinitionId }, async (step, root) => {
      if (root.status !== 'active' && root.status !== 'suspended') throw workflowErrors.instanceNotActive(root.status)
      const instance = step.instances.get(instanceId) as repo.InstanceRow
      // Read inside the step's transaction: on PGlite (one connection) a query on `db` here would wait forever.
      const from = await repo.findDefinition(step.tx, instance.definition_id)
      if (!from) throw workflowErrors.definitionNotFound(instance.definition_id)
      if (from.process_key !== target.process_key) {
        throw workflowErrors.migrationNotPossible('只能迁移到同一流程的其他版本')
      }
      const missing = [...step.executions.values()]
        .filter((execution) => execution.instance_id === instanceId && execution.parent_id !== null)
        .filter(
          (execution) =>
            target.model.elements[execution.element_id]?.kind !== from.model.elements[execution.element_id]?.kind,
        )
        .map((execution) => execution.element_id)
      if (missing.length > 0) {
        throw workflowErrors.migrationNotPossible(
          `目标版本中没有这些正在办理的环节：${[...new Set(missing)].join('、')}`,
        )
      }
      await repo.setInstanceDefinition(step.tx, instanceId, target.id)
      return { fromVersion: from.version, toVersion: target.version }
    })
  }

  /** Retries a service task whose retries ran out (resolves its incident). */
  async function retryIncident(context: AuditContext, actor: Actor, instanceId: string, executionId: string) {
    return adminStep(context, actor, instanceId, 'retry-incident', { executionId }, async (step) => {
      const token = step.executions.get(executionId)
      if (!token?.data.incident) throw workflowErrors.elementNotFound(executionId)
      token.data = { ...token.data, incident: false, attempts: 0 }
      await repo.resolveIncidentsOfExecution(step.tx, executionId, step.now)
      const element = step.elementOf(token)
      // A service task runs again; any other element stuck without a usable outgoing flow tries its flows again.
      if (element.kind === 'serviceTask') await step.runServiceTask(token, element)
      else await step.leave(token)
    })
  }

  /**
   * 立即触发定时器: a centre manager fires a pending timer now, to test a process without waiting (audited, with the
   * reason). Throws WORKFLOW_TIMER_NOT_PENDING when no such timer is waiting, WORKFLOW_INSTANCE_NOT_ACTIVE.
   */
  async function fireTimerNow(
    context: AuditContext,
    actor: Actor,
    instanceId: string,
    input: { executionId: string; elementId: string; reason: string },
  ) {
    if (!input.reason.trim()) throw workflowErrors.reasonRequired()
    return adminStep(context, actor, instanceId, 'fire-timer', input, async (step, root) => {
      if (root.status !== 'active') throw workflowErrors.instanceNotActive(root.status)
      const host = step.executions.get(input.executionId)
      const element = host ? step.modelOf(host.instance_id).elements[input.elementId] : undefined
      const pending = (await repo.listPendingJobs(step.tx, root.id)).find(
        (job) =>
          job.kind === 'workflow.timer' && job.execution_id === input.executionId && job.element_id === input.elementId,
      )
      if (!host || !element || element.event?.kind !== 'timer' || !pending?.key) throw workflowErrors.timerNotPending()
      await step.deps.jobs.cancel(step.tx, { key: pending.key })
      await step.fireTimer(host, element)
    })
  }

  return {
    listInstances,
    getInstanceView,
    setSuspended,
    cancelInstance,
    moveToken,
    migrateInstance,
    retryIncident,
    fireTimerNow,
  }
}

export type WorkflowMonitorService = ReturnType<typeof createWorkflowMonitorService>
