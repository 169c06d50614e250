// These codes appear in operators' scripts and runbooks, so they never change once shipped.
export const BackupErrorCode = {
  outputNotEmpty: 'BACKUP_OUTPUT_NOT_EMPTY',
  manifestMissing: 'BACKUP_MANIFEST_MISSING',
  manifestInvalid: 'BACKUP_MANIFEST_INVALID',
  manifestNotAuthentic: 'BACKUP_MANIFEST_NOT_AUTHENTIC',
  payloadDamaged: 'BACKUP_PAYLOAD_DAMAGED',
  migrationsIncompatible: 'BACKUP_MIGRATIONS_INCOMPATIBLE',
  targetNotEmpty: 'BACKUP_TARGET_NOT_EMPTY',
  targetSchemaMismatch: 'BACKUP_TARGET_SCHEMA_MISMATCH',
  fileConflict: 'BACKUP_FILE_CONFLICT',
} as const
export type BackupErrorCode = (typeof BackupErrorCode)[keyof typeof BackupErrorCode]

/**
 * A backup or restore that was refused, with a one-line message for the operator (Chinese first, English in
 * brackets). Never contains key material or row contents.
 */
export class BackupError extends Error {
  readonly code: BackupErrorCode

  constructor(code: BackupErrorCode, message: string) {
    super(message)
    this.name = 'BackupError'
    this.code = code
  }
}

export const backupErrors = {
  outputNotEmpty: (dir: string) =>
    new BackupError(BackupErrorCode.outputNotEmpty, `输出目录 ${dir} 已存在且不为空 (output directory is not empty)`),
  manifestMissing: (file: string) =>
    new BackupError(BackupErrorCode.manifestMissing, `备份清单 ${file} 不存在或无法读取 (manifest missing)`),
  manifestInvalid: (reason: string) =>
    new BackupError(BackupErrorCode.manifestInvalid, `备份清单格式不正确 (manifest invalid): ${reason}`),
  manifestNotAuthentic: () =>
    new BackupError(
      BackupErrorCode.manifestNotAuthentic,
      '备份清单校验失败：清单被改动过，或当前主密钥不是做备份时的主密钥 (manifest HMAC-SM3 mismatch: tampered manifest or wrong master key)',
    ),
  payloadDamaged: (file: string, reason: string) =>
    new BackupError(BackupErrorCode.payloadDamaged, `备份文件 ${file} 已损坏：${reason} (damaged payload file)`),
  migrationsIncompatible: (reason: string) =>
    new BackupError(BackupErrorCode.migrationsIncompatible, `备份与当前程序的数据库结构不兼容：${reason}`),
  targetNotEmpty: (tables: number) =>
    new BackupError(
      BackupErrorCode.targetNotEmpty,
      `目标数据库不是空的（已有 ${tables} 张表）；请恢复到新建的空数据库，或加 --force 用备份替换其全部内容 (target database is not empty)`,
    ),
  targetSchemaMismatch: (reason: string) =>
    new BackupError(BackupErrorCode.targetSchemaMismatch, `迁移后的数据库结构与备份不符：${reason}`),
  fileConflict: (file: string) =>
    new BackupError(
      BackupErrorCode.fileConflict,
      `数据目录中已有不同内容的文件 ${file}；请恢复到空的数据目录，或加 --force 覆盖 (file exists with other content)`,
    ),
}
