import { randomUUID } from 'node:crypto'
import type { Transaction } from '../../platform/db/index.js'
import { evaluateExpression, isConditionMet, isExpressionText, renderTemplate } from './expression.js'
import type { AssigneeRule, FlowElement, ProcessModel, SequenceFlow } from './process-model.js'
import { parseCycle, parseDuration, UNMAPPED_ROLE_PREFIX } from './process-model.js'
import { workflowErrors } from './workflow.errors.js'
import type {
  ApplicantWait,
  DefinitionRow,
  ExecutionRow,
  HistoryEntry,
  InstanceRow,
  InstanceStatus,
  TaskFinish,
  TaskRow,
} from './workflow.repository.js'
import * as repo from './workflow.repository.js'

/** Job kinds the engine registers on the platform job queue. Stored in job rows: never rename one. */
export const TIMER_JOB = 'workflow.timer'
export const SERVICE_RETRY_JOB = 'workflow.service-retry'

export type TimerPayload = { rootInstanceId: string; executionId: string; elementId: string }
export type ServiceRetryPayload = { rootInstanceId: string; executionId: string }

/** The slice of the platform job queue the engine uses: timers and retries are jobs in the same transaction. */
export type EngineJobs = {
  schedule(tx: Transaction, job: { kind: string; payload: unknown; runAt?: Date; key?: string }): Promise<unknown>
  cancel(tx: Transaction, by: { key: string }): Promise<unknown>
}

export type EngineCalendar = {
  addWorkingDaysToInstant(start: Date, n: number): Date
  countWorkingDaysBetweenInstants(from: Date, to: Date): number
}

/** A service task handler: gets the variables, returns variables to set; throw BpmnError for an error boundary. */
export type ServiceHandler = (input: {
  instanceId: string
  businessKey: string | null
  elementId: string
  variables: Readonly<Record<string, unknown>>
}) => Promise<Record<string, unknown> | undefined> | Record<string, unknown> | undefined

/** A business error a handler throws to leave through an error boundary event with the same error code. */
export class BpmnError extends Error {
  override readonly name = 'BpmnError'
  constructor(
    readonly errorCode: string,
    message = errorCode,
  ) {
    super(message)
  }
}

export type Assignment = { assigneeId: string | null; departmentId: string | null; role: string | null }

export type AssignmentContext = {
  variables: Record<string, unknown>
  leadDepartmentId: string | null
  leadDepartmentCode: string | null
  previousActorId: string | null
}

export type EngineDeps = {
  clock: { now(): Date }
  jobs: EngineJobs
  calendar: EngineCalendar
  handlers: ReadonlyMap<string, ServiceHandler>
  /** Reads staff and departments through `tx` when it has to read them at all. */
  resolveAssignment(rule: AssigneeRule | undefined, context: AssignmentContext, tx: Transaction): Promise<Assignment>
  getModel(tx: Transaction, definitionId: string): Promise<ProcessModel>
  findStartableDefinition(tx: Transaction, processKey: string): Promise<DefinitionRow | undefined>
}

export type StepActor = { id: string; name: string } | null

const MAX_MOVES_PER_STEP = 10_000

/**
 * One engine step over one instance tree (an instance and the instances its call activities started), inside one
 * transaction that holds the root instance's row lock. Tokens move in memory and every change is written as rows.
 */
export class EngineStep {
  readonly instances = new Map<string, InstanceRow>()
  readonly executions = new Map<string, ExecutionRow>()
  readonly variables = new Map<string, Record<string, unknown>>()
  private readonly models = new Map<string, ProcessModel>()
  // What the step changed, written in one statement by finish(): rows are kept in memory until then.
  private readonly dirtyInstances = new Set<string>()
  private readonly newExecutions = new Set<string>()
  private readonly dirtyExecutions = new Set<string>()
  private readonly removedExecutions = new Set<string>()
  private readonly dirtyVariables = new Map<string, Record<string, unknown>>()
  private readonly newTasks = new Map<string, TaskRow>()
  private readonly finishedTasks = new Map<string, TaskFinish & { executionId: string }>()
  private readonly history: HistoryEntry[] = []
  /** Tasks this step opened, in order (the next step's tasks, for the caller to report). */
  readonly createdTasks: TaskRow[] = []
  readonly now: Date
  private moves = 0
  /** The task whose completion drives this step: new tasks remember it for 收回 (take back). */
  previousTaskId: string | null = null

  private constructor(
    readonly tx: Transaction,
    readonly deps: EngineDeps,
    readonly rootInstanceId: string,
    readonly actor: StepActor,
  ) {
    this.now = deps.clock.now()
  }

  /** The task the step acts on, read with the tree after the lock (null for steps not about a task). */
  task: TaskRow | null = null

  /** Takes over an instance tree the caller has locked and read (see repo.lockAndLoadTree). */
  static async load(
    tx: Transaction,
    deps: EngineDeps,
    rootInstanceId: string,
    actor: StepActor,
    { instances, executions, variables, task }: repo.TreeState,
  ): Promise<EngineStep> {
    const step = new EngineStep(tx, deps, rootInstanceId, actor)
    step.task = task
    for (const instance of instances) {
      step.instances.set(instance.id, instance)
      step.variables.set(instance.id, {})
      step.models.set(instance.id, await deps.getModel(tx, instance.definition_id))
    }
    for (const execution of executions) step.executions.set(execution.id, execution)
    for (const variable of variables) (step.variables.get(variable.instance_id) ?? {})[variable.name] = variable.value
    return step
  }

