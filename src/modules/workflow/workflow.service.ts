import { createHash } from 'node:crypto'
import { diff } from 'bpmn-js-differ'
import { BpmnModdle } from 'bpmn-moddle'
import type { Db, Transaction } from '../../platform/db/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import type { Actor } from '../identity/index.js'
import { compileDefinitions, DefinitionError, type ProcessModel } from './process-model.js'
import {
  type EngineCalendar,
  type EngineDeps,
  type EngineJobs,
  EngineStep,
  SERVICE_RETRY_JOB,
  type ServiceHandler,
  type ServiceRetryPayload,
  type StepActor,
  TIMER_JOB,
  type TimerPayload,
} from './token-engine.js'
import type { WorkflowDirectory } from './workflow.directory.js'
import { workflowErrors } from './workflow.errors.js'
import * as repo from './workflow.repository.js'

/** The platform job queue as the workflow uses it: register handlers, schedule and cancel in a transaction. */
export type WorkflowJobQueue = EngineJobs & {
  register(
    kind: string,
    handler: (job: { payload: unknown }, tx: Transaction) => Promise<void>,
    options?: { maxAttempts?: number; backoffMs?: number },
  ): void
}

export type WorkflowServiceDeps = {
  db: Db
  audit: AuditService
  jobs: WorkflowJobQueue
  calendar: EngineCalendar
  clock: { now(): Date }
  directory: WorkflowDirectory
}

export type DeploymentResult = {
  versions: { id: string; processKey: string; version: number; name: string; created: boolean; message?: string }[]
  warnings: { element: string; message: string }[]
}

const SYSTEM_CONTEXT: AuditContext = { actor: null, clientAddress: null, requestId: null }

function toStepActor(actor: Actor | null): StepActor {
  return actor ? { id: actor.id, name: actor.displayName } : null
}

function toDefinitionError(error: DefinitionError) {
  switch (error.reason) {
    case 'xml':
      return workflowErrors.badXml(error.message, error.line)
    case 'unsupported':
      return workflowErrors.unsupportedElements(error.message, error.problems)
    case 'condition':
      return workflowErrors.badCondition(error.message, error.problems)
    default:
      return workflowErrors.invalidDefinition(error.message, error.problems)
  }
}

