import type { Db, Queryable } from '../../platform/db/index.js'
import type { Workflow } from '../workflow/index.js'
import type { CaseWorkflowPort } from './case-ports.js'

/**
 * The workflow as the cases module uses it, through the Workflow object its index.ts exports: the process starts
 * with the case id as business key inside the acceptance's transaction, and every task step runs inside the case's
 * transaction, so a transition, its review opinion and the task step commit (or roll back) together.
 */
export function createCaseWorkflowPort(workflow: Workflow, _db?: Db): CaseWorkflowPort {
  const tasks = workflow.tasks
  return {
    async startProcess(tx, context, actor, input) {
      const started = await workflow.workflow.startInstance(
        context,
        actor,
        { processKey: input.processKey, businessKey: input.caseId, variables: input.variables },
        tx,
      )
      // The case's acceptance is the process's own 受理 step: it is completed here, in the same transaction, by
      // the clerk who accepted, so it never lingers in an inbox after the case is accepted.
      for (const taskId of started.taskIds) {
        const task = await tasks.findTaskOfInstance(tx, taskId)
        if (task?.state !== 'open' || !isIntakeTask(task)) continue
        await tasks.completeTask(context, actor, taskId, { opinion: '已受理', variables: {} }, tx)
      }
      return { instanceId: started.id }
    },
    async findTask(q: Queryable, taskId) {
      const task = await tasks.findTaskOfInstance(q, taskId)
      return task
        ? {
            id: task.id,
            rootInstanceId: task.rootInstanceId,
            name: task.name,
            state: task.state,
            assigneeId: task.assigneeId,
          }
        : undefined
    },
    async completeTask(tx, context, actor, taskId, input) {
      await tasks.completeTask(context, actor, taskId, { opinion: input.opinion, variables: input.variables }, tx)
    },
    async returnToApplicant(tx, context, actor, taskId, reason) {
      await tasks.returnToApplicant(context, actor, taskId, reason, tx)
    },
    async resumeAfterSupplement(tx, context, actor, taskId, note, options) {
      // byApplicant: cases has checked that the actor is the case's applicant (or its filer) supplementing online.
      await tasks.resumeAfterSupplement(context, actor, taskId, note, tx, { byApplicant: options.byApplicant })
    },
    listProcessDepartmentIds: (q, instanceId) => tasks.listInstanceDepartmentIds(q, instanceId),
    onReturnedToApplicant(listener) {
      tasks.onReturnedToApplicant((tx, event) =>
        listener(tx, { caseId: event.businessKey, taskId: event.taskId, reason: event.reason }),
      )
    },
  }
}

/** The process's first 受理 task (element id `accept`, or a task named 受理). */
function isIntakeTask(task: { elementId: string; name: string }): boolean {
  return task.elementId === 'accept' || task.name === '受理'
}
