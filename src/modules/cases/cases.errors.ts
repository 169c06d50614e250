import { AppError } from '../../platform/errors/index.js'
import { CASE_ACTION_LABELS, CASE_STATE_LABELS, type CaseAction, type CaseState } from './case-states.js'

/** Cases errors: the codes never change once shipped. */
export const casesErrors = {
  /** The same answer for a missing case and one the caller may not see, so numbers cannot be probed. */
  caseNotFound: () => new AppError('CASE_NOT_FOUND', 404, '未找到该办件'),
  stateConflict: (state: CaseState | string, action: CaseAction) =>
    new AppError(
      'CASE_STATE_CONFLICT',
      409,
      `办件当前状态为“${CASE_STATE_LABELS[state as CaseState] ?? state}”，不能${CASE_ACTION_LABELS[action]}，请刷新后查看`,
    ),
  draftChanged: () =>
    new AppError('CASE_DRAFT_CHANGED', 409, '申请已在别处修改（例如另一台设备），请刷新后再保存，以免覆盖'),
  supplementAlreadyRequested: () =>
    new AppError('CASE_SUPPLEMENT_ALREADY_REQUESTED', 409, '该办件已一次性告知过补正，依法不能再次要求补正'),
  itemNotAvailable: (code: string) =>
    new AppError('CASE_ITEM_NOT_AVAILABLE', 400, `事项（编码 ${code}）未发布或已停用，不能申请`),
  reasonRequired: (what: string) => new AppError('CASE_REASON_REQUIRED', 400, `请填写${what}`),
  notApplicantSide: () => new AppError('CASE_NOT_APPLICANT', 403, '只有申请人或其代办人可以办理此操作'),
  notHandler: () => new AppError('CASE_NOT_HANDLER', 403, '该办件不由您所在的部门办理'),
  taskNotOfCase: () => new AppError('CASE_TASK_NOT_FOUND', 404, '未找到该办件的这项待办任务'),
  applicantInvalid: (message: string) => new AppError('CASE_APPLICANT_INVALID', 400, message),
  lookupNotFound: () =>
    new AppError('CASE_LOOKUP_NOT_FOUND', 404, '未查到办件：请核对办件编号和申请人姓名（名称）是否与申请时一致'),
  opinionNotFound: () => new AppError('CASE_OPINION_NOT_FOUND', 404, '未找到该常用意见'),
  opinionTaken: () => new AppError('CASE_OPINION_TAKEN', 409, '本部门已有相同的常用意见'),
  formInvalid: (problems: readonly { message: string }[]) =>
    new AppError(
      'CASE_FORM_INVALID',
      400,
      `申请表有 ${problems.length} 处需要修改：${problems
        .slice(0, 5)
        .map((problem) => problem.message)
        .join('；')}`,
      problems,
    ),
  noDepartment: () => new AppError('CASE_NO_DEPARTMENT', 403, '您的账户不属于任何部门，不能办理办件'),
}
