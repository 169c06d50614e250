import { AppError } from '../../platform/errors/index.js'
import type { DeploymentProblem } from './process-model.js'

export const workflowErrors = {
  badXml: (message: string, line?: number) =>
    new AppError('WORKFLOW_BPMN_UNPARSABLE', 400, message, line ? { line } : undefined),
  unsupportedElements: (message: string, problems: DeploymentProblem[]) =>
    new AppError('WORKFLOW_BPMN_UNSUPPORTED', 400, message, problems),
  badCondition: (message: string, problems: DeploymentProblem[]) =>
    new AppError('WORKFLOW_CONDITION_INVALID', 400, message, problems),
  invalidDefinition: (message: string, problems: DeploymentProblem[]) =>
    new AppError('WORKFLOW_BPMN_INVALID', 400, message, problems),
  xmlTooLarge: () => new AppError('WORKFLOW_BPMN_TOO_LARGE', 413, 'BPMN 文件过大'),
  definitionNotFound: (what: string) => new AppError('WORKFLOW_DEFINITION_NOT_FOUND', 404, `未找到流程定义 ${what}`),
  definitionDisabled: (key: string) =>
    new AppError('WORKFLOW_DEFINITION_DISABLED', 409, `流程 ${key} 没有可用的版本（已停用），不能发起新实例`),
  definitionInUse: (count: number) =>
    new AppError('WORKFLOW_DEFINITION_IN_USE', 409, `该版本还有 ${count} 个实例，不能卸载；可先停用`),
  instanceNotFound: () => new AppError('WORKFLOW_INSTANCE_NOT_FOUND', 404, '未找到流程实例'),
  instanceNotActive: (status: string) =>
    new AppError('WORKFLOW_INSTANCE_NOT_ACTIVE', 409, `流程实例当前状态为 ${status}，不能执行此操作`),
  taskNotFound: () => new AppError('WORKFLOW_TASK_NOT_FOUND', 404, '未找到任务'),
  taskAlreadyCompleted: () => new AppError('WORKFLOW_TASK_ALREADY_COMPLETED', 409, '该任务已被办理，请刷新待办列表'),
  taskNotYours: () => new AppError('WORKFLOW_TASK_NOT_ASSIGNED', 403, '该任务不是您的待办，请先认领或联系办理人'),
  taskOutsideScope: () => new AppError('WORKFLOW_TASK_OUTSIDE_SCOPE', 403, '该任务不属于您所在部门'),
  taskAlreadyClaimed: () => new AppError('WORKFLOW_TASK_ALREADY_CLAIMED', 409, '该任务已被他人认领'),
  opinionRequired: () => new AppError('WORKFLOW_OPINION_REQUIRED', 400, '请填写审批意见'),
  reasonRequired: () => new AppError('WORKFLOW_REASON_REQUIRED', 400, '请填写原因'),
  takeBackTooLate: () => new AppError('WORKFLOW_TAKE_BACK_TOO_LATE', 409, '下一环节已经查看或办理，不能收回'),
  notTakeBackable: () =>
    new AppError('WORKFLOW_TAKE_BACK_NOT_ALLOWED', 409, '没有可以收回的任务：只能收回您办理后产生的下一环节任务'),
  returnTargetInvalid: (elementId: string) =>
    new AppError('WORKFLOW_RETURN_TARGET_INVALID', 400, `不能退回到 ${elementId}：只能退回到已经办理过的用户任务`),
  countersignCannotAwaitApplicant: () =>
    new AppError(
      'WORKFLOW_COUNTERSIGN_CANNOT_AWAIT_APPLICANT',
      409,
      '会签中的单个会签人不能退回申请人补正，请由会签后的环节退回',
    ),
  notAwaitingApplicant: () =>
    new AppError('WORKFLOW_NOT_AWAITING_APPLICANT', 409, '该任务没有在等待申请人补正（可能已经恢复办理）'),
  notMultiInstance: () => new AppError('WORKFLOW_NOT_COUNTERSIGN', 409, '该任务不是会签任务，不能加签或减签'),
  countersignerNotFound: () => new AppError('WORKFLOW_COUNTERSIGNER_NOT_FOUND', 404, '未找到该会签人的待办'),
  lastCountersigner: () => new AppError('WORKFLOW_LAST_COUNTERSIGNER', 409, '不能减去最后一位会签人'),
  staffNotFound: (loginName: string) => new AppError('WORKFLOW_STAFF_NOT_FOUND', 404, `未找到工作人员 ${loginName}`),
  noOutgoingFlow: (elementId: string) =>
    new AppError('WORKFLOW_NO_OUTGOING_FLOW', 409, `网关 ${elementId} 没有满足条件的出口，请检查流程变量`),
  badVariable: (message: string) => new AppError('WORKFLOW_VARIABLE_INVALID', 400, message),
  elementNotFound: (elementId: string) =>
    new AppError('WORKFLOW_ELEMENT_NOT_FOUND', 400, `流程中没有可移动到的元素 ${elementId}`),
  migrationNotPossible: (message: string) => new AppError('WORKFLOW_MIGRATION_NOT_POSSIBLE', 409, message),
  workerUnauthenticated: () =>
    new AppError('WORKFLOW_WORKER_UNAUTHENTICATED', 401, '外部系统凭据无效或已停用，请向系统管理员确认服务账号'),
  workerTopicForbidden: (topic: string) =>
    new AppError('WORKFLOW_WORKER_TOPIC_FORBIDDEN', 403, `该外部系统无权处理主题 ${topic} 的任务`),
  workerNameTaken: (name: string) =>
    new AppError('WORKFLOW_WORKER_NAME_TAKEN', 409, `已有名为 ${name} 的外部系统服务账号`),
  workerNotFound: () => new AppError('WORKFLOW_WORKER_NOT_FOUND', 404, '未找到该外部系统服务账号'),
  externalTaskNotFound: () =>
    new AppError('WORKFLOW_EXTERNAL_TASK_NOT_FOUND', 404, '未找到外部任务（可能已完成、已取消或流程已结束）'),
  externalTaskLockLost: () =>
    new AppError('WORKFLOW_EXTERNAL_TASK_LOCK_LOST', 409, '该外部任务不由您锁定，或锁定已过期；请重新领取'),
  timerNotPending: () =>
    new AppError('WORKFLOW_TIMER_NOT_PENDING', 409, '该定时器已触发或已取消（环节可能已经结束），请刷新监控页面'),
  messageNotWaited: (name: string) =>
    new AppError('WORKFLOW_MESSAGE_NOT_CORRELATED', 404, `没有流程实例在等待消息 ${name}`),
}