  /** Starts a new root instance of a definition in its own (fresh) step. */
  static async startRoot(
    tx: Transaction,
    deps: EngineDeps,
    definition: DefinitionRow,
    options: {
      variables: Record<string, unknown>
      businessKey: string | null
      leadDepartmentId: string | null
      actor: StepActor
    },
  ): Promise<EngineStep> {
    const id = randomUUID()
    const step = new EngineStep(tx, deps, id, options.actor)
    await step.createInstance(definition, {
      id,
      parent: null,
      variables: options.variables,
      businessKey: options.businessKey,
      leadDepartmentId: options.leadDepartmentId,
    })
    await step.finish()
    return step
  }

  modelOf(instanceId: string): ProcessModel {
    return this.models.get(instanceId) as ProcessModel
  }

  elementOf(execution: ExecutionRow): FlowElement {
    const element = this.modelOf(execution.instance_id).elements[execution.element_id]
    if (!element) throw workflowErrors.elementNotFound(execution.element_id)
    return element
  }

  variablesOf(instanceId: string): Record<string, unknown> {
    return this.variables.get(instanceId) ?? {}
  }

  setVariables(instanceId: string, values: Record<string, unknown>): void {
    if (Object.keys(values).length === 0) return
    Object.assign(this.variables.get(instanceId) ?? {}, values)
    this.dirtyVariables.set(instanceId, { ...(this.dirtyVariables.get(instanceId) ?? {}), ...values })
  }

  record(
    instanceId: string,
    event: string,
    extra: {
      element?: FlowElement
      taskId?: string
      reason?: string | null
      details?: unknown
      actor?: StepActor
    } = {},
  ): void {
    const actor = extra.actor === undefined ? this.actor : extra.actor
    this.history.push({
      instance_id: instanceId,
      element_id: extra.element?.id ?? null,
      element_kind: extra.element?.kind ?? null,
      event,
      actor_id: actor?.id ?? null,
      actor_name: actor?.name ?? null,
      task_id: extra.taskId ?? null,
      reason: extra.reason ?? null,
      details: extra.details ?? null,
      at: this.now.toISOString(),
    })
  }

  childrenOf(parentId: string): ExecutionRow[] {
    return [...this.executions.values()].filter((execution) => execution.parent_id === parentId)
  }

  private touch(execution: ExecutionRow): void {
    this.dirtyExecutions.add(execution.id)
  }

  /** A service changed an execution's data outside the engine's own moves: written with the step. */
  markChanged(execution: ExecutionRow): void {
    this.touch(execution)
  }

  newExecution(
    instanceId: string,
    parentId: string | null,
    elementId: string,
    kind: ExecutionRow['kind'],
    state: ExecutionRow['state'],
    data: ExecutionRow['data'] = {},
  ): ExecutionRow {
    const execution: ExecutionRow = {
      id: randomUUID(),
      instance_id: instanceId,
      parent_id: parentId,
      element_id: elementId,
      kind,
      state,
      arrived_by: null,
      data,
      created_at: new Date(this.now.getTime() + this.executions.size),
    }
    this.executions.set(execution.id, execution)
    this.newExecutions.add(execution.id)
    return execution
  }

  /** Ends a task the step acts on (办结, 退回, 特殊办结); written with the rest of the step. */
  finishTask(task: TaskRow, finish: Omit<TaskFinish, 'id' | 'completed_at'>): void {
    const pending = this.newTasks.get(task.id)
    if (pending) Object.assign(pending, finish, { completed_at: this.now })
    else
      this.finishedTasks.set(task.id, {
        ...finish,
        id: task.id,
        completed_at: this.now,
        executionId: task.execution_id,
      })
  }

  /** Gives a task created in this step to a named worker (退回 and 收回 send it back to who held it). */
  assignNewTask(taskId: string, assigneeId: string): void {
    const task = this.newTasks.get(taskId)
    if (task) task.assignee_id = assigneeId
  }

  setInstanceStatus(instance: InstanceRow, status: InstanceStatus, reason: string | null, ended: boolean): void {
    instance.status = status
    instance.ended_at = ended ? this.now : null
    instance.end_reason = reason
    this.dirtyInstances.add(instance.id)
  }

  /** Writes what changed in memory — instances, tokens, variables, tasks, history — in one statement. */
  async finish(): Promise<void> {
    await this.settleInclusiveJoins()
    const created = (ids: Iterable<string>) => [...ids].flatMap((id) => this.executions.get(id) ?? [])
    const changes: repo.StepChanges = {
      instances: [...this.dirtyInstances].flatMap((id) => {
        const instance = this.instances.get(id)
        return instance
          ? [{ id, status: instance.status, ended_at: instance.ended_at, end_reason: instance.end_reason }]
          : []
      }),
      newExecutions: created(this.newExecutions),
      executions: created([...this.dirtyExecutions].filter((id) => !this.newExecutions.has(id))),
      removedExecutionIds: [...this.removedExecutions].filter((id) => !this.newExecutions.has(id)),
      variables: [...this.dirtyVariables].map(([instanceId, values]) => ({ instanceId, values })),
      newTasks: [...this.newTasks.values()],
      finishedTasks: [...this.finishedTasks.values()].map(({ executionId: _, ...finish }) => finish),
      history: this.history.splice(0),
    }
    for (const pending of [
      this.dirtyInstances,
      this.newExecutions,
      this.dirtyExecutions,
      this.removedExecutions,
      this.dirtyVariables,
      this.newTasks,
      this.finishedTasks,
    ])
      pending.clear()
    await repo.flushStep(this.tx, changes)
  }

  // Instances ------------------------------------------------------------------------------------------------

