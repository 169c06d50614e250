import { Type } from 'typebox'
import { errorResponses, type HttpServer } from '../../platform/http/index.js'
import type { AuditContext } from '../audit/index.js'
import { actorOf, Permission } from '../identity/index.js'
import type { Workflow } from './create-workflow.js'
import { DefinitionError, decodeBpmnBytes } from './process-model.js'
import { workflowErrors } from './workflow.errors.js'
import {
  AddCountersignerBody,
  CompletedTask,
  CompleteExternalTaskBody,
  CompleteTaskBody,
  CopyBody,
  CreatedWorker,
  CreateWorkerBody,
  DefinitionDetail,
  DefinitionDiff,
  DefinitionQuery,
  DefinitionStatusBody,
  DefinitionSummary,
  DeploymentBody,
  DeploymentResult,
  DiffQuery,
  Done,
  ExternalTaskBpmnErrorBody,
  ExternalTaskFailureBody,
  ExternalTaskView,
  FetchAndLockBody,
  FireTimerBody,
  HandOverBody,
  IdParams,
  InboxQuery,
  InstanceQuery,
  InstanceSummary,
  InstanceView,
  MessageBody,
  MigrateBody,
  MoveTokenBody,
  OptionalReasonBody,
  ReasonBody,
  RemoveCountersignerBody,
  ResumedTask,
  RetryParams,
  ReturnBody,
  StartedInstance,
  StartInstanceBody,
  TaskDetail,
  TaskView,
  toDefinitionSummary,
  toHistoryView,
  toTaskView,
  WorkerView,
  WorkflowDirectoryView,
} from './workflow.schemas.js'
import { buildDueMark } from './workflow-tasks.service.js'

/** Permission codes of the workflow; stored in role mappings, never rename one. */
export const WorkflowPermission = {
  useTasks: 'workflow.tasks.use',
  manageProcesses: 'workflow.processes.manage',
} as const

type TaskRequest<Body> = { auditContext: AuditContext; params: { id: string }; body: Body }

const MAX_XML_BYTES = 2 * 1024 * 1024
const manage = { access: { permission: WorkflowPermission.manageProcesses } }
const useTasks = { access: { permission: WorkflowPermission.useTasks } }
const ok = { ok: true as const }

