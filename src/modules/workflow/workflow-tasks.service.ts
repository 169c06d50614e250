import type { Db, Queryable, Transaction } from '../../platform/db/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import { type Actor, Role } from '../identity/index.js'
import type { EngineCalendar, EngineStep } from './token-engine.js'
import type { WorkflowDirectory } from './workflow.directory.js'
import { workflowErrors } from './workflow.errors.js'
import * as repo from './workflow.repository.js'
import type { WorkflowService } from './workflow.service.js'

/** A task a step opened: what the one who completed the step is told (下一环节 and who holds it). */
export type NextTask = { id: string; name: string; assigneeId: string | null; departmentId: string | null }

function describeNext(step: EngineStep): { nextTaskIds: string[]; nextTasks: NextTask[] } {
  const nextTasks = step.createdTasks.map((task) => ({
    id: task.id,
    name: task.name,
    assigneeId: task.assignee_id,
    departmentId: task.candidate_department_id,
  }))
  return { nextTaskIds: nextTasks.map((task) => task.id), nextTasks }
}

export type InboxView = 'mine' | 'unclaimed' | 'copied' | 'done'
export type DueMark = 'none' | 'normal' | 'warning' | 'overdue'

/** 预警 yellow when the deadline is within one working day, 超期 red once it has passed. */
export function buildDueMark(dueAt: Date | null, now: Date, calendar: EngineCalendar): DueMark {
  if (!dueAt) return 'none'
  if (dueAt.getTime() < now.getTime()) return 'overdue'
  try {
    if (calendar.addWorkingDaysToInstant(now, 1).getTime() >= dueAt.getTime()) return 'warning'
  } catch {
    // Past the last published calendar year the mark cannot be computed; the deadline itself still shows.
  }
  return 'normal'
}