  async createInstance(
    definition: DefinitionRow,
    options: {
      id?: string
      parent: { instanceId: string; executionId: string } | null
      variables: Record<string, unknown>
      businessKey: string | null
      leadDepartmentId: string | null
    },
  ): Promise<InstanceRow> {
    const instance: InstanceRow = {
      id: options.id ?? randomUUID(),
      definition_id: definition.id,
      root_instance_id: this.rootInstanceId,
      parent_instance_id: options.parent?.instanceId ?? null,
      parent_execution_id: options.parent?.executionId ?? null,
      business_key: options.businessKey,
      lead_department_id: options.leadDepartmentId,
      status: 'active',
      started_by: this.actor?.id ?? null,
      started_at: this.now,
      ended_at: null,
      end_reason: null,
    }
    await repo.insertInstance(this.tx, instance)
    this.instances.set(instance.id, instance)
    this.models.set(instance.id, definition.model)
    this.variables.set(instance.id, {})
    this.setVariables(instance.id, options.variables)
    this.record(instance.id, 'instance.started', {
      details: { processKey: definition.process_key, version: definition.version },
    })
    const scope = this.newExecution(instance.id, null, definition.model.processId, 'scope', 'active')
    const token = this.newExecution(instance.id, scope.id, definition.model.startEventId, 'token', 'active')
    await this.enter(token, definition.model.startEventId, null)
    return instance
  }

  private async endInstance(instance: InstanceRow, status: 'completed' | 'terminated', reason: string | null) {
    this.setInstanceStatus(instance, status, reason, true)
    this.record(instance.id, status === 'completed' ? 'instance.completed' : 'instance.terminated', { reason })
    if (instance.parent_execution_id) {
      const waiting = this.executions.get(instance.parent_execution_id)
      if (waiting) {
        const mapping = this.modelOf(waiting.instance_id).elements[waiting.element_id]?.callMapping
        this.setVariables(waiting.instance_id, this.mapVariables(this.variablesOf(instance.id), mapping, 'out'))
        await this.leave(waiting)
      }
    }
  }

  /**
   * What crosses a call activity: with no mapping in the file, every variable (the documented default); with one,
   * only what it names (`variables="all"` brings everything, then the named mappings apply on top).
   */
  private mapVariables(
    from: Record<string, unknown>,
    mapping: FlowElement['callMapping'],
    direction: 'in' | 'out',
  ): Record<string, unknown> {
    if (!mapping) return { ...from }
    const all = direction === 'in' ? mapping.inAll : mapping.outAll
    const result: Record<string, unknown> = all ? { ...from } : {}
    for (const entry of direction === 'in' ? mapping.in : mapping.out) {
      result[entry.target] = entry.sourceExpression
        ? evaluateExpression(entry.sourceExpression, from)
        : from[entry.source as string]
    }
    return result
  }

  // Moving tokens --------------------------------------------------------------------------------------------

  /** Moves a token onto an element and runs it until it waits somewhere. */
  async enter(token: ExecutionRow, elementId: string, flowId: string | null): Promise<void> {
    if (++this.moves > MAX_MOVES_PER_STEP) throw workflowErrors.noOutgoingFlow(`${elementId}（循环次数过多）`)
    token.element_id = elementId
    token.arrived_by = flowId
    token.state = 'active'
    this.touch(token)
    const element = this.elementOf(token)
    switch (element.kind) {
      case 'startEvent':
      case 'intermediateThrowEvent':
      case 'task':
      case 'boundaryEvent':
        return this.leave(token)
      case 'endEvent':
        return this.enterEndEvent(token, element)
      case 'exclusiveGateway':
        return this.leave(token, [this.chooseExclusive(token, element)])
      case 'parallelGateway':
        if (element.incoming.length > 1) return this.joinParallel(token, element)
        return this.leave(token)
      case 'inclusiveGateway':
        if (element.incoming.length > 1) {
          token.state = 'joining'
          return
        }
        return this.leave(token, this.chooseInclusive(token, element))
      case 'userTask':
        if (element.multiInstance) return this.enterMultiInstance(token, element)
        token.state = 'waiting'
        await this.armBoundaries(token, element)
        await this.createTask(token, element)
        return
      case 'serviceTask':
        return this.runServiceTask(token, element)
      case 'receiveTask':
      case 'intermediateCatchEvent':
        token.state = 'waiting'
        if (element.kind === 'receiveTask') await this.armBoundaries(token, element)
        await this.armEvent(token, element, element)
        return
      case 'subProcess': {
        token.kind = 'scope'
        token.state = 'waiting'
        await this.armBoundaries(token, element)
        const child = this.newExecution(token.instance_id, token.id, element.startEventId as string, 'token', 'active')
        return this.enter(child, element.startEventId as string, null)
      }
      case 'callActivity': {
        token.state = 'waiting'
        await this.armBoundaries(token, element)
        const definition = await this.deps.findStartableDefinition(this.tx, element.calledElement as string)
        if (!definition) throw workflowErrors.definitionNotFound(element.calledElement as string)
        const parent = this.instances.get(token.instance_id) as InstanceRow
        await this.createInstance(definition, {
          parent: { instanceId: token.instance_id, executionId: token.id },
          variables: this.mapVariables(this.variablesOf(token.instance_id), element.callMapping, 'in'),
          businessKey: parent.business_key,
          leadDepartmentId: parent.lead_department_id,
        })
        return
      }
    }
  }