export function workflowRoutes(
  app: HttpServer,
  { workflow, tasks, monitor, external, directory, calendar, clock }: Workflow,
) {
  // Deployment takes raw BPMN XML as produced by the modelers; the parser lives in this scope only, size-limited.
  app.register(async (scope) => {
    // Raw bytes, read in the encoding the file declares (older Chinese tools save GBK); a mismatch is refused in
    // Chinese rather than misread (issue 13 item 9).
    scope.addContentTypeParser(
      ['application/xml', 'text/xml', 'application/bpmn+xml'],
      { parseAs: 'buffer', bodyLimit: MAX_XML_BYTES },
      (_request, body, done) => {
        try {
          done(null, decodeBpmnBytes(body as Buffer))
        } catch (error) {
          if (error instanceof DefinitionError) done(workflowErrors.badXml(error.message), undefined)
          else done(error as Error, undefined)
        }
      },
    )
    scope.post(
      '/api/workflow/deployments',
      {
        schema: {
          tags: ['workflow'],
          summary: '发布流程（BPMN 2.0 XML）',
          body: DeploymentBody,
          response: { 200: DeploymentResult, ...errorResponses(401, 403, 413) },
        },
        bodyLimit: MAX_XML_BYTES,
        config: manage,
      },
      (request) => {
        const body = request.body as string | { xml: string }
        const xml = typeof body === 'string' ? body : body.xml
        if (Buffer.byteLength(xml) > MAX_XML_BYTES) throw workflowErrors.xmlTooLarge()
        return workflow.deploy(request.auditContext, actorOf(request), xml)
      },
    )
  })

  app.get(
    '/api/workflow/definitions',
    {
      schema: {
        tags: ['workflow'],
        summary: '流程目录（各版本）',
        querystring: DefinitionQuery,
        response: { 200: Type.Array(DefinitionSummary), ...errorResponses(401, 403) },
      },
      config: manage,
    },
    async (request) => (await workflow.listDefinitions(request.query.processKey)).map(toDefinitionSummary),
  )

  app.get(
    '/api/workflow/definitions/:id',
    {
      schema: {
        tags: ['workflow'],
        summary: '流程版本详情（含 XML）',
        params: IdParams,
        response: { 200: DefinitionDetail, ...errorResponses(401, 403, 404) },
      },
      config: manage,
    },
    async (request) => {
      const row = await workflow.getDefinition(request.params.id)
      return {
        id: row.id,
        processKey: row.process_key,
        version: row.version,
        name: row.name,
        status: row.status,
        xml: row.xml,
        warnings: row.warnings,
        deployedAt: row.deployed_at.toISOString(),
      }
    },
  )

  app.put(
    '/api/workflow/definitions/:id/status',
    {
      schema: {
        tags: ['workflow'],
        summary: '启用或停用流程版本',
        params: IdParams,
        body: DefinitionStatusBody,
        response: { 200: Done, ...errorResponses(401, 403, 404) },
      },
      config: manage,
    },
    async (request) => {
      await workflow.setDefinitionStatus(request.auditContext, request.params.id, request.body.status)
      return ok
    },
  )

  app.delete(
    '/api/workflow/definitions/:id',
    {
      schema: {
        tags: ['workflow'],
        summary: '卸载未使用的流程版本',
        params: IdParams,
        response: { 200: Done, ...errorResponses(401, 403, 404, 409) },
      },
      config: manage,
    },
    async (request) => {
      await workflow.removeDefinition(request.auditContext, request.params.id)
      return ok
    },
  )

  app.get(
    '/api/workflow/definitions/:id/diff',
    {
      schema: {
        tags: ['workflow'],
        summary: '版本比较（元素级）',
        params: IdParams,
        querystring: DiffQuery,
        response: { 200: DefinitionDiff, ...errorResponses(401, 403, 404) },
      },
      config: manage,
    },
    (request) => workflow.diffDefinitions(request.query.against, request.params.id),
  )

  app.post(
    '/api/workflow/instances',
    {
      schema: {
        tags: ['workflow'],
        summary: '发起流程实例',
        body: StartInstanceBody,
        response: { 200: StartedInstance, ...errorResponses(401, 403, 404, 409) },
      },
      config: manage,
    },
    (request) => workflow.startInstance(request.auditContext, actorOf(request), request.body),
  )

  app.get(
    '/api/workflow/instances',
    {
      schema: {
        tags: ['workflow'],
        summary: '流程实例列表',
        querystring: InstanceQuery,
        response: { 200: Type.Array(InstanceSummary), ...errorResponses(401, 403) },
      },
      config: manage,
    },
    async (request) =>
      (await monitor.listInstances(request.query)).map((row) => ({
        id: row.id,
        processKey: row.process_key,
        processName: row.process_name,
        version: row.version,
        businessKey: row.business_key,
        status: row.status,
        startedAt: row.started_at.toISOString(),
        endedAt: row.ended_at?.toISOString() ?? null,
      })),
  )

  app.get(
    '/api/workflow/instances/:id',
    {
      schema: {
        tags: ['workflow'],
        summary: '流程监控：图、变量、历史',
        params: IdParams,
        response: { 200: InstanceView, ...errorResponses(401, 403, 404) },
      },
      config: manage,
    },
    async (request) => {
      const view = await monitor.getInstanceView(request.params.id)
      const now = clock.now()
      return {
        instance: {
          id: view.instance.id,
          status: view.instance.status,
          businessKey: view.instance.business_key,
          startedAt: view.instance.started_at.toISOString(),
          endedAt: view.instance.ended_at?.toISOString() ?? null,
          endReason: view.instance.end_reason,
          parentInstanceId: view.instance.parent_instance_id,
        },
        definition: view.definition,
        completedElementIds: view.completedElementIds,
        activeElementIds: view.activeElementIds,
        executions: view.executions.map((execution) => ({
          id: execution.id,
          elementId: execution.element_id,
          kind: execution.kind,
          state: execution.state,
        })),
        awaitingApplicant: view.awaitingApplicant.map(({ elementId, taskId, since, reason }) => ({
          elementId,
          taskId,
          since,
          reason,
        })),
        variables: view.variables,
        tasks: view.tasks.map((task) =>
          toTaskView(task, task.state === 'open' ? buildDueMark(task.due_at, now, calendar) : 'none', {
            process_name: view.definition.name,
            process_key: view.definition.processKey,
            business_key: view.instance.business_key,
            awaiting_applicant: view.awaitingApplicant.some((wait) => wait.taskId === task.id),
          }),
        ),
        incidents: view.incidents.map((incident) => ({
          executionId: incident.execution_id,
          elementId: incident.element_id,
          message: incident.message,
          createdAt: incident.created_at.toISOString(),
          resolvedAt: incident.resolved_at?.toISOString() ?? null,
        })),
        history: view.history.map(toHistoryView),
        childInstances: view.childInstances,
        pendingJobs: view.pendingJobs.map((job) => ({ ...job, dueAt: job.dueAt.toISOString() })),
        messageSubscriptions: view.messageSubscriptions.map((subscription) => ({
          ...subscription,
          since: subscription.since.toISOString(),
        })),
      }
    },
  )

  app.post(
    '/api/workflow/instances/:id/timers/fire',
    {
      schema: {
        tags: ['workflow'],
        summary: '立即触发定时器（测试流程用，记入审计）',
        params: IdParams,
        body: FireTimerBody,
        response: { 200: Done, ...errorResponses(401, 403, 404, 409) },
      },
      config: manage,
    },
    async (request) => {
      await monitor.fireTimerNow(request.auditContext, actorOf(request), request.params.id, request.body)
      return ok
    },
  )

  for (const [action, suspended] of [
    ['suspend', true],
    ['resume', false],
  ] as const) {
    app.post(
      `/api/workflow/instances/:id/${action}`,
      {
        schema: {
          tags: ['workflow'],
          summary: suspended ? '挂起实例' : '恢复实例',
          params: IdParams,
          body: ReasonBody,
          response: { 200: Done, ...errorResponses(401, 403, 404, 409) },
        },
        config: manage,
      },
      async (request) => {
        await monitor.setSuspended(
          request.auditContext,
          actorOf(request),
          request.params.id,
          suspended,
          request.body.reason,
        )
        return ok
      },
    )
  }

  app.post(
    '/api/workflow/instances/:id/cancel',
    {
      schema: {
        tags: ['workflow'],
        summary: '撤销实例',
        params: IdParams,
        body: ReasonBody,
        response: { 200: Done, ...errorResponses(401, 403, 404, 409) },
      },
      config: manage,
    },
    async (request) => {
      await monitor.cancelInstance(request.auditContext, actorOf(request), request.params.id, request.body.reason)
      return ok
    },
  )

  app.post(
    '/api/workflow/instances/:id/move-token',
    {
      schema: {
        tags: ['workflow'],
        summary: '移动令牌（跳转环节）',
        params: IdParams,
        body: MoveTokenBody,
        response: { 200: Done, ...errorResponses(401, 403, 404, 409) },
      },
      config: manage,
    },
    async (request) => {
      await monitor.moveToken(request.auditContext, actorOf(request), request.params.id, request.body)
      return ok
    },
  )

  app.post(
    '/api/workflow/instances/:id/migrate',
    {
      schema: {
        tags: ['workflow'],
        summary: '迁移到其他版本（正在办理的环节须在目标版本中存在）',
        params: IdParams,
        body: MigrateBody,
        response: {
          200: Type.Object({ fromVersion: Type.Integer(), toVersion: Type.Integer() }),
          ...errorResponses(401, 403, 404, 409),
        },
      },
      config: manage,
    },
    (request) =>
      monitor.migrateInstance(request.auditContext, actorOf(request), request.params.id, request.body.toDefinitionId),
  )

  app.post(
    '/api/workflow/instances/:id/incidents/:executionId/retry',
    {
      schema: {
        tags: ['workflow'],
        summary: '重试服务任务（解决事件）',
        params: RetryParams,
        response: { 200: Done, ...errorResponses(401, 403, 404, 409) },
      },
      config: manage,
    },
    async (request) => {
      await monitor.retryIncident(request.auditContext, actorOf(request), request.params.id, request.params.executionId)
      return ok
    },
  )

  app.post(
    '/api/workflow/messages',
    {
      schema: {
        tags: ['workflow'],
        summary: '投递消息（例如申请人补正）',
        body: MessageBody,
        response: { 200: Type.Object({ instanceId: Type.String() }), ...errorResponses(401, 403, 404, 409) },
      },
      config: manage,
    },
    (request) => workflow.deliverMessage(request.auditContext, actorOf(request), request.body),
  )

  // Task inbox ---------------------------------------------------------------------------------------------

  app.get(
    '/api/workflow/tasks',
    {
      schema: {
        tags: ['workflow'],
        summary: '待办（按时限排序，带黄牌/红牌）',
        querystring: InboxQuery,
        response: { 200: Type.Array(TaskView), ...errorResponses(401, 403) },
      },
      config: useTasks,
    },
    async (request) =>
      (await tasks.listInbox(actorOf(request), request.query.view ?? 'mine')).map((row) =>
        toTaskView(row, row.due_mark),
      ),
  )

  app.get(
    '/api/workflow/tasks/:id',
    {
      schema: {
        tags: ['workflow'],
        summary: '打开任务（含流程历史）',
        params: IdParams,
        response: { 200: TaskDetail, ...errorResponses(401, 403, 404) },
      },
      config: useTasks,
    },
    async (request) => {
      const { task, history, dueMark } = await tasks.openTask(actorOf(request), request.params.id)
      const instance = await monitor.getInstanceView(task.instance_id)
      const { model } = await workflow.getDefinition(instance.definition.id)
      const current = model.elements[task.element_id]
      const returnTargets = new Map<string, string>()
      for (const done of instance.tasks) {
        const element = model.elements[done.element_id]
        if (done.state !== 'completed' || done.outcome !== 'completed' || done.element_id === task.element_id) continue
        if (element?.kind === 'userTask' && element.scopeId === current?.scopeId)
          returnTargets.set(done.element_id, done.name)
      }
      const countersigners = []
      for (const other of instance.tasks) {
        if (other.state !== 'open' || other.element_id !== task.element_id || other.id === task.id) continue
        const assignee = other.assignee_id ? await directory.findStaffById(other.assignee_id) : undefined
        countersigners.push({ taskId: other.id, name: other.name, assigneeName: assignee?.displayName ?? null })
      }
      return {
        task: toTaskView(task, dueMark, {
          process_name: instance.definition.name,
          process_key: instance.definition.processKey,
          business_key: instance.instance.business_key,
          awaiting_applicant: instance.awaitingApplicant.some((wait) => wait.taskId === task.id),
        }),
        history: history.map(toHistoryView),
        returnTargets: [...returnTargets].map(([elementId, name]) => ({ elementId, name })),
        countersigners: current?.multiInstance ? countersigners : [],
        isCountersign: Boolean(current?.multiInstance),
        elementNames: Object.fromEntries(
          Object.values(model.elements).flatMap((element) => (element.name ? [[element.id, element.name]] : [])),
        ),
      }
    },
  )

  app.get(
    '/api/workflow/directory',
    {
      schema: {
        tags: ['workflow'],
        summary: '选人用的部门树和人员（只读）',
        response: { 200: WorkflowDirectoryView, ...errorResponses(401, 403) },
      },
      config: useTasks,
    },
    async () => {
      const { departments, staff } = await directory.load()
      return {
        departments,
        staff: staff.map(({ loginName, displayName, departmentId }) => ({ loginName, displayName, departmentId })),
      }
    },
  )

  const taskAction = <Body>(
    path: string,
    summary: string,
    body: unknown,
    run: (request: TaskRequest<Body>, actor: ReturnType<typeof actorOf>) => Promise<unknown>,
    response: unknown = Done,
  ) =>
    app.post(
      `/api/workflow/tasks/:id/${path}`,
      {
        schema: {
          tags: ['workflow'],
          summary,
          params: IdParams,
          body: body as typeof ReasonBody,
          response: { 200: response as typeof Done, ...errorResponses(401, 403, 404, 409) },
        },
        config: useTasks,
      },
      async (request) => {
        const result = await run(request as unknown as TaskRequest<Body>, actorOf(request))
        return (result ?? ok) as typeof ok
      },
    )

  // External tasks: outside systems authenticate with their service-account token, not a session (ADR 0024).
  // Bounded per client address, so a guessed token cannot be tried at speed.
  const workerAccess = { access: 'public' as const, rateLimit: { max: 600, timeWindow: '1 minute' } }
  const workerOf = (request: { headers: { authorization?: string } }) =>
    external.authenticate(request.headers.authorization)
  app.post(
    '/api/workflow/external-tasks/fetch-and-lock',
    {
      schema: {
        tags: ['workflow'],
        summary: '外部系统领取并锁定任务（Authorization: Bearer <服务账号凭据>）',
        body: FetchAndLockBody,
        response: { 200: Type.Array(ExternalTaskView), ...errorResponses(401, 403) },
      },
      config: workerAccess,
    },
    async (request) =>
      external.fetchAndLock(await workerOf(request), {
        topics: request.body.topics,
        maxTasks: request.body.maxTasks ?? 10,
        lockDurationMs: request.body.lockDuration,
      }),
  )
  app.post(
    '/api/workflow/external-tasks/:id/complete',
    {
      schema: {
        tags: ['workflow'],
        summary: '外部系统完成任务（可带回流程变量）',
        params: IdParams,
        body: CompleteExternalTaskBody,
        response: { 200: Done, ...errorResponses(401, 403, 404, 409) },
      },
      config: workerAccess,
    },
    async (request) => {
      await external.complete(request.auditContext, await workerOf(request), request.params.id, request.body)
      return ok
    },
  )
  app.post(
    '/api/workflow/external-tasks/:id/failure',
    {
      schema: {
        tags: ['workflow'],
        summary: '外部系统报告失败（剩余重试次数为 0 时产生事件）',
        params: IdParams,
        body: ExternalTaskFailureBody,
        response: { 200: Done, ...errorResponses(401, 403, 404, 409) },
      },
      config: workerAccess,
    },
    async (request) => {
      await external.fail(request.auditContext, await workerOf(request), request.params.id, {
        errorMessage: request.body.errorMessage,
        retries: request.body.retries,
        ...(request.body.retryTimeout !== undefined ? { retryTimeoutMs: request.body.retryTimeout } : {}),
      })
      return ok
    },
  )
  app.post(
    '/api/workflow/external-tasks/:id/bpmn-error',
    {
      schema: {
        tags: ['workflow'],
        summary: '外部系统抛出业务错误（由同错误码的错误边界事件接住）',
        params: IdParams,
        body: ExternalTaskBpmnErrorBody,
        response: { 200: Done, ...errorResponses(401, 403, 404, 409) },
      },
      config: workerAccess,
    },
    async (request) => {
      await external.throwBpmnError(request.auditContext, await workerOf(request), request.params.id, request.body)
      return ok
    },
  )
  const manageWorkers = { access: { permission: Permission.manageStaff } }
  app.post(
    '/api/workflow/workers',
    {
      schema: {
        tags: ['workflow'],
        summary: '创建外部系统服务账号（系统管理员；凭据只显示一次）',
        body: CreateWorkerBody,
        response: { 200: CreatedWorker, ...errorResponses(401, 403, 409) },
      },
      config: manageWorkers,
    },
    (request) => external.createWorker(request.auditContext, actorOf(request), request.body),
  )
  app.get(
    '/api/workflow/workers',
    {
      schema: {
        tags: ['workflow'],
        summary: '外部系统服务账号列表',
        response: { 200: Type.Array(WorkerView), ...errorResponses(401, 403) },
      },
      config: manageWorkers,
    },
    async () =>
      (await external.listWorkers()).map((worker) => ({
        ...worker,
        createdAt: worker.createdAt.toISOString(),
        disabledAt: worker.disabledAt?.toISOString() ?? null,
      })),
  )
  app.post(
    '/api/workflow/workers/:id/disable',
    {
      schema: {
        tags: ['workflow'],
        summary: '停用外部系统服务账号',
        params: IdParams,
        response: { 200: Done, ...errorResponses(401, 403, 404) },
      },
      config: manageWorkers,
    },
    async (request) => {
      await external.disableWorker(request.auditContext, request.params.id)
      return ok
    },
  )

  app.post(
    '/api/workflow/tasks/:id/reassign',
    {
      schema: {
        tags: ['workflow'],
        summary: '指定办理人（中心管理人员；用于候选组或办理人无法对应到人员的任务）',
        params: IdParams,
        body: HandOverBody,
        response: { 200: Done, ...errorResponses(401, 403, 404, 409) },
      },
      config: manage,
    },
    async (request) => {
      await tasks.reassignTask(request.auditContext, actorOf(request), request.params.id, request.body)
      return ok
    },
  )

  taskAction<Parameters<typeof tasks.completeTask>[3]>(
    'complete',
    '办理（提交表单和审批意见）',
    CompleteTaskBody,
    (request, actor) => tasks.completeTask(request.auditContext, actor, request.params.id, request.body),
    CompletedTask,
  )
  taskAction('claim', '认领', Type.Optional(OptionalReasonBody), async (request, actor) => {
    await tasks.claimTask(request.auditContext, actor, request.params.id)
  })
  taskAction<{ reason?: string }>('unclaim', '取消认领', Type.Optional(OptionalReasonBody), async (request, actor) => {
    await tasks.unclaimTask(request.auditContext, actor, request.params.id, request.body?.reason)
  })
  taskAction<{ loginName: string; reason: string }>('delegate', '委派', HandOverBody, async (request, actor) => {
    await tasks.handOver(request.auditContext, actor, request.params.id, { kind: 'delegate', ...request.body })
  })
  taskAction<{ loginName: string; reason: string }>('transfer', '转办', HandOverBody, async (request, actor) => {
    await tasks.handOver(request.auditContext, actor, request.params.id, { kind: 'transfer', ...request.body })
  })
  taskAction<{ targetElementId: string; reason: string }>(
    'return',
    '退回到之前的环节',
    ReturnBody,
    async (request, actor) => {
      await tasks.returnTask(request.auditContext, actor, request.params.id, request.body)
    },
  )
  taskAction<{ reason: string }>('take-back', '收回（下一环节尚未查看时）', ReasonBody, async (request, actor) => {
    await tasks.takeBackTask(request.auditContext, actor, request.params.id, request.body.reason)
  })
  taskAction<{ value: string; reason: string }>(
    'countersigners',
    '加签',
    AddCountersignerBody,
    async (request, actor) => {
      await tasks.addCountersigner(request.auditContext, actor, request.params.id, request.body)
    },
  )
  taskAction<{ removeTaskId: string; reason: string }>(
    'countersigners/remove',
    '减签',
    RemoveCountersignerBody,
    async (request, actor) => {
      await tasks.removeCountersigner(request.auditContext, actor, request.params.id, request.body)
    },
  )
  taskAction<{ loginNames: string[]; note?: string }>('copies', '抄送', CopyBody, async (request, actor) => {
    await tasks.copyTask(request.auditContext, actor, request.params.id, request.body)
  })
  taskAction<{ reason: string }>('chase', '催办', ReasonBody, async (request, actor) => {
    await tasks.chaseTask(request.auditContext, actor, request.params.id, request.body.reason)
  })
  taskAction<{ reason: string }>(
    'return-to-applicant',
    '退回申请人补正（环节暂停，补正期间不计时限）',
    ReasonBody,
    async (request, actor) => {
      await tasks.returnToApplicant(request.auditContext, actor, request.params.id, request.body.reason)
    },
  )
  taskAction<{ reason?: string }>(
    'applicant-supplement',
    '申请人已补正：被退回的环节恢复办理（:id 为退回时的任务）',
    OptionalReasonBody,
    async (request, actor) => {
      const { taskId } = await tasks.resumeAfterSupplement(
        request.auditContext,
        actor,
        request.params.id,
        request.body.reason ?? '',
      )
      return { taskId }
    },
    ResumedTask,
  )
  taskAction<{ reason: string }>('special-end', '特殊办结', ReasonBody, async (request, actor) => {
    await tasks.endSpecially(request.auditContext, actor, request.params.id, request.body.reason)
  })
}
