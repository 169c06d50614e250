import { AppError } from '../../platform/errors/index.js'

/** A reason an answer set does not fit the question tree, naming the question. */
export type AnswerProblem = { questionId: string; reason: string }

/** Catalog errors: the codes never change once shipped. */
export const catalogErrors = {
  itemNotFound: (code: string) => new AppError('CATALOG_ITEM_NOT_FOUND', 404, `未找到事项（编码 ${code}）`),
  versionNotFound: (code: string, version: number) =>
    new AppError('CATALOG_VERSION_NOT_FOUND', 404, `事项 ${code} 没有第 ${version} 版`),
  itemCodeTaken: (code: string) =>
    new AppError('CATALOG_ITEM_CODE_TAKEN', 409, `事项编码 ${code} 已被使用（事项编码不能复用）`),
  codeMismatch: (code: string, bodyCode: string) =>
    new AppError(
      'CATALOG_ITEM_CODE_MISMATCH',
      400,
      `指南中的事项编码 ${bodyCode} 与地址中的 ${code} 不一致，事项编码不能修改`,
    ),
  notYourDepartment: (departmentName: string) =>
    new AppError('CATALOG_NOT_YOUR_DEPARTMENT', 403, `只能编辑本部门的事项；该事项由${departmentName}实施`),
  departmentUnknown: (departmentCode: string) =>
    new AppError('CATALOG_DEPARTMENT_UNKNOWN', 400, `实施部门编码 ${departmentCode} 不存在`),
  guideInvalid: (problems: string[]) =>
    new AppError('CATALOG_GUIDE_INVALID', 400, `办事指南有误：${problems.join('；')}`, problems),
  applicationFormInvalid: (problems: string[]) =>
    new AppError('CATALOG_APPLICATION_FORM_INVALID', 400, `申请表定义有误：${problems.join('；')}`, problems),
  draftChanged: () =>
    new AppError('CATALOG_DRAFT_CHANGED', 409, '草稿已被他人修改，请刷新后再保存，以免覆盖他人的修改'),
  underReview: (code: string) =>
    new AppError('CATALOG_VERSION_UNDER_REVIEW', 409, `事项 ${code} 已提交审核，审核完成或退回后才能修改`),
  wrongStatus: (message: string) => new AppError('CATALOG_WRONG_STATUS', 409, message),
  answersInvalid: (problems: AnswerProblem[]) =>
    new AppError(
      'CATALOG_ANSWERS_INVALID',
      400,
      `情形答案与问题不符：${problems.map((problem) => `问题 ${problem.questionId}：${problem.reason}`).join('；')}`,
      problems,
    ),
  noticeNotFound: (number: string) => new AppError('CATALOG_NOTICE_NOT_FOUND', 404, `未找到告知单 ${number}`),
  fileNotFound: () => new AppError('CATALOG_FILE_NOT_FOUND', 404, '未找到该文件'),
  workbookUnreadable: (reason: string) =>
    new AppError('CATALOG_WORKBOOK_UNREADABLE', 400, `无法读取 Excel 工作簿：${reason}`),
  synonymNotFound: () => new AppError('CATALOG_SYNONYM_NOT_FOUND', 404, '未找到该同义词'),
  synonymTaken: (term: string) => new AppError('CATALOG_SYNONYM_TAKEN', 409, `同义词“${term}”已存在`),
}