  /** Leaves the token's element through the given flows (default: every outgoing flow whose condition holds). */
  async leave(token: ExecutionRow, chosen?: SequenceFlow[]): Promise<void> {
    const element = this.elementOf(token)
    await this.disarm(token)
    this.record(token.instance_id, 'element.completed', { element })
    const flows = chosen ?? this.chooseOutgoing(token, element)
    if (flows.length === 0) {
      // A token ends only where the model means it to: at an end event or an activity with no outgoing flow. An
      // element whose flows all have false conditions (and no default) is stuck, not done: an incident, never a
      // silent completion of the instance (issue 13 item 2; Camunda and Flowable throw here too).
      if (element.kind !== 'endEvent' && element.outgoing.length > 0) {
        return this.raiseIncident(
          token,
          element,
          `${element.name ?? element.id}（${element.id}）的 ${element.outgoing.length} 条出口连线条件都不满足，且没有默认连线；请检查流程变量后移动令牌`,
        )
      }
      await this.removeExecutions([token])
      return this.endScopeIfEmpty(token.parent_id)
    }
    const tokens: ExecutionRow[] = [token]
    token.kind = 'token'
    token.data = {}
    for (let index = 1; index < flows.length; index++) {
      tokens.push(this.newExecution(token.instance_id, token.parent_id, element.id, 'token', 'active'))
    }
    for (const [index, flow] of flows.entries()) {
      const next = tokens[index] as ExecutionRow
      if (this.executions.has(next.id)) await this.enter(next, flow.targetId, flow.id)
    }
  }

  private flowsOf(token: ExecutionRow, element: FlowElement): SequenceFlow[] {
    const model = this.modelOf(token.instance_id)
    return element.outgoing.map((id) => model.flows[id] as SequenceFlow)
  }

  private conditionHolds(token: ExecutionRow, flow: SequenceFlow): boolean {
    return !flow.condition || isConditionMet(flow.condition, this.variablesOf(token.instance_id))
  }

  private chooseOutgoing(token: ExecutionRow, element: FlowElement): SequenceFlow[] {
    const flows = this.flowsOf(token, element)
    const taken = flows.filter((flow) => flow.id !== element.defaultFlow && this.conditionHolds(token, flow))
    if (taken.length > 0 || !element.defaultFlow) return taken
    return flows.filter((flow) => flow.id === element.defaultFlow)
  }

  private chooseExclusive(token: ExecutionRow, element: FlowElement): SequenceFlow {
    const flows = this.flowsOf(token, element)
    const taken = flows.find((flow) => flow.id !== element.defaultFlow && this.conditionHolds(token, flow))
    const chosen = taken ?? flows.find((flow) => flow.id === element.defaultFlow)
    if (!chosen) throw workflowErrors.noOutgoingFlow(element.id)
    return chosen
  }

  private chooseInclusive(token: ExecutionRow, element: FlowElement): SequenceFlow[] {
    const chosen = this.chooseOutgoing(token, element)
    if (chosen.length === 0 && element.outgoing.length > 0) throw workflowErrors.noOutgoingFlow(element.id)
    return chosen
  }

  private async joinParallel(token: ExecutionRow, element: FlowElement): Promise<void> {
    token.state = 'joining'
    const waiting = this.childrenOf(token.parent_id as string).filter(
      (other) => other.state === 'joining' && other.element_id === element.id,
    )
    const byFlow = new Map<string, ExecutionRow>()
    for (const other of waiting)
      if (other.arrived_by && !byFlow.has(other.arrived_by)) byFlow.set(other.arrived_by, other)
    if (!element.incoming.every((flowId) => byFlow.has(flowId))) return
    const [survivor, ...merged] = element.incoming.map((flowId) => byFlow.get(flowId) as ExecutionRow)
    await this.removeExecutions(merged)
    ;(survivor as ExecutionRow).state = 'active'
    return this.leave(survivor as ExecutionRow)
  }

  /** OR-join: fires once no other token of the scope can still reach the gateway. */
  private async settleInclusiveJoins(): Promise<void> {
    for (;;) {
      const joining = [...this.executions.values()].find((execution) => {
        if (execution.state !== 'joining') return false
        const element = this.modelOf(execution.instance_id).elements[execution.element_id]
        if (element?.kind !== 'inclusiveGateway') return false
        const upstream = new Set(this.modelOf(execution.instance_id).inclusiveUpstream[element.id] ?? [])
        return !this.childrenOf(execution.parent_id as string).some(
          (other) => !(other.state === 'joining' && other.element_id === element.id) && upstream.has(other.element_id),
        )
      })
      if (!joining) return
      const element = this.elementOf(joining)
      const merged = this.childrenOf(joining.parent_id as string).filter(
        (other) => other.id !== joining.id && other.state === 'joining' && other.element_id === element.id,
      )
      await this.removeExecutions(merged)
      joining.state = 'active'
      await this.leave(joining, this.chooseInclusive(joining, element))
    }
  }

  private async enterEndEvent(token: ExecutionRow, element: FlowElement): Promise<void> {
    if (element.event?.kind === 'error') {
      this.record(token.instance_id, 'element.completed', { element })
      return this.throwError(token, element.event.errorCode ?? '')
    }
    if (element.event?.kind === 'terminate') {
      this.record(token.instance_id, 'element.completed', { element })
      const scope = this.executions.get(token.parent_id as string) as ExecutionRow
      await this.removeExecutions(this.childrenOf(scope.id), 'terminated')
      return this.endScope(scope, 'terminated')
    }
    return this.leave(token, [])
  }

  private async endScopeIfEmpty(scopeId: string | null): Promise<void> {
    if (!scopeId) return
    const scope = this.executions.get(scopeId)
    if (!scope || this.childrenOf(scopeId).length > 0) return
    return this.endScope(scope, 'completed')
  }

  private async endScope(scope: ExecutionRow, how: 'completed' | 'terminated'): Promise<void> {
    // Run-time half of the completion invariant: a scope completes only once no token is left in it.
    if (how === 'completed' && this.childrenOf(scope.id).length > 0) return
    if (scope.parent_id === null) {
      await this.removeExecutions([scope])
      const instance = this.instances.get(scope.instance_id) as InstanceRow
      return this.endInstance(instance, how, how === 'terminated' ? '终止结束事件' : null)
    }
    // An embedded subprocess: its execution becomes a plain token again and leaves the subprocess.
    scope.kind = 'token'
    return this.leave(scope)
  }

