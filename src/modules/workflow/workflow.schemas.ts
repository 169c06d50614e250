import { type Static, Type } from 'typebox'
import type * as repo from './workflow.repository.js'
import type { DueMark } from './workflow-tasks.service.js'

const Id = Type.String({ format: 'uuid', description: '编号' })
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])
const Reason = Type.String({ minLength: 1, maxLength: 500, description: '原因' })
const Variables = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { description: '流程变量' })
const Timestamp = Type.String({ format: 'date-time' })

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })

export const DeploymentBody = Type.Union([
  Type.String({ minLength: 1, maxLength: 2_000_000, description: 'BPMN 2.0 XML（Content-Type: application/xml）' }),
  Type.Object(
    { xml: Type.String({ minLength: 1, maxLength: 2_000_000, description: 'BPMN 2.0 XML' }) },
    { additionalProperties: false },
  ),
])

const Warning = Type.Object({ element: Type.String(), message: Type.String() })

export const DeploymentResult = Type.Object({
  versions: Type.Array(
    Type.Object({
      id: Id,
      processKey: Type.String({ description: '流程标识' }),
      version: Type.Integer({ description: '版本号' }),
      name: Type.String({ description: '流程名称' }),
      created: Type.Boolean({ description: '是否产生了新版本（同一文件重复发布不产生）' }),
      message: Type.Optional(
        Type.String({ description: '给建模人员的说明，例如“已成为已有流程的第 3 版”或“未标记为可执行”' }),
      ),
    }),
  ),
  warnings: Type.Array(Warning, { description: '警告，例如引擎不使用的厂商扩展' }),
})

export const DefinitionSummary = Type.Object({
  id: Id,
  processKey: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')], { description: '启用 / 停用' }),
  warnings: Type.Array(Warning),
  deployedAt: Timestamp,
  runningCount: Type.Integer({ description: '运行中的实例数' }),
  totalCount: Type.Integer({ description: '实例总数' }),
})
export type DefinitionSummary = Static<typeof DefinitionSummary>

export function toDefinitionSummary(row: repo.DefinitionSummaryRow): DefinitionSummary {
  return {
    id: row.id,
    processKey: row.process_key,
    version: row.version,
    name: row.name,
    status: row.status,
    warnings: row.warnings,
    deployedAt: row.deployed_at.toISOString(),
    runningCount: row.running_count,
    totalCount: row.total_count,
  }
}

export const DefinitionDetail = Type.Object({
  id: Id,
  processKey: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  status: Type.String(),
  xml: Type.String({ description: 'BPMN 2.0 XML' }),
  warnings: Type.Array(Warning),
  deployedAt: Timestamp,
})

export const DefinitionQuery = Type.Object(
  { processKey: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
)
export const DefinitionStatusBody = Type.Object(
  { status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]) },
  { additionalProperties: false },
)
export const DiffQuery = Type.Object({ against: Id }, { additionalProperties: false })
const DiffEntry = Type.Object({ id: Type.String(), type: Type.String(), name: Nullable(Type.String()) })
export const DefinitionDiff = Type.Object({
  added: Type.Array(DiffEntry),
  removed: Type.Array(DiffEntry),
  changed: Type.Array(DiffEntry),
  layoutChanged: Type.Array(Type.String()),
})

export const StartInstanceBody = Type.Object(
  {
    processKey: Type.String({ minLength: 1, maxLength: 200, description: '流程标识' }),
    variables: Type.Optional(Variables),
    businessKey: Type.Optional(Type.String({ maxLength: 200, description: '业务标识，例如 case:<办件编号>' })),
    leadDepartmentCode: Type.Optional(Type.String({ maxLength: 100, description: '牵头部门编码' })),
  },
  { additionalProperties: false },
)
export const StartedInstance = Type.Object({ id: Id, definitionId: Id, taskIds: Type.Array(Id) })