export function createWorkflowService(deps: WorkflowServiceDeps) {
  const { db, audit, jobs, directory } = deps
  const handlers = new Map<string, ServiceHandler>()
  const models = new Map<string, ProcessModel>()

  const engineDeps: EngineDeps = {
    clock: deps.clock,
    jobs,
    calendar: deps.calendar,
    handlers,
    resolveAssignment: (rule, context, tx) => directory.resolveAssignment(rule, context, tx),
    async getModel(tx, definitionId) {
      let model = models.get(definitionId)
      if (!model) {
        const definition = await repo.findDefinition(tx, definitionId)
        if (!definition) throw workflowErrors.definitionNotFound(definitionId)
        model = definition.model
        models.set(definitionId, model)
      }
      return model
    },
    findStartableDefinition: (tx, processKey) => repo.findLatestActiveDefinition(tx, processKey),
  }

  /** Runs one step: lock the root instance row, load its tree, let `work` move tokens, write everything. */
  /**
   * One engine step on the instance tree of `target` — a root instance id, or a task whose tree it is (found and
   * locked in one statement) — in `tx` or a transaction of its own. Throws WORKFLOW_INSTANCE_NOT_FOUND or
   * WORKFLOW_TASK_NOT_FOUND.
   */
  async function runStep<T>(
    target: string | { taskId: string },
    actor: StepActor,
    work: (step: EngineStep, root: repo.InstanceRow) => Promise<T>,
    tx?: Transaction,
  ): Promise<T> {
    const body = async (transaction: Transaction) => {
      const { root, tree } = await repo.lockAndLoadTree(
        transaction,
        typeof target === 'string' ? { rootInstanceId: target } : target,
      )
      if (!root) throw typeof target === 'string' ? workflowErrors.instanceNotFound() : workflowErrors.taskNotFound()
      const step = await EngineStep.load(transaction, engineDeps, root.id, actor, tree)
      const result = await work(step, root)
      await step.finish()
      return result
    }
    return tx ? body(tx) : db.transaction(body)
  }

  // Job handlers: each runs inside the transaction that marks the job done, so a timer fires exactly once.
  jobs.register(
    TIMER_JOB,
    async (job, tx) => {
      const payload = job.payload as TimerPayload
      await runStep(
        payload.rootInstanceId,
        null,
        async (step, root) => {
          const host = step.executions.get(payload.executionId)
          if (!host) return // the token moved on; its timer was already cancelled in that step
          if (root.status === 'suspended') {
            // A suspended instance keeps its timers: try again later rather than firing into a frozen instance.
            await jobs.schedule(tx, { kind: TIMER_JOB, payload, runAt: new Date(step.now.getTime() + 3_600_000) })
            return
          }
          const element = step.modelOf(host.instance_id).elements[payload.elementId]
          if (!element) return
          await step.fireTimer(host, element)
        },
        tx,
      )
    },
    { maxAttempts: 5, backoffMs: 5_000 },
  )
  jobs.register(
    SERVICE_RETRY_JOB,
    async (job, tx) => {
      const payload = job.payload as ServiceRetryPayload
      await runStep(
        payload.rootInstanceId,
        null,
        async (step) => {
          const token = step.executions.get(payload.executionId)
          if (!token || token.data.incident) return
          const element = step.elementOf(token)
          if (element.kind === 'serviceTask') await step.runServiceTask(token, element)
        },
        tx,
      )
    },
    { maxAttempts: 3, backoffMs: 5_000 },
  )

  /** Registers the TypeScript handler a service task names in tongban:handler. */
  function registerHandler(name: string, handler: ServiceHandler): void {
    handlers.set(name, handler)
  }

  // Deployment ---------------------------------------------------------------------------------------------

  /**
   * Deploys BPMN XML: each process becomes a new version of its key (the same file again makes none).
   * Throws WORKFLOW_BPMN_UNPARSABLE, WORKFLOW_BPMN_UNSUPPORTED, WORKFLOW_CONDITION_INVALID, WORKFLOW_BPMN_INVALID.
   */
  async function deploy(context: AuditContext, actor: Actor | null, xml: string): Promise<DeploymentResult> {
    let compiled: Awaited<ReturnType<typeof compileDefinitions>>
    try {
      compiled = await compileDefinitions(xml, await directory.knownNames())
    } catch (error) {
      if (error instanceof DefinitionError) throw toDefinitionError(error)
      throw error
    }
    const checksum = createHash('sm3').update(xml).digest('hex')
    for (const model of compiled.processes) {
      for (const element of Object.values(model.elements)) {
        if (element.kind === 'serviceTask' && element.handler && !handlers.has(element.handler)) {
          compiled.warnings.push({
            element: element.id,
            message: `服务处理程序 ${element.handler} 尚未注册，执行时将重试并产生事件`,
          })
        }
      }
    }
    return db.transaction(async (tx) => {
      const versions: DeploymentResult['versions'] = []
      for (const model of compiled.processes) {
        // One deployer at a time per key, so two deployments never take the same version number.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`workflow.definitions:${model.processId}`])
        const latest = await repo.findLatestDefinition(tx, model.processId)
        const executableNote = model.notExecutable
          ? '文件中的流程标记为 isExecutable="false"（不可执行），且没有标记为可执行的流程；已按可执行发布。'
          : ''
        if (latest && latest.checksum === checksum) {
          versions.push({
            id: latest.id,
            processKey: latest.process_key,
            version: latest.version,
            name: latest.name,
            created: false,
            message: `${executableNote}与第 ${latest.version} 版是同一文件，没有产生新版本`,
          })
          continue
        }
        const row = await repo.insertDefinition(tx, {
          process_key: model.processId,
          version: (latest?.version ?? 0) + 1,
          name: model.name,
          xml,
          model,
          checksum,
          warnings: compiled.warnings,
          deployed_by: actor?.id ?? null,
        })
        versions.push({
          id: row.id,
          processKey: row.process_key,
          version: row.version,
          name: row.name,
          created: true,
          message: latest
            ? `${executableNote}流程标识 ${row.process_key} 已存在（“${latest.name}”，第 ${latest.version} 版）：本次发布成为它的第 ${row.version} 版，新发起的实例使用新版本，正在办理的实例仍按原版本运行`
            : `${executableNote}新流程 ${row.process_key}，第 1 版`,
        })
        await audit.record(tx, context, {
          action: 'workflow.definition.deploy',
          target: `definition:${row.id}`,
          result: 'success',
          details: { processKey: row.process_key, version: row.version, warnings: compiled.warnings.length },
        })
      }
      return { versions, warnings: compiled.warnings }
    })
  }

  async function listDefinitions(processKey?: string) {
    return repo.listDefinitions(db, processKey)
  }

  async function getDefinition(id: string) {
    const definition = await repo.findDefinition(db, id)
    if (!definition) throw workflowErrors.definitionNotFound(id)
    return definition
  }

  /** Enables or disables a version (disabled: no new instances, running ones go on). Throws WORKFLOW_DEFINITION_NOT_FOUND. */
  async function setDefinitionStatus(context: AuditContext, id: string, status: 'active' | 'disabled') {
    return db.transaction(async (tx) => {
      const definition = await repo.findDefinitionForUpdate(tx, id)
      if (!definition) throw workflowErrors.definitionNotFound(id)
      await repo.setDefinitionStatus(tx, id, status)
      await audit.record(tx, context, {
        action: status === 'disabled' ? 'workflow.definition.disable' : 'workflow.definition.enable',
        target: `definition:${id}`,
        result: 'success',
        details: { processKey: definition.process_key, version: definition.version },
      })
    })
  }

  /** 卸载: removes a version no instance ever used. Throws WORKFLOW_DEFINITION_IN_USE, WORKFLOW_DEFINITION_NOT_FOUND. */
  async function removeDefinition(context: AuditContext, id: string) {
    return db.transaction(async (tx) => {
      const definition = await repo.findDefinitionForUpdate(tx, id)
      if (!definition) throw workflowErrors.definitionNotFound(id)
      const count = await repo.countInstancesOfDefinition(tx, id)
      if (count > 0) throw workflowErrors.definitionInUse(count)
      await repo.deleteDefinition(tx, id)
      models.delete(id)
      await audit.record(tx, context, {
        action: 'workflow.definition.remove',
        target: `definition:${id}`,
        result: 'success',
        details: { processKey: definition.process_key, version: definition.version },
      })
    })
  }

  /** Element-level differences between two versions (bpmn-js-differ). */
  async function diffDefinitions(fromId: string, toId: string) {
    const [from, to] = await Promise.all([getDefinition(fromId), getDefinition(toId)])
    const moddle = new BpmnModdle()
    const [a, b] = await Promise.all([moddle.fromXML(from.xml), moddle.fromXML(to.xml)])
    const result = diff(a.rootElement, b.rootElement)
    const describe = (
      changes: Record<string, { $type?: string; name?: string; model?: { $type?: string; name?: string } }>,
    ) =>
      Object.entries(changes).map(([id, value]) => ({
        id,
        type: String(value.$type ?? value.model?.$type ?? ''),
        name: (value.name ?? value.model?.name ?? null) as string | null,
      }))
    return {
      added: describe(result._added),
      removed: describe(result._removed),
      changed: describe(result._changed),
      layoutChanged: Object.keys(result._layoutChanged),
    }
  }

  // Instances ----------------------------------------------------------------------------------------------

  /**
   * Starts an instance of the newest active version of a process.
   * Throws WORKFLOW_DEFINITION_NOT_FOUND, WORKFLOW_DEFINITION_DISABLED.
   */
  async function startInstance(
    context: AuditContext,
    actor: Actor | null,
    input: {
      processKey: string
      variables?: Record<string, unknown>
      businessKey?: string
      leadDepartmentCode?: string
    },
    outerTx?: Transaction,
  ) {
    const work = async (tx: Transaction) => {
      const definition = await repo.findLatestActiveDefinition(tx, input.processKey)
      if (!definition) {
        if (await repo.findLatestDefinition(tx, input.processKey))
          throw workflowErrors.definitionDisabled(input.processKey)
        throw workflowErrors.definitionNotFound(input.processKey)
      }
      models.set(definition.id, definition.model)
      const leadCode = input.leadDepartmentCode ?? definition.model.leadDepartment
      const lead = leadCode ? await directory.findDepartmentByCode(leadCode, tx) : undefined
      const step = await EngineStep.startRoot(tx, engineDeps, definition, {
        variables: input.variables ?? {},
        businessKey: input.businessKey ?? null,
        leadDepartmentId: lead?.id ?? null,
        actor: toStepActor(actor),
      })
      await audit.record(tx, context, {
        action: 'workflow.instance.start',
        target: `instance:${step.rootInstanceId}`,
        result: 'success',
        details: { processKey: definition.process_key, version: definition.version },
      })
      return { id: step.rootInstanceId, definitionId: definition.id, taskIds: step.createdTasks.map((task) => task.id) }
    }
    return outerTx ? work(outerTx) : db.transaction(work)
  }

  /** Delivers a message to the first instance waiting for it (by business key or instance). Throws WORKFLOW_MESSAGE_NOT_CORRELATED. */
  async function deliverMessage(
    context: AuditContext,
    actor: Actor | null,
    input: { messageName: string; businessKey?: string; instanceId?: string; variables?: Record<string, unknown> },
  ) {
    const subscription = await repo.findSubscription(db, input.messageName, input)
    if (!subscription) throw workflowErrors.messageNotWaited(input.messageName)
    return runStep(subscription.root_instance_id, toStepActor(actor), async (step, root) => {
      if (root.status !== 'active') throw workflowErrors.instanceNotActive(root.status)
      const host = step.executions.get(subscription.execution_id)
      if (!host) throw workflowErrors.messageNotWaited(input.messageName)
      const element = step.modelOf(host.instance_id).elements[subscription.element_id]
      if (!element) throw workflowErrors.messageNotWaited(input.messageName)
      // A non-interrupting message boundary stays armed while its activity is active: it catches every message.
      const staysArmed = element.kind === 'boundaryEvent' && element.cancelActivity === false
      if (!staysArmed) await repo.deleteSubscription(step.tx, host.id, element.id)
      step.setVariables(host.instance_id, input.variables ?? {})
      step.record(host.instance_id, 'message.received', { element, details: { messageName: input.messageName } })
      if (element.kind === 'boundaryEvent') await step.triggerBoundary(host, element)
      else await step.leave(host)
      await audit.record(step.tx, context, {
        action: 'workflow.message.deliver',
        target: `instance:${host.instance_id}`,
        result: 'success',
        details: { messageName: input.messageName },
      })
      return { instanceId: host.instance_id }
    })
  }

  return {
    engineDeps,
    runStep,
    registerHandler,
    deploy,
    listDefinitions,
    getDefinition,
    setDefinitionStatus,
    removeDefinition,
    diffDefinitions,
    startInstance,
    deliverMessage,
    systemContext: SYSTEM_CONTEXT,
  }
}

export type WorkflowService = ReturnType<typeof createWorkflowService>