  // Waiting: boundaries, timers, messages --------------------------------------------------------------------

  private dueOf(instanceId: string, timer: Extract<FlowElement['event'], { kind: 'timer' }>, fired = 0): Date {
    const variables = this.variablesOf(instanceId)
    const read = (text: string) => (isExpressionText(text) ? String(evaluateExpression(text, variables)) : text)
    if (timer.cycle) {
      const text = read(timer.cycle)
      const cycle = parseCycle(text)
      if (!cycle) throw workflowErrors.badVariable(`循环定时器 ${text} 无法识别`)
      const start = cycle.start ? new Date(cycle.start) : null
      if (start && start.getTime() > this.now.getTime() && fired === 0) return start
      return new Date(this.now.getTime() + cycle.ms)
    }
    if (timer.date) {
      const at = new Date(read(timer.date))
      if (Number.isNaN(at.getTime())) throw workflowErrors.badVariable(`定时器时间 ${timer.date} 无法识别`)
      return at
    }
    const text = read(timer.duration as string)
    const duration = parseDuration(text)
    if (!duration) throw workflowErrors.badVariable(`定时器时长 ${text} 无法识别`)
    // 工作日: PnD counts working days of the platform calendar (调休 included), never plain weekdays.
    if (timer.workingDays) return this.deps.calendar.addWorkingDaysToInstant(this.now, duration.days)
    return new Date(this.now.getTime() + duration.ms)
  }

  /** Arms one catch event (timer job or message subscription) for a waiting execution. */
  private async armEvent(host: ExecutionRow, event: FlowElement, _activity: FlowElement, fired = 0): Promise<void> {
    if (event.event?.kind === 'timer') {
      // A cycle's later firings get keys of their own: a job key is used once.
      const key = `workflow-timer:${host.id}:${event.id}${fired > 0 ? `#${fired}` : ''}`
      const payload: TimerPayload = { rootInstanceId: this.rootInstanceId, executionId: host.id, elementId: event.id }
      await this.deps.jobs.schedule(this.tx, {
        kind: TIMER_JOB,
        payload,
        runAt: this.dueOf(host.instance_id, event.event, fired),
        key,
      })
      host.data = { ...host.data, timers: [...(host.data.timers ?? []), key] }
      this.touch(host)
    } else if (event.event?.kind === 'message') {
      const instance = this.instances.get(host.instance_id) as InstanceRow
      await repo.insertSubscription(this.tx, {
        instanceId: host.instance_id,
        rootInstanceId: this.rootInstanceId,
        executionId: host.id,
        elementId: event.id,
        messageName: event.event.messageName,
        businessKey: instance.business_key,
      })
    }
  }

  private async armBoundaries(host: ExecutionRow, activity: FlowElement): Promise<void> {
    const model = this.modelOf(host.instance_id)
    for (const boundaryId of activity.boundaryIds) {
      const boundary = model.elements[boundaryId] as FlowElement
      if (boundary.event?.kind !== 'error') await this.armEvent(host, boundary, activity)
    }
  }

  /** Cancels the timers and message subscriptions of an execution that leaves its element. */
  private async disarm(execution: ExecutionRow): Promise<void> {
    for (const key of execution.data.timers ?? []) await this.deps.jobs.cancel(this.tx, { key })
    const element = this.modelOf(execution.instance_id).elements[execution.element_id]
    const listensForMessages =
      element?.event?.kind === 'message' ||
      element?.boundaryIds.some((id) => this.modelOf(execution.instance_id).elements[id]?.event?.kind === 'message')
    if (listensForMessages) await repo.deleteSubscriptionsOfExecutions(this.tx, [execution.id])
    if (element?.externalTopic) await repo.deleteExternalTasksOfExecutions(this.tx, [execution.id])
    if (execution.data.timers) {
      execution.data = { ...execution.data, timers: [] }
      this.touch(execution)
    }
  }

  /** Removes executions with everything below them: child tokens, called instances, open tasks, timers. */
  async removeExecutions(executions: ExecutionRow[], outcome = 'cancelled'): Promise<void> {
    const doomed: ExecutionRow[] = []
    const collect = (execution: ExecutionRow) => {
      doomed.push(execution)
      for (const child of this.childrenOf(execution.id)) collect(child)
      for (const instance of this.instances.values()) {
        if (instance.parent_execution_id !== execution.id || instance.status !== 'active') continue
        this.setInstanceStatus(instance, 'cancelled', outcome, true)
        this.record(instance.id, 'instance.cancelled', { reason: outcome })
        for (const child of this.executions.values())
          if (child.instance_id === instance.id && !child.parent_id) collect(child)
      }
    }
    for (const execution of executions) collect(execution)
    if (doomed.length === 0) return
    for (const execution of doomed) await this.disarm(execution)
    const ids = doomed.map((execution) => execution.id)
    // An incident of a token that goes away (interrupted, cancelled, moved) is over: it no longer needs anyone.
    const withIncidents = doomed.filter((execution) => execution.data.incident || execution.data.assignmentIncident)
    for (const execution of withIncidents) await repo.resolveIncidentsOfExecution(this.tx, execution.id, this.now)
    const cancelled: { id: string; instanceId: string }[] = []
    for (const task of this.newTasks.values()) {
      if (task.state !== 'open' || !ids.includes(task.execution_id)) continue
      Object.assign(task, { state: 'cancelled', completed_at: this.now, outcome })
      cancelled.push({ id: task.id, instanceId: task.instance_id })
    }
    // A token holds at most one open task, and only at a user task: tokens whose task this step created or ended
    // (a countersigner who just signed, a join's merged tokens) need no query.
    const settled = new Set([
      ...[...this.newTasks.values()].map((task) => task.execution_id),
      ...[...this.finishedTasks.values()].map((finish) => finish.executionId),
    ])
    const holdsTasks = doomed.some(
      (execution) =>
        !settled.has(execution.id) &&
        this.modelOf(execution.instance_id).elements[execution.element_id]?.kind === 'userTask',
    )
    if (holdsTasks) {
      const finished = [...this.finishedTasks.keys()]
      cancelled.push(...(await repo.cancelOpenTasksOfExecutions(this.tx, ids, finished, this.now, outcome)))
    }
    for (const task of cancelled) this.record(task.instanceId, 'task.cancelled', { taskId: task.id, reason: outcome })
    for (const id of ids) {
      this.executions.delete(id)
      this.dirtyExecutions.delete(id)
      this.removedExecutions.add(id)
    }
  }

