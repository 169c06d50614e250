import { readFileSync } from 'node:fs'
import path from 'node:path'
import { openSm4, sm3Hex } from '../crypto/index.js'
import { backupErrors } from './backup-errors.js'
import { resolveDataFile } from './data-files.js'
import {
  type BackupKeys,
  type BackupManifest,
  deriveBackupKeys,
  MANIFEST_FILE,
  openManifest,
  type PayloadEntry,
  payloadAssociatedData,
} from './manifest.js'

/** A backup whose manifest and every payload were checked with the master key; nothing was written anywhere. */
export type VerifiedBackup = { dir: string; manifest: BackupManifest; keys: BackupKeys }

const PAYLOAD_PATH = /^(tables|files)\/[A-Za-z0-9._-]+$/

function countLines(text: Buffer): number {
  let lines = 0
  for (const byte of text) if (byte === 0x0a) lines += 1
  return lines
}

/** Reads one payload and proves it: SM3 of the file, HMAC-SM3 tag with the master key, SM3 of the plaintext. */
export function readPayload(backup: Pick<VerifiedBackup, 'dir' | 'manifest' | 'keys'>, entry: PayloadEntry): Buffer {
  let sealed: Buffer
  try {
    sealed = readFileSync(path.join(backup.dir, ...entry.path.split('/')))
  } catch {
    throw backupErrors.payloadDamaged(entry.path, '文件缺失或无法读取')
  }
  if (sealed.length !== entry.bytes) {
    throw backupErrors.payloadDamaged(entry.path, `长度 ${sealed.length} 字节，清单记录为 ${entry.bytes} 字节`)
  }
  if (sm3Hex(sealed) !== entry.sm3Ciphertext) throw backupErrors.payloadDamaged(entry.path, '密文的 SM3 与清单不符')
  const plaintext = openSm4(backup.keys.payload, sealed, payloadAssociatedData(backup.manifest.backupId, entry.path))
  if (!plaintext) throw backupErrors.payloadDamaged(entry.path, 'HMAC-SM3 认证失败，无法解密')
  if (sm3Hex(plaintext) !== entry.sm3Plaintext) throw backupErrors.payloadDamaged(entry.path, '明文的 SM3 与清单不符')
  return plaintext
}

function checkStructure(manifest: BackupManifest): Map<string, PayloadEntry> {
  const payloads = new Map<string, PayloadEntry>()
  for (const entry of manifest.payloads ?? []) {
    if (typeof entry?.path !== 'string' || !PAYLOAD_PATH.test(entry.path) || payloads.has(entry.path)) {
      throw backupErrors.manifestInvalid(`载荷路径不合法或重复：${String(entry?.path)}`)
    }
    payloads.set(entry.path, entry)
  }
  for (const table of manifest.tables ?? []) {
    for (const payload of table.payloads) {
      if (!payloads.has(payload))
        throw backupErrors.manifestInvalid(`表 ${table.schema}.${table.name} 的载荷 ${payload} 未登记`)
    }
  }
  for (const file of manifest.files ?? []) {
    resolveDataFile('/', file.path)
    if (!payloads.has(file.payload)) throw backupErrors.manifestInvalid(`数据文件 ${file.path} 的载荷未登记`)
  }
  if (!Array.isArray(manifest.migrations) || !Array.isArray(manifest.sequences)) {
    throw backupErrors.manifestInvalid('缺少迁移或序列清单')
  }
  return payloads
}

/**
 * Verifies a backup completely before anything is restored: the manifest's HMAC-SM3 (which also proves the
 * master key is the right one), then every payload's SM3 digests and SM4 tag, and each table's row count.
 * Throws a BackupError naming the first damaged file.
 */
export function verifyBackup({ dir, masterKey }: { dir: string; masterKey: Uint8Array }): VerifiedBackup {
  const resolved = path.resolve(dir)
  const manifestFile = path.join(resolved, MANIFEST_FILE)
  let text: string
  try {
    text = readFileSync(manifestFile, 'utf8')
  } catch {
    throw backupErrors.manifestMissing(manifestFile)
  }
  const keys = deriveBackupKeys(masterKey)
  const manifest = openManifest(text, keys)
  const payloads = checkStructure(manifest)
  const backup: VerifiedBackup = { dir: resolved, manifest, keys }
  const linesByPayload = new Map<string, number>()
  for (const entry of payloads.values()) {
    const plaintext = readPayload(backup, entry)
    if (entry.path.startsWith('tables/')) linesByPayload.set(entry.path, countLines(plaintext))
  }
  for (const table of manifest.tables) {
    const rows = table.payloads.reduce((sum, payload) => sum + (linesByPayload.get(payload) ?? 0), 0)
    if (rows !== table.rowCount) {
      throw backupErrors.payloadDamaged(
        table.payloads[0] ?? MANIFEST_FILE,
        `表 ${table.schema}.${table.name} 有 ${rows} 行，清单记录为 ${table.rowCount} 行`,
      )
    }
  }
  return backup
}
