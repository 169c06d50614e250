import { AppError } from '../../../platform/errors/index.js'

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
}

/** Materials errors: the codes never change once shipped. */
export const materialsErrors = {
  /** The same answer for a missing material and one of a case the caller may not see. */
  materialNotFound: () => new AppError('CASE_MATERIAL_NOT_FOUND', 404, '未找到该材料'),
  materialsLocked: (stateLabel: string) =>
    new AppError(
      'CASE_MATERIALS_LOCKED',
      409,
      `办件当前状态为“${stateLabel}”，不能再上传、替换或删除材料；如需补充，请等待工作人员一次性告知补正`,
    ),
  materialCodeUnknown: (code: string) =>
    new AppError('CASE_MATERIAL_CODE_UNKNOWN', 400, `本事项的申请材料中没有“${code}”这一项，请从材料清单中选择`),
  caseLimitExceeded: (maxBytes: number) =>
    new AppError(
      'CASE_MATERIALS_TOO_LARGE',
      413,
      `本办件的材料合计不能超过 ${formatMegabytes(maxBytes)}，请删除不需要的文件或压缩后再上传`,
    ),
  alreadySuperseded: () => new AppError('CASE_MATERIAL_SUPERSEDED', 409, '该材料已被替换或删除，请刷新后查看'),
  notViewable: () =>
    new AppError('CASE_MATERIAL_NOT_VIEWABLE', 415, 'OFD 文件不能在浏览器中预览，请下载后用版式文档阅读器打开'),
  // The same code as the upload service's name refusals: to the applicant it is one kind of mistake.
  fileNameHidden: () =>
    new AppError('UPLOAD_FILE_NAME_INVALID', 400, '文件名不正确：含有改变文字方向或不可见的格式字符'),
  storeUnavailable: () => new AppError('CASE_MATERIAL_STORE_UNAVAILABLE', 503, '文件存储暂时不可用，请稍后再试'),
  fileDamaged: () => new AppError('CASE_MATERIAL_DAMAGED', 500, '该材料文件已损坏或被篡改，已记录，请联系管理员'),
}