  /** A timer fires on its waiting execution: a boundary timer triggers, an intermediate timer lets the token go on. */
  async fireTimer(host: ExecutionRow, element: FlowElement): Promise<void> {
    this.record(host.instance_id, 'timer.fired', { element })
    if (element.kind === 'boundaryEvent') await this.triggerBoundary(host, element)
    else await this.leave(host)
  }

  /** A boundary event fires: interrupting ones cancel the activity, non-interrupting ones add a token beside it. */
  async triggerBoundary(host: ExecutionRow, boundary: FlowElement): Promise<void> {
    const parentId = host.parent_id
    if (boundary.cancelActivity !== false) {
      await this.removeExecutions([host], 'interrupted')
    } else if (boundary.event?.kind === 'timer') {
      // Non-interrupting: a duration fires once; a cycle (R3/PT1H) stays armed until its repetitions are used up
      // or the activity ends. Messages stay subscribed (deliverMessage keeps the subscription).
      const fired = (host.data.timerFirings?.[boundary.id] ?? 0) + 1
      host.data = {
        ...host.data,
        timers: (host.data.timers ?? []).filter(
          (key) => !key.endsWith(`:${boundary.id}`) && !key.includes(`:${boundary.id}#`),
        ),
        timerFirings: { ...(host.data.timerFirings ?? {}), [boundary.id]: fired },
      }
      this.touch(host)
      const cycle = boundary.event.cycle
      if (cycle) {
        const parsed = parseCycle(
          isExpressionText(cycle) ? String(evaluateExpression(cycle, this.variablesOf(host.instance_id))) : cycle,
        )
        if (parsed && (parsed.repetitions === null || fired < parsed.repetitions)) {
          await this.armEvent(host, boundary, this.elementOf(host), fired)
        }
      }
    }
    const token = this.newExecution(host.instance_id, parentId, boundary.id, 'token', 'active')
    return this.enter(token, boundary.id, null)
  }

  /** BPMN error: the nearest error boundary with the code (or no code) on the way up catches it. */
  async throwError(from: ExecutionRow, errorCode: string): Promise<void> {
    let current: ExecutionRow | undefined = from
    while (current) {
      const model = this.modelOf(current.instance_id)
      const element = model.elements[current.element_id]
      const boundary = element?.boundaryIds
        .map((id) => model.elements[id] as FlowElement)
        .find(
          (candidate) =>
            candidate.event?.kind === 'error' &&
            (!candidate.event.errorCode || candidate.event.errorCode === errorCode),
        )
      if (boundary && current !== from) return this.triggerBoundary(current, boundary)
      if (boundary && element?.kind === 'serviceTask') return this.triggerBoundary(current, boundary)
      if (current.parent_id) {
        current = this.executions.get(current.parent_id)
        continue
      }
      const instance = this.instances.get(current.instance_id) as InstanceRow
      if (instance.parent_execution_id) {
        current = this.executions.get(instance.parent_execution_id)
        continue
      }
      // Nobody catches it: the instance ends, and the history says why.
      await this.removeExecutions(
        [...this.executions.values()].filter(
          (execution) => execution.instance_id === instance.id && !execution.parent_id,
        ),
        'error',
      )
      return this.endInstance(instance, 'terminated', `未捕获的错误 ${errorCode}`)
    }
  }

  // Tasks ----------------------------------------------------------------------------------------------------

