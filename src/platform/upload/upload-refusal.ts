import { AppError } from '../errors/index.js'

/**
 * Why an upload was refused, as a machine word that goes into the audit record. Never changes once shipped: audit
 * records and alerts are searched by it.
 */
export const RefusalReason = {
  missing: 'missing',
  empty: 'empty',
  tooLarge: 'too_large',
  fileNameInvalid: 'file_name_invalid',
  typeUnknown: 'type_unknown',
  typeNotAllowed: 'type_not_allowed',
  extensionMismatch: 'extension_mismatch',
  executable: 'executable',
  markup: 'markup',
  eicar: 'eicar_signature',
  pdfActiveContent: 'pdf_active_content',
  pdfEncrypted: 'pdf_encrypted',
  pdfUnreadable: 'pdf_unreadable',
  pdfTooComplex: 'pdf_too_complex',
  macro: 'macro',
  oleCompound: 'ole_compound_file',
  archiveTooManyEntries: 'archive_too_many_entries',
  archiveTooLarge: 'archive_too_large',
  archiveRatio: 'archive_ratio',
  archiveSizeMismatch: 'archive_size_mismatch',
  archiveNested: 'archive_nested',
  archivePath: 'archive_path',
  archiveEncrypted: 'archive_encrypted',
  archiveOverlap: 'archive_overlapping_entries',
  archiveUnreadable: 'archive_unreadable',
  imageTooLarge: 'image_too_large',
  imageUnreadable: 'image_unreadable',
  imageTrailingData: 'image_trailing_data',
} as const
export type RefusalReason = (typeof RefusalReason)[keyof typeof RefusalReason]

// Reasons that only an attempt (or a dangerous file) produces, never an honest slip such as a wrong format.
const MALICIOUS: ReadonlySet<RefusalReason> = new Set<RefusalReason>([
  'executable',
  'markup',
  'eicar_signature',
  'pdf_active_content',
  'macro',
  'ole_compound_file',
  'archive_ratio',
  'archive_size_mismatch',
  'archive_nested',
  'archive_path',
  'archive_overlapping_entries',
  'image_too_large',
  'image_trailing_data',
])

/**
 * A refused upload: an AppError in the one error shape (`details.reason` names the reason), plus `isMalicious`, so
 * the module's route can write the audit record ('denied') and raise the 'malicious_upload' alert — the platform
 * cannot reach the audit module itself.
 */
export class UploadRefusal extends AppError {
  readonly reason: RefusalReason
  readonly isMalicious: boolean
  /** What the content looked like, when known (e.g. 'elf', 'html'); goes into the audit record. */
  readonly detected: string | undefined

  constructor(code: string, status: number, message: string, reason: RefusalReason, detected?: string) {
    super(code, status, message, { reason, ...(detected ? { detected } : {}) })
    this.name = 'UploadRefusal'
    this.reason = reason
    this.isMalicious = MALICIOUS.has(reason)
    this.detected = detected
  }
}

/** The refusals, by error code: UPLOAD_MISSING, UPLOAD_EMPTY, UPLOAD_TOO_LARGE, UPLOAD_FILE_NAME_INVALID, UPLOAD_TYPE_REFUSED, UPLOAD_CONTENT_REFUSED. */
export const uploadRefusals = {
  missing: () => new UploadRefusal('UPLOAD_MISSING', 400, '请选择要上传的文件', 'missing'),
  empty: () => new UploadRefusal('UPLOAD_EMPTY', 400, '文件是空的', 'empty'),
  tooLarge: (maxBytes: number) =>
    new UploadRefusal('UPLOAD_TOO_LARGE', 413, `文件过大：不能超过 ${formatBytes(maxBytes)}`, 'too_large'),
  fileNameInvalid: (why: string) =>
    new UploadRefusal('UPLOAD_FILE_NAME_INVALID', 400, `文件名不正确：${why}`, 'file_name_invalid'),
  typeRefused: (reason: RefusalReason, allowed: string, detected?: string) =>
    new UploadRefusal(
      'UPLOAD_TYPE_REFUSED',
      415,
      reason === 'extension_mismatch'
        ? `文件内容与扩展名不符，只接受 ${allowed}`
        : `不支持此文件类型，只接受 ${allowed}`,
      reason,
      detected,
    ),
  contentRefused: (reason: RefusalReason, why: string, detected?: string) =>
    new UploadRefusal('UPLOAD_CONTENT_REFUSED', 422, `文件未通过安全检查：${why}`, reason, detected),
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} 字节`
}