export const InstanceQuery = Type.Object(
  {
    processKey: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.String({ maxLength: 20 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
)

export const MessageBody = Type.Object(
  {
    messageName: Type.String({ minLength: 1, maxLength: 200 }),
    businessKey: Type.Optional(Type.String({ maxLength: 200 })),
    instanceId: Type.Optional(Id),
    variables: Type.Optional(Variables),
  },
  { additionalProperties: false },
)

export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false })
export const OptionalReasonBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
)
export const MoveTokenBody = Type.Object(
  { executionId: Id, targetElementId: Type.String({ minLength: 1, maxLength: 200 }), reason: Reason },
  { additionalProperties: false },
)
export const MigrateBody = Type.Object({ toDefinitionId: Id }, { additionalProperties: false })
export const RetryParams = Type.Object({ id: Id, executionId: Id }, { additionalProperties: false })

export const InboxQuery = Type.Object(
  {
    view: Type.Optional(
      Type.Union([Type.Literal('mine'), Type.Literal('unclaimed'), Type.Literal('copied'), Type.Literal('done')], {
        description: '我的待办 / 部门待认领 / 抄送我的 / 我已办',
      }),
    ),
  },
  { additionalProperties: false },
)

export const TaskView = Type.Object({
  id: Id,
  instanceId: Id,
  elementId: Type.String(),
  name: Type.String({ description: '任务名称' }),
  processName: Type.String(),
  processKey: Type.String(),
  businessKey: Nullable(Type.String()),
  state: Type.String(),
  assigneeId: Nullable(Id),
  ownerId: Nullable(Id),
  candidateDepartmentId: Nullable(Id),
  candidateRole: Nullable(Type.String()),
  formKey: Nullable(Type.String()),
  opinionRequired: Type.Boolean(),
  dueAt: Nullable(Timestamp),
  dueMark: Type.Union(
    [Type.Literal('none'), Type.Literal('normal'), Type.Literal('warning'), Type.Literal('overdue')],
    {
      description: '时限标记：warning 黄牌预警，overdue 红牌超期',
    },
  ),
  createdAt: Timestamp,
  completedAt: Nullable(Timestamp),
  outcome: Nullable(Type.String()),
  opinion: Nullable(Type.String()),
  chasedAt: Nullable(Timestamp),
  awaitingApplicant: Type.Boolean({ description: '退回申请人补正后，正在等待申请人补正' }),
})
export type TaskView = Static<typeof TaskView>

export function toTaskView(
  row: repo.InboxRow | repo.TaskRow,
  dueMark: DueMark,
  extra?: Partial<repo.InboxRow>,
): TaskView {
  const inbox = { ...(row as repo.InboxRow), ...extra }
  return {
    id: row.id,
    instanceId: row.instance_id,
    elementId: row.element_id,
    name: row.name,
    processName: inbox.process_name ?? '',
    processKey: inbox.process_key ?? '',
    businessKey: inbox.business_key ?? null,
    state: row.state,
    assigneeId: row.assignee_id,
    ownerId: row.owner_id,
    candidateDepartmentId: row.candidate_department_id,
    candidateRole: row.candidate_role,
    formKey: row.form_key,
    opinionRequired: row.opinion_required,
    dueAt: row.due_at?.toISOString() ?? null,
    dueMark,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    outcome: row.outcome,
    opinion: row.opinion,
    chasedAt: row.chased_at?.toISOString() ?? null,
    awaitingApplicant: inbox.awaiting_applicant ?? false,
  }
}

export const HistoryView = Type.Object({
  id: Type.String(),
  instanceId: Id,
  elementId: Nullable(Type.String()),
  elementKind: Nullable(Type.String()),
  event: Type.String({ description: '事件，例如 task.completed、task.returned' }),
  actorName: Nullable(Type.String()),
  taskId: Nullable(Id),
  reason: Nullable(Type.String({ description: '原因或审批意见' })),
  details: Type.Unknown(),
  at: Timestamp,
})

export function toHistoryView(row: repo.HistoryRow) {
  return {
    id: row.id,
    instanceId: row.instance_id,
    elementId: row.element_id,
    elementKind: row.element_kind,
    event: row.event,
    actorName: row.actor_name,
    taskId: row.task_id,
    reason: row.reason,
    details: row.details,
    at: new Date(row.at).toISOString(),
  }
}