  async createTask(
    token: ExecutionRow,
    element: FlowElement,
    local: Record<string, unknown> = {},
    overrides: Partial<Pick<TaskRow, 'assignee_id' | 'due_at'>> = {},
  ): Promise<TaskRow> {
    const instance = this.instances.get(token.instance_id) as InstanceRow
    const model = this.modelOf(token.instance_id)
    const variables = { ...this.variablesOf(token.instance_id), ...local }
    const assignment = await this.deps.resolveAssignment(
      element.assignee,
      {
        variables,
        leadDepartmentId: instance.lead_department_id,
        leadDepartmentCode: model.leadDepartment ?? null,
        previousActorId: this.actor?.id ?? null,
      },
      this.tx,
    )
    const task: TaskRow = {
      id: randomUUID(),
      instance_id: token.instance_id,
      root_instance_id: this.rootInstanceId,
      execution_id: token.id,
      element_id: element.id,
      // `审查 ${loopCounter}` names each countersigner's task by its own instance (issue 13 item 4).
      name: renderTemplate(element.name ?? element.id, variables),
      assignee_id: assignment.assigneeId,
      candidate_department_id: assignment.departmentId,
      candidate_role: assignment.role,
      form_key: element.formKey ?? null,
      opinion_required: element.opinionRequired ?? false,
      due_at: element.dueWorkingDays
        ? this.deps.calendar.addWorkingDaysToInstant(this.now, element.dueWorkingDays)
        : null,
      previous_actor_id: this.actor?.id ?? null,
      previous_task_id: this.previousTaskId,
      created_at: this.now,
      state: 'open',
      owner_id: null,
      opened_at: null,
      chased_at: null,
      completed_at: null,
      completed_by: null,
      outcome: null,
      opinion: null,
      form_data: null,
      ...overrides,
    }
    this.newTasks.set(task.id, task)
    this.createdTasks.push(task)
    if (task.candidate_role?.startsWith(UNMAPPED_ROLE_PREFIX)) {
      // Nobody may claim it; the monitor shows why, and a centre manager assigns it (tasks.reassign).
      const [what, ...rest] = task.candidate_role.slice(UNMAPPED_ROLE_PREFIX.length).split(':')
      const name = rest.join(':')
      const message =
        what === 'group'
          ? `任务“${task.name}”的候选组 ${name} 没有对应的 Tongban 角色或部门，无人可以认领；请由中心管理人员指定办理人`
          : `任务“${task.name}”的办理人 ${name} 不是 Tongban 的账号，无人可以认领；请由中心管理人员指定办理人`
      await repo.insertIncident(this.tx, {
        instanceId: token.instance_id,
        executionId: token.id,
        elementId: element.id,
        message,
        at: this.now,
      })
      token.data = { ...token.data, assignmentIncident: true }
      this.touch(token)
      this.record(token.instance_id, 'incident.created', { element, taskId: task.id, reason: message })
    }
    this.record(token.instance_id, 'task.created', {
      element,
      taskId: task.id,
      details: { assigneeId: task.assignee_id, departmentId: task.candidate_department_id, role: task.candidate_role },
    })
    return task
  }

  // Waiting for the applicant (退回申请人补正) ------------------------------------------------------------------

  /** The token's step waits for the applicant: its timers stop and no task is open until the supplement comes. */
  async awaitApplicant(token: ExecutionRow, wait: Omit<ApplicantWait, 'since'>): Promise<void> {
    await this.disarm(token)
    token.state = 'waiting'
    token.data = { ...token.data, awaitingApplicant: { ...wait, since: this.now.toISOString() } }
    this.touch(token)
  }

  /**
   * The applicant has supplemented: the step opens again for the one who returned it, its boundary timers start
   * afresh and its deadline moves by the working days the applicant took (补正 time does not count).
   */
  async resumeFromApplicant(token: ExecutionRow): Promise<TaskRow> {
    const wait = token.data.awaitingApplicant as ApplicantWait
    const element = this.elementOf(token)
    const { awaitingApplicant: _, ...data } = token.data
    token.data = data
    this.touch(token)
    await this.armBoundaries(token, element)
    let dueAt = wait.dueAt ? new Date(wait.dueAt) : null
    const paused = dueAt ? this.deps.calendar.countWorkingDaysBetweenInstants(new Date(wait.since), this.now) : 0
    if (dueAt && paused > 0) dueAt = this.deps.calendar.addWorkingDaysToInstant(dueAt, paused)
    return this.createTask(token, element, {}, { assignee_id: wait.workerId, due_at: dueAt })
  }

  // Multi-instance (会签 / 或签) -----------------------------------------------------------------------------

  private async enterMultiInstance(token: ExecutionRow, element: FlowElement): Promise<void> {
    const multi = element.multiInstance as NonNullable<FlowElement['multiInstance']>
    const variables = this.variablesOf(token.instance_id)
    let items: unknown[]
    if (multi.collection) {
      const value = isExpressionText(multi.collection)
        ? evaluateExpression(multi.collection, variables)
        : variables[multi.collection]
      if (!Array.isArray(value)) {
        throw workflowErrors.badVariable(`多实例任务 ${element.id} 的集合变量 ${multi.collection} 应是一个数组`)
      }
      items = value
    } else {
      const count = Number(evaluateExpression(multi.cardinality as string, variables))
      if (!Number.isInteger(count) || count < 0)
        throw workflowErrors.badVariable(`多实例任务 ${element.id} 的实例数无效`)
      items = Array.from({ length: count }, (_, index) => index)
    }
    token.kind = 'multi'
    token.state = 'waiting'
    token.data = { total: items.length, completed: 0, items, nextIndex: 0 }
    this.touch(token)
    if (items.length === 0) return this.leave(token)
    await this.armBoundaries(token, element)
    const first = multi.isSequential ? 1 : items.length
    for (let index = 0; index < first; index++) await this.createItem(token, element)
  }

  /** Adds the next item (one countersigner) of a multi-instance body. */
  async createItem(body: ExecutionRow, element: FlowElement): Promise<TaskRow> {
    const index = body.data.nextIndex ?? 0
    const item = body.data.items?.[index]
    body.data = { ...body.data, nextIndex: index + 1 }
    this.touch(body)
    const execution = this.newExecution(body.instance_id, body.id, element.id, 'token', 'waiting', {
      loopCounter: index,
      item,
    })
    const local: Record<string, unknown> = { loopCounter: index }
    if (element.multiInstance?.elementVariable) local[element.multiInstance.elementVariable] = item
    return this.createTask(execution, element, local)
  }

  private isMultiInstanceDone(body: ExecutionRow, element: FlowElement): boolean {
    const total = body.data.total ?? 0
    const completed = body.data.completed ?? 0
    if (completed >= total) return true
    const condition = element.multiInstance?.completionCondition
    if (!condition) return false
    return isConditionMet(condition, {
      ...this.variablesOf(body.instance_id),
      nrOfInstances: total,
      nrOfCompletedInstances: completed,
      nrOfActiveInstances: this.childrenOf(body.id).length,
    })
  }