export function createWorkflowTaskService(deps: {
  db: Db
  audit: AuditService
  workflow: WorkflowService
  directory: WorkflowDirectory
  calendar: EngineCalendar
  clock: { now(): Date }
}) {
  const { db, audit, workflow, directory } = deps
  const stepActor = (actor: Actor) => ({ id: actor.id, name: actor.displayName })

  // Inside a step pass its transaction as `q`: the directory may have to be read again, and only through it.
  async function scopeOf(actor: Actor, q?: Queryable) {
    return {
      departmentIds: await directory.listDepartmentAndAncestors(actor.departmentId, q),
      roles: actor.roles as string[],
    }
  }

  async function isInScope(actor: Actor, task: repo.TaskRow, q?: Queryable): Promise<boolean> {
    if (task.assignee_id) return task.assignee_id === actor.id
    const scope = await scopeOf(actor, q)
    const departmentOk = !task.candidate_department_id || scope.departmentIds.includes(task.candidate_department_id)
    const roleOk = !task.candidate_role || scope.roles.includes(task.candidate_role)
    return departmentOk && roleOk
  }

  /** Lists the actor's inbox, sorted by deadline, with yellow/red marks. */
  async function listInbox(actor: Actor, view: InboxView, limit = 100) {
    const scope = await scopeOf(actor)
    const rows = await repo.listInbox(db, { view, accountId: actor.id, ...scope, limit })
    const now = deps.clock.now()
    return rows.map((row) => ({ ...row, due_mark: buildDueMark(row.due_at, now, deps.calendar) }))
  }

  /** Opens a task (marks it opened, which ends 收回 for the sender). Throws WORKFLOW_TASK_NOT_FOUND, WORKFLOW_TASK_OUTSIDE_SCOPE. */
  async function openTask(actor: Actor, taskId: string) {
    const task = await repo.findTask(db, taskId)
    if (!task) throw workflowErrors.taskNotFound()
    const visible =
      (await isInScope(actor, task)) ||
      task.completed_by === actor.id ||
      task.owner_id === actor.id ||
      (await repo.isTaskCopiedTo(db, taskId, actor.id))
    if (!visible) throw workflowErrors.taskOutsideScope()
    if (task.state === 'open' && task.assignee_id === actor.id && !task.opened_at) {
      await repo.markTaskOpened(db, taskId, deps.clock.now())
    }
    const history = await repo.listHistory(db, task.root_instance_id)
    return { task, history, dueMark: buildDueMark(task.due_at, deps.clock.now(), deps.calendar) }
  }

  /**
   * Runs an inbox action on an open task as one step under the instance lock: the loser of a race gets 409.
   * Throws WORKFLOW_TASK_NOT_FOUND, WORKFLOW_TASK_ALREADY_COMPLETED, WORKFLOW_INSTANCE_NOT_ACTIVE.
   */
  async function onOpenTask<T>(
    actor: Actor,
    taskId: string,
    work: (step: EngineStep, task: repo.TaskRow) => Promise<T>,
    tx?: Transaction,
  ): Promise<T> {
    return workflow.runStep(
      { taskId },
      stepActor(actor),
      async (step, root) => {
        const task = step.task as repo.TaskRow
        if (task.state !== 'open') throw workflowErrors.taskAlreadyCompleted()
        if (root.status !== 'active') throw workflowErrors.instanceNotActive(root.status)
        return work(step, task)
      },
      tx,
    )
  }

  /** Listeners told, inside the step's transaction, that a reviewer returned a task to the applicant (退回补正). */
  type ReturnedToApplicant = { instanceId: string; businessKey: string | null; taskId: string; reason: string }
  const returnedListeners: ((tx: Transaction, event: ReturnedToApplicant) => Promise<void>)[] = []
  function onReturnedToApplicant(listener: (tx: Transaction, event: ReturnedToApplicant) => Promise<void>): void {
    returnedListeners.push(listener)
  }

  /**
   * The departments an instance tree is routed to: its tasks' candidate departments and the departments of their
   * assignees and completers (for a case's access check).
   */
  async function listInstanceDepartmentIds(q: Queryable, rootInstanceId: string): Promise<string[]> {
    const { rows } = await q.query<{ department_id: string | null; person_id: string | null }>(
      `SELECT DISTINCT candidate_department_id AS department_id, NULL::uuid AS person_id FROM workflow.tasks
        WHERE root_instance_id = $1 AND candidate_department_id IS NOT NULL
       UNION SELECT DISTINCT NULL::uuid, coalesce(completed_by, assignee_id) FROM workflow.tasks
        WHERE root_instance_id = $1 AND coalesce(completed_by, assignee_id) IS NOT NULL`,
      [rootInstanceId],
    )
    const ids = new Set(rows.flatMap((row) => (row.department_id ? [row.department_id] : [])))
    const people = rows.flatMap((row) => (row.person_id ? [row.person_id] : []))
    if (people.length > 0) {
      const { staff } = await directory.load(q)
      for (const person of people) {
        const departmentId = staff.find((entry) => entry.id === person)?.departmentId
        if (departmentId) ids.add(departmentId)
      }
    }
    return [...ids]
  }

  /** A task by id, without marking it opened (the caller checks it belongs to its case). */
  async function findTaskOfInstance(q: Queryable, taskId: string) {
    const task = await repo.findTask(q, taskId)
    return task
      ? {
          id: task.id,
          rootInstanceId: task.root_instance_id,
          instanceId: task.instance_id,
          elementId: task.element_id,
          name: task.name,
          state: task.state,
          assigneeId: task.assignee_id,
          candidateDepartmentId: task.candidate_department_id,
        }
      : undefined
  }

  async function requireWorker(step: EngineStep, actor: Actor, task: repo.TaskRow) {
    if (task.assignee_id && task.assignee_id !== actor.id) throw workflowErrors.taskNotYours()
    if (!task.assignee_id && !(await isInScope(actor, task, step.tx))) throw workflowErrors.taskOutsideScope()
  }

  function auditTask(step: EngineStep, context: AuditContext, action: string, task: repo.TaskRow, details = {}) {
    return audit.record(step.tx, context, {
      action: `workflow.task.${action}`,
      target: `task:${task.id}`,
      result: 'success',
      details: { instanceId: task.instance_id, elementId: task.element_id, ...details },
    })
  }

  /** Moves the token of a task on: one countersigner of a multi-instance task, or the task's own token. */
  async function moveOn(step: EngineStep, task: repo.TaskRow) {
    step.previousTaskId = task.id
    const token = step.executions.get(task.execution_id)
    if (!token) return
    const parent = token.parent_id ? step.executions.get(token.parent_id) : undefined
    if (parent?.kind === 'multi') await step.completeItem(token, parent, true)
    else await step.leave(token)
  }

  /**
   * 办理: completes a task with form data and an opinion (审批意见). A delegated task goes back to its owner.
   * Throws WORKFLOW_TASK_ALREADY_COMPLETED (409), WORKFLOW_TASK_NOT_ASSIGNED, WORKFLOW_OPINION_REQUIRED.
   */
  async function completeTask(
    context: AuditContext,
    actor: Actor,
    taskId: string,
    input: { variables?: Record<string, unknown>; formData?: Record<string, unknown>; opinion?: string },
    tx?: Transaction,
  ) {
    return onOpenTask(
      actor,
      taskId,
      async (step, task) => {
        await requireWorker(step, actor, task)
        const opinion = input.opinion?.trim() || null
        if (task.opinion_required && !opinion) throw workflowErrors.opinionRequired()
        if (task.owner_id && task.owner_id !== actor.id) {
          // 委派: the delegate has done the work; the owner completes (or passes it on).
          await repo.updateTaskAssignment(step.tx, task.id, { assigneeId: task.owner_id, ownerId: null })
          step.record(task.instance_id, 'task.resolved', {
            taskId: task.id,
            reason: opinion,
            details: { formData: input.formData ?? null },
          })
          await auditTask(step, context, 'resolve', task)
          return { completed: false, nextTaskIds: [] as string[], nextTasks: [] as NextTask[] }
        }
        step.finishTask(task, {
          state: 'completed',
          completed_by: actor.id,
          outcome: 'completed',
          opinion,
          form_data: input.formData ?? null,
        })
        step.setVariables(task.instance_id, { ...(input.formData ?? {}), ...(input.variables ?? {}) })
        step.record(task.instance_id, 'task.completed', {
          taskId: task.id,
          reason: opinion,
          details: { elementId: task.element_id },
        })
        await moveOn(step, task)
        await auditTask(step, context, 'complete', task)
        return { completed: true, ...describeNext(step) }
      },
      tx,
    )
  }

  /** 认领: takes an unclaimed task of one's department. Throws WORKFLOW_TASK_ALREADY_CLAIMED, WORKFLOW_TASK_OUTSIDE_SCOPE. */
  async function claimTask(context: AuditContext, actor: Actor, taskId: string) {
    return onOpenTask(actor, taskId, async (step, task) => {
      if (task.assignee_id) throw workflowErrors.taskAlreadyClaimed()
      if (!(await isInScope(actor, task, step.tx))) throw workflowErrors.taskOutsideScope()
      await repo.updateTaskAssignment(step.tx, task.id, { assigneeId: actor.id })
      step.record(task.instance_id, 'task.claimed', { taskId: task.id })
      await auditTask(step, context, 'claim', task)
    })
  }

  /** 退回认领: gives a claimed task back to the department. */
  async function unclaimTask(context: AuditContext, actor: Actor, taskId: string, reason?: string) {
    return onOpenTask(actor, taskId, async (step, task) => {
      if (task.assignee_id !== actor.id) throw workflowErrors.taskNotYours()
      if (!task.candidate_department_id && !task.candidate_role) throw workflowErrors.taskNotYours()
      await repo.updateTaskAssignment(step.tx, task.id, { assigneeId: null, ownerId: null })
      step.record(task.instance_id, 'task.unclaimed', { taskId: task.id, reason: reason ?? null })
      await auditTask(step, context, 'unclaim', task)
    })
  }

  async function requireStaff(loginName: string) {
    const staff = await directory.findStaff(loginName)
    if (!staff) throw workflowErrors.staffNotFound(loginName)
    return staff
  }

  /** 委派 (the task comes back after) or 转办 (it moves for good) to another staff member. */
  async function handOver(
    context: AuditContext,
    actor: Actor,
    taskId: string,
    input: { kind: 'delegate' | 'transfer'; loginName: string; reason: string },
  ) {
    if (!input.reason.trim()) throw workflowErrors.reasonRequired()
    const target = await requireStaff(input.loginName)
    return onOpenTask(actor, taskId, async (step, task) => {
      await requireWorker(step, actor, task)
      await repo.updateTaskAssignment(step.tx, task.id, {
        assigneeId: target.id,
        ownerId: input.kind === 'delegate' ? actor.id : null,
      })
      step.record(task.instance_id, input.kind === 'delegate' ? 'task.delegated' : 'task.transferred', {
        taskId: task.id,
        reason: input.reason,
        details: { to: target.displayName, toId: target.id },
      })
      await auditTask(step, context, input.kind, task, { to: target.id })
    })
  }

  /**
   * 退回: sends the task's token back to an earlier user task of the same (sub)process; the person who did that
   * step gets it again. Only this token moves (see README for parallel branches). Throws WORKFLOW_RETURN_TARGET_INVALID.
   */
  async function returnTask(
    context: AuditContext,
    actor: Actor,
    taskId: string,
    input: { targetElementId: string; reason: string },
  ) {
    if (!input.reason.trim()) throw workflowErrors.reasonRequired()
    return onOpenTask(actor, taskId, async (step, task) => {
      await requireWorker(step, actor, task)
      const token = step.executions.get(task.execution_id)
      if (!token) throw workflowErrors.taskAlreadyCompleted()
      const model = step.modelOf(task.instance_id)
      const target = model.elements[input.targetElementId]
      const current = model.elements[task.element_id]
      const earlier = (await repo.listCompletedTasksOfInstance(step.tx, task.instance_id)).filter(
        (done) => done.element_id === input.targetElementId,
      )
      if (target?.kind !== 'userTask' || target.scopeId !== current?.scopeId || earlier.length === 0) {
        throw workflowErrors.returnTargetInvalid(input.targetElementId)
      }
      step.finishTask(task, {
        state: 'completed',
        completed_by: actor.id,
        outcome: 'returned',
        opinion: input.reason,
        form_data: null,
      })
      step.record(task.instance_id, 'task.returned', {
        taskId: task.id,
        reason: input.reason,
        details: { to: target.id },
      })
      const parent = token.parent_id ? step.executions.get(token.parent_id) : undefined
      const moving = parent?.kind === 'multi' ? parent : token
      const scopeId = moving.parent_id
      await step.removeExecutions([moving], 'returned')
      step.previousTaskId = task.id
      const fresh = step.newExecution(moving.instance_id, scopeId, target.id, 'token', 'active')
      await step.enter(fresh, target.id, null)
      const previousWorker = earlier[earlier.length - 1]?.completed_by ?? null
      for (const created of step.createdTasks) {
        if (previousWorker && !target.multiInstance) step.assignNewTask(created.id, previousWorker)
      }
      await auditTask(step, context, 'return', task, { to: target.id })
      return describeNext(step)
    })
  }

  /**
   * 收回: takes back a task one completed while none of the tasks it created has been opened.
   * Throws WORKFLOW_TAKE_BACK_NOT_ALLOWED, WORKFLOW_TAKE_BACK_TOO_LATE.
   */
  async function takeBackTask(context: AuditContext, actor: Actor, taskId: string, reason: string) {
    const done = await repo.findTask(db, taskId)
    if (!done) throw workflowErrors.taskNotFound()
    if (done.state !== 'completed' || done.completed_by !== actor.id || done.outcome !== 'completed') {
      throw workflowErrors.notTakeBackable()
    }
    return workflow.runStep(done.root_instance_id, stepActor(actor), async (step, root) => {
      if (root.status !== 'active') throw workflowErrors.instanceNotActive(root.status)
      const next = await repo.listTasksCreatedBy(step.tx, taskId)
      if (next.length === 0) throw workflowErrors.notTakeBackable()
      if (next.some((task) => task.state !== 'open' || task.opened_at)) throw workflowErrors.takeBackTooLate()
      const doomed = new Map<string, NonNullable<ReturnType<typeof step.executions.get>>>()
      for (const task of next) {
        const token = step.executions.get(task.execution_id)
        if (!token) throw workflowErrors.takeBackTooLate()
        const parent = token.parent_id ? step.executions.get(token.parent_id) : undefined
        const moving = parent?.kind === 'multi' ? parent : token
        doomed.set(moving.id, moving)
      }
      const first = [...doomed.values()][0] as NonNullable<ReturnType<typeof step.executions.get>>
      await step.removeExecutions([...doomed.values()], 'taken-back')
      step.record(done.instance_id, 'task.taken-back', { taskId, reason })
      const fresh = step.newExecution(done.instance_id, first.parent_id, done.element_id, 'token', 'active')
      await step.enter(fresh, done.element_id, null)
      for (const created of step.createdTasks) step.assignNewTask(created.id, actor.id)
      await audit.record(step.tx, context, {
        action: 'workflow.task.take-back',
        target: `task:${taskId}`,
        result: 'success',
        details: { instanceId: done.instance_id, reason },
      })
      return { taskIds: step.createdTasks.map((created) => created.id) }
    })
  }

  /** 加签: adds a countersigner (an item of the collection: a login name or department code) to a running countersign. */
  async function addCountersigner(
    context: AuditContext,
    actor: Actor,
    taskId: string,
    input: { value: string; reason: string },
  ) {
    return onOpenTask(actor, taskId, async (step, task) => {
      await requireWorker(step, actor, task)
      const token = step.executions.get(task.execution_id)
      const body = token?.parent_id ? step.executions.get(token.parent_id) : undefined
      if (body?.kind !== 'multi') throw workflowErrors.notMultiInstance()
      const created = await step.addItem(body, input.value)
      step.record(task.instance_id, 'task.countersigner-added', {
        taskId: task.id,
        reason: input.reason,
        details: { value: input.value },
      })
      await auditTask(step, context, 'countersigner-add', task, { value: input.value })
      return { taskId: created?.id ?? null }
    })
  }

  /** 减签: removes another countersigner's open item. Throws WORKFLOW_LAST_COUNTERSIGNER, WORKFLOW_NOT_COUNTERSIGN. */
  async function removeCountersigner(
    context: AuditContext,
    actor: Actor,
    taskId: string,
    input: { removeTaskId: string; reason: string },
  ) {
    return onOpenTask(actor, taskId, async (step, task) => {
      await requireWorker(step, actor, task)
      const token = step.executions.get(task.execution_id)
      const body = token?.parent_id ? step.executions.get(token.parent_id) : undefined
      if (body?.kind !== 'multi') throw workflowErrors.notMultiInstance()
      const removed = await repo.findTask(step.tx, input.removeTaskId)
      const item = removed ? step.executions.get(removed.execution_id) : undefined
      if (removed?.state !== 'open' || !item || item.parent_id !== body.id || removed.id === task.id) {
        throw workflowErrors.countersignerNotFound()
      }
      if ((body.data.total ?? 0) <= 1) throw workflowErrors.lastCountersigner()
      step.record(task.instance_id, 'task.countersigner-removed', { taskId: removed.id, reason: input.reason })
      await step.removeItem(item, body)
      await auditTask(step, context, 'countersigner-remove', task, { removedTaskId: removed.id })
    })
  }

  /** 抄送: copies a task to staff for information. */
  async function copyTask(
    context: AuditContext,
    actor: Actor,
    taskId: string,
    input: { loginNames: string[]; note?: string },
  ) {
    const targets = await Promise.all(input.loginNames.map(requireStaff))
    const task = await repo.findTask(db, taskId)
    if (!task) throw workflowErrors.taskNotFound()
    if (!(await isInScope(actor, task)) && task.completed_by !== actor.id) throw workflowErrors.taskOutsideScope()
    return workflow.runStep(task.root_instance_id, stepActor(actor), async (step) => {
      for (const target of targets) {
        await repo.insertTaskCopy(step.tx, {
          taskId,
          accountId: target.id,
          copiedBy: actor.id,
          note: input.note ?? null,
        })
      }
      step.record(task.instance_id, 'task.copied', {
        taskId,
        reason: input.note ?? null,
        details: { to: targets.map((target) => target.displayName) },
      })
      await auditTask(step, context, 'copy', task, { to: targets.map((target) => target.id) })
    })
  }

  /** 催办: chases the holder of an open task; recorded with the reason. */
  async function chaseTask(context: AuditContext, actor: Actor, taskId: string, reason: string) {
    return onOpenTask(actor, taskId, async (step, task) => {
      await repo.markTaskChased(step.tx, task.id, step.now)
      step.record(task.instance_id, 'task.chased', { taskId: task.id, reason })
      await auditTask(step, context, 'chase', task)
    })
  }

  /**
   * 退回申请人补正: the task's step waits for the applicant's supplement; it leaves the inbox and its deadline stands
   * still until then. Throws WORKFLOW_REASON_REQUIRED, WORKFLOW_COUNTERSIGN_CANNOT_AWAIT_APPLICANT.
   */
  async function returnToApplicant(
    context: AuditContext,
    actor: Actor,
    taskId: string,
    reason: string,
    tx?: Transaction,
  ) {
    if (!reason.trim()) throw workflowErrors.reasonRequired()
    return onOpenTask(
      actor,
      taskId,
      async (step, task) => {
        await requireWorker(step, actor, task)
        const token = step.executions.get(task.execution_id)
        const parent = token?.parent_id ? step.executions.get(token.parent_id) : undefined
        if (!token || parent?.kind === 'multi') throw workflowErrors.countersignCannotAwaitApplicant()
        step.finishTask(task, {
          state: 'completed',
          completed_by: actor.id,
          outcome: 'returned-to-applicant',
          opinion: reason,
          form_data: null,
        })
        await step.awaitApplicant(token, {
          taskId: task.id,
          reason,
          workerId: actor.id,
          dueAt: task.due_at?.toISOString() ?? null,
        })
        step.record(task.instance_id, 'task.returned-to-applicant', { taskId: task.id, reason })
        await auditTask(step, context, 'return-to-applicant', task, { reason })
        const businessKey = step.instances.get(task.instance_id)?.business_key ?? null
        for (const listener of returnedListeners) {
          await listener(step.tx, { instanceId: task.instance_id, businessKey, taskId: task.id, reason })
        }
      },
      tx,
    )
  }

  /**
   * 申请人已补正: the step a task was returned from opens again for the one who returned it, with its deadline
   * moved by the working days the applicant took. Recorded by that reviewer, a window clerk who received the
   * materials, or a centre manager. Throws WORKFLOW_NOT_AWAITING_APPLICANT, WORKFLOW_TASK_OUTSIDE_SCOPE.
   */
  async function resumeAfterSupplement(
    context: AuditContext,
    actor: Actor,
    returnedTaskId: string,
    note: string,
    tx?: Transaction,
    options: { byApplicant?: boolean } = {},
  ) {
    const returned = await repo.findTask(tx ?? db, returnedTaskId)
    if (!returned) throw workflowErrors.taskNotFound()
    return workflow.runStep(
      returned.root_instance_id,
      stepActor(actor),
      async (step, root) => {
        if (root.status !== 'active') throw workflowErrors.instanceNotActive(root.status)
        const token = step.executions.get(returned.execution_id)
        const wait = token?.data.awaitingApplicant
        if (!token || wait?.taskId !== returnedTaskId) throw workflowErrors.notAwaitingApplicant()
        // byApplicant: the cases module has checked that the actor is the case's applicant supplementing online.
        const mayRecord =
          options.byApplicant === true ||
          wait.workerId === actor.id ||
          actor.roles?.includes(Role.windowClerk) ||
          actor.roles?.includes(Role.centreManager)
        if (!mayRecord) throw workflowErrors.taskOutsideScope()
        step.previousTaskId = returned.id
        const task = await step.resumeFromApplicant(token)
        step.record(returned.instance_id, 'applicant.supplemented', {
          taskId: returned.id,
          reason: note.trim() || null,
          details: { waitedSince: wait.since, reopenedTaskId: task.id },
        })
        await auditTask(step, context, 'applicant-supplement', returned, { reopenedTaskId: task.id })
        return { taskId: task.id, dueAt: task.due_at }
      },
      tx,
    )
  }

  /** 特殊办结: ends the whole instance from a task, with a reason. */
  async function endSpecially(context: AuditContext, actor: Actor, taskId: string, reason: string) {
    if (!reason.trim()) throw workflowErrors.reasonRequired()
    return onOpenTask(actor, taskId, async (step, task) => {
      await requireWorker(step, actor, task)
      step.finishTask(task, {
        state: 'completed',
        completed_by: actor.id,
        outcome: 'special-end',
        opinion: reason,
        form_data: null,
      })
      await step.removeExecutions(
        [...step.executions.values()].filter((execution) => execution.parent_id === null),
        'special-end',
      )
      for (const instance of step.instances.values()) {
        if (instance.status === 'active') step.setInstanceStatus(instance, 'terminated', `特殊办结：${reason}`, true)
      }
      step.record(task.instance_id, 'instance.special-end', { taskId: task.id, reason })
      await auditTask(step, context, 'special-end', task, { reason })
    })
  }

  /**
   * 指定办理人: a centre manager gives an open task to a named staff member — the way out for a task whose candidate
   * group or assignee maps to nobody (its incident is resolved). Throws WORKFLOW_REASON_REQUIRED,
   * WORKFLOW_STAFF_NOT_FOUND, WORKFLOW_TASK_ALREADY_COMPLETED.
   */
  async function reassignTask(
    context: AuditContext,
    actor: Actor,
    taskId: string,
    input: { loginName: string; reason: string },
  ) {
    if (!input.reason.trim()) throw workflowErrors.reasonRequired()
    if (!actor.roles.includes(Role.centreManager)) throw workflowErrors.taskOutsideScope()
    const target = await requireStaff(input.loginName)
    return onOpenTask(actor, taskId, async (step, task) => {
      await repo.updateTaskAssignment(step.tx, task.id, {
        assigneeId: target.id,
        ownerId: null,
        departmentId: target.departmentId,
        role: null,
      })
      await repo.resolveIncidentsOfExecution(step.tx, task.execution_id, step.now)
      const token = step.executions.get(task.execution_id)
      if (token?.data.assignmentIncident) {
        const { assignmentIncident: _, ...data } = token.data
        token.data = data
        step.markChanged(token)
      }
      step.record(task.instance_id, 'task.reassigned', {
        taskId: task.id,
        reason: input.reason,
        details: { to: target.displayName, toId: target.id, fromRole: task.candidate_role },
      })
      await auditTask(step, context, 'reassign', task, { to: target.id })
    })
  }

  return {
    onReturnedToApplicant,
    listInstanceDepartmentIds,
    findTaskOfInstance,
    reassignTask,
    listInbox,
    openTask,
    completeTask,
    claimTask,
    unclaimTask,
    handOver,
    returnTask,
    takeBackTask,
    addCountersigner,
    removeCountersigner,
    copyTask,
    chaseTask,
    returnToApplicant,
    resumeAfterSupplement,
    endSpecially,
  }
}

export type WorkflowTaskService = ReturnType<typeof createWorkflowTaskService>