export const TaskDetail = Type.Object({
  task: TaskView,
  history: Type.Array(HistoryView),
  returnTargets: Type.Array(Type.Object({ elementId: Type.String(), name: Type.String() }), {
    description: '可退回到的之前环节',
  }),
  countersigners: Type.Array(Type.Object({ taskId: Id, name: Type.String(), assigneeName: Nullable(Type.String()) }), {
    description: '同一会签中其他未办结的会签人（可减签）',
  }),
  isCountersign: Type.Boolean({ description: '是否会签任务（可加签/减签）' }),
  elementNames: Type.Record(Type.String(), Type.String(), { description: '环节编号 → 名称（用于办理历程）' }),
})

export const WorkflowDirectoryView = Type.Object({
  departments: Type.Array(Type.Object({ id: Id, code: Type.String(), name: Type.String(), parentId: Nullable(Id) })),
  staff: Type.Array(Type.Object({ loginName: Type.String(), displayName: Type.String(), departmentId: Nullable(Id) })),
})

export const CompleteTaskBody = Type.Object(
  {
    formData: Type.Optional(Variables),
    variables: Type.Optional(Variables),
    opinion: Type.Optional(Type.String({ maxLength: 2000, description: '审批意见' })),
  },
  { additionalProperties: false },
)
const NextTask = Type.Object({
  id: Id,
  name: Type.String({ description: '下一环节' }),
  assigneeId: Nullable(Id),
  departmentId: Nullable(Id),
})
export const CompletedTask = Type.Object({
  completed: Type.Boolean(),
  nextTaskIds: Type.Array(Id),
  nextTasks: Type.Array(NextTask),
})
export const ResumedTask = Type.Object({ taskId: Id })
export const HandOverBody = Type.Object(
  { loginName: Type.String({ minLength: 1, maxLength: 64, description: '接收人登录名' }), reason: Reason },
  { additionalProperties: false },
)
export const ReturnBody = Type.Object(
  { targetElementId: Type.String({ minLength: 1, maxLength: 200, description: '退回到的环节' }), reason: Reason },
  { additionalProperties: false },
)
export const AddCountersignerBody = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 100, description: '会签人（登录名或部门编码，与流程的集合一致）' }),
    reason: Reason,
  },
  { additionalProperties: false },
)
export const RemoveCountersignerBody = Type.Object(
  { removeTaskId: Id, reason: Reason },
  { additionalProperties: false },
)
export const CopyBody = Type.Object(
  {
    loginNames: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 50 }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export const InstanceSummary = Type.Object({
  id: Id,
  processKey: Type.String(),
  processName: Type.String(),
  version: Type.Integer(),
  businessKey: Nullable(Type.String()),
  status: Type.String(),
  startedAt: Timestamp,
  endedAt: Nullable(Timestamp),
})
export const InstanceView = Type.Object({
  instance: Type.Object({
    id: Id,
    status: Type.String(),
    businessKey: Nullable(Type.String()),
    startedAt: Timestamp,
    endedAt: Nullable(Timestamp),
    endReason: Nullable(Type.String()),
    parentInstanceId: Nullable(Id),
  }),
  definition: Type.Object({
    id: Id,
    processKey: Type.String(),
    version: Type.Integer(),
    name: Type.String(),
    xml: Type.String(),
  }),
  completedElementIds: Type.Array(Type.String()),
  activeElementIds: Type.Array(Type.String()),
  executions: Type.Array(Type.Object({ id: Id, elementId: Type.String(), kind: Type.String(), state: Type.String() })),
  awaitingApplicant: Type.Array(
    Type.Object(
      { elementId: Type.String(), taskId: Id, since: Timestamp, reason: Type.String() },
      { description: '退回申请人补正、正在等待补正的环节' },
    ),
  ),
  variables: Type.Record(Type.String(), Type.Unknown()),
  tasks: Type.Array(TaskView),
  incidents: Type.Array(
    Type.Object({
      executionId: Id,
      elementId: Type.String(),
      message: Type.String(),
      createdAt: Timestamp,
      resolvedAt: Nullable(Timestamp),
    }),
  ),
  history: Type.Array(HistoryView),
  childInstances: Type.Array(
    Type.Object(
      {
        id: Id,
        status: Type.String(),
        processKey: Type.String(),
        processName: Type.String(),
        callActivityId: Nullable(Type.String()),
      },
      { description: '调用活动发起的子流程实例' },
    ),
  ),
  pendingJobs: Type.Array(
    Type.Object(
      {
        kind: Type.Union([Type.Literal('timer'), Type.Literal('service-retry')], {
          description: '定时器 / 服务任务重试',
        }),
        executionId: Id,
        elementId: Type.String(),
        dueAt: Timestamp,
      },
      { description: '等待中的定时器和重试（到期时间）' },
    ),
  ),
  messageSubscriptions: Type.Array(
    Type.Object(
      {
        executionId: Id,
        elementId: Type.String(),
        messageName: Type.String(),
        businessKey: Nullable(Type.String()),
        since: Timestamp,
      },
      { description: '等待中的消息订阅' },
    ),
  ),
})
export const FireTimerBody = Type.Object(
  { executionId: Id, elementId: Type.String({ minLength: 1, maxLength: 200 }), reason: Reason },
  { additionalProperties: false },
)
export const Done = Type.Object({ ok: Type.Literal(true) })

// External tasks and their workers (issue 13 item 7) ----------------------------------------------------------

const Topic = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$', description: '外部任务主题' })

export const FetchAndLockBody = Type.Object(
  {
    topics: Type.Array(Topic, { minItems: 1, maxItems: 20, description: '要领取的主题' }),
    maxTasks: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10, description: '最多领取几条' })),
    lockDuration: Type.Integer({ minimum: 1000, maximum: 86_400_000, description: '锁定时长（毫秒）' }),
  },
  { additionalProperties: false },
)
export const ExternalTaskView = Type.Object({
  id: Id,
  topic: Type.String(),
  processInstanceId: Id,
  elementId: Type.String(),
  businessKey: Nullable(Type.String()),
  retries: Nullable(Type.Integer()),
  lockExpiresAt: Timestamp,
  variables: Variables,
})
export const CompleteExternalTaskBody = Type.Object(
  { variables: Type.Optional(Variables) },
  { additionalProperties: false },
)
export const ExternalTaskFailureBody = Type.Object(
  {
    errorMessage: Type.String({ minLength: 1, maxLength: 1000, description: '失败原因（不得含个人信息）' }),
    retries: Type.Integer({ minimum: 0, maximum: 100, description: '剩余重试次数；0 表示不再重试（产生事件）' }),
    retryTimeout: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 86_400_000, description: '多久后可再次领取（毫秒）' }),
    ),
  },
  { additionalProperties: false },
)
export const ExternalTaskBpmnErrorBody = Type.Object(
  {
    errorCode: Type.String({ minLength: 1, maxLength: 100, description: 'BPMN 错误码，与错误边界事件匹配' }),
    errorMessage: Type.Optional(Type.String({ maxLength: 1000 })),
    variables: Type.Optional(Variables),
  },
  { additionalProperties: false },
)
export const CreateWorkerBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9._-]+$',
      description: '外部系统名称（英文标识）',
    }),
    topics: Type.Array(Topic, { minItems: 1, maxItems: 50, description: '允许处理的主题' }),
  },
  { additionalProperties: false },
)
export const CreatedWorker = Type.Object({
  id: Id,
  name: Type.String(),
  topics: Type.Array(Type.String()),
  token: Type.String({ description: '访问凭据，只显示这一次：Authorization: Bearer <token>' }),
})
export const WorkerView = Type.Object({
  id: Id,
  name: Type.String(),
  topics: Type.Array(Type.String()),
  createdAt: Timestamp,
  disabledAt: Nullable(Timestamp),
})