  /** One countersigner finished (or was removed): the body completes by its rule, or the next one starts. */
  async completeItem(item: ExecutionRow | null, body: ExecutionRow, countAsCompleted: boolean): Promise<void> {
    const element = this.elementOf(body)
    const output = element.multiInstance?.outputElement
    if (item && countAsCompleted && output) {
      // loopDataOutputRef: the instance's outputDataItem goes to its place in the output collection.
      const outputs = [...(body.data.outputs ?? [])]
      outputs[item.data.loopCounter ?? outputs.length] = this.variablesOf(body.instance_id)[output] ?? null
      body.data = { ...body.data, outputs }
    }
    if (item) await this.removeExecutions([item], 'completed')
    if (countAsCompleted) body.data = { ...body.data, completed: (body.data.completed ?? 0) + 1 }
    this.touch(body)
    if (this.isMultiInstanceDone(body, element)) {
      if (element.multiInstance?.outputCollection) {
        const outputs = Array.from({ length: body.data.total ?? 0 }, (_, index) => body.data.outputs?.[index] ?? null)
        this.setVariables(body.instance_id, { [element.multiInstance.outputCollection]: outputs })
      }
      await this.removeExecutions(this.childrenOf(body.id), 'countersign-closed')
      body.kind = 'token'
      return this.leave(body)
    }
    const started = body.data.nextIndex ?? 0
    if (
      element.multiInstance?.isSequential &&
      this.childrenOf(body.id).length === 0 &&
      started < (body.data.total ?? 0)
    ) {
      await this.createItem(body, element)
    }
  }

  /** 加签: one more countersigner on a running multi-instance task. */
  async addItem(body: ExecutionRow, value: unknown): Promise<TaskRow | undefined> {
    const element = this.elementOf(body)
    body.data = { ...body.data, items: [...(body.data.items ?? []), value], total: (body.data.total ?? 0) + 1 }
    this.touch(body)
    if (element.multiInstance?.isSequential && this.childrenOf(body.id).length > 0) return undefined
    return this.createItem(body, element)
  }

  /** 减签: takes one countersigner's open item away; the body may complete by its rule. */
  async removeItem(item: ExecutionRow, body: ExecutionRow): Promise<void> {
    await this.removeExecutions([item], 'countersigner-removed')
    body.data = { ...body.data, total: (body.data.total ?? 1) - 1 }
    return this.completeItem(null, body, false)
  }

  // Service tasks --------------------------------------------------------------------------------------------

  async runServiceTask(token: ExecutionRow, element: FlowElement): Promise<void> {
    const instance = this.instances.get(token.instance_id) as InstanceRow
    if (element.externalTopic) {
      // External task: the token waits until an outside worker fetches, locks and completes it over HTTP.
      token.state = 'waiting'
      this.touch(token)
      await this.armBoundaries(token, element)
      await repo.insertExternalTask(this.tx, {
        instance_id: instance.id,
        root_instance_id: this.rootInstanceId,
        execution_id: token.id,
        element_id: element.id,
        topic: element.externalTopic,
        business_key: instance.business_key,
        created_at: this.now,
      })
      this.record(instance.id, 'external-task.created', { element, details: { topic: element.externalTopic } })
      return
    }
    const handler = element.handler ? this.deps.handlers.get(element.handler) : undefined
    try {
      if (!handler) throw new Error(`未注册的服务处理程序 ${element.handler ?? '（未指定）'}`)
      const result = await handler({
        instanceId: instance.id,
        businessKey: instance.business_key,
        elementId: element.id,
        variables: { ...this.variablesOf(instance.id) },
      })
      if (result) this.setVariables(instance.id, result)
    } catch (error) {
      if (error instanceof BpmnError) {
        this.record(instance.id, 'service.error-thrown', { element, details: { errorCode: error.errorCode } })
        return this.throwError(token, error.errorCode)
      }
      return this.failServiceTask(token, element, (error as Error).message)
    }
    return this.leave(token)
  }

  private async failServiceTask(token: ExecutionRow, element: FlowElement, message: string): Promise<void> {
    const attempts = (token.data.attempts ?? 0) + 1
    const retries = element.retries ?? 3
    const firstFailure = token.state !== 'waiting'
    token.state = 'waiting'
    token.data = { ...token.data, attempts }
    this.touch(token)
    if (firstFailure) await this.armBoundaries(token, element)
    if (attempts < retries) {
      const backoff = parseDuration(element.retryBackoff ?? 'PT1M')?.ms ?? 60_000
      const payload: ServiceRetryPayload = { rootInstanceId: this.rootInstanceId, executionId: token.id }
      await this.deps.jobs.schedule(this.tx, {
        kind: SERVICE_RETRY_JOB,
        payload,
        runAt: new Date(this.now.getTime() + backoff),
        key: `workflow-retry:${token.id}:${attempts}`,
      })
      this.record(token.instance_id, 'service.failed', { element, reason: message, details: { attempts, retries } })
      return
    }
    await this.raiseIncident(token, element, message, { attempts })
  }

  /** The token stops at its element with an incident the monitor shows; a centre manager moves or retries it. */
  async raiseIncident(
    token: ExecutionRow,
    element: FlowElement,
    message: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    token.state = 'waiting'
    token.data = { ...token.data, incident: true }
    this.touch(token)
    await repo.insertIncident(this.tx, {
      instanceId: token.instance_id,
      executionId: token.id,
      elementId: element.id,
      message,
      at: this.now,
    })
    this.record(token.instance_id, 'incident.created', { element, reason: message, details })
  }
}
