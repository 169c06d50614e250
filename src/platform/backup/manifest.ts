import { timingSafeEqual } from 'node:crypto'
import { deriveSealKeys, hmacSm3Hex, type SealKeys } from '../crypto/index.js'
import type { Engine } from '../db/index.js'
import { backupErrors } from './backup-errors.js'

export const MANIFEST_FILE = 'manifest.json'
export const BACKUP_FORMAT = 'tongban-backup/1'

/** One encrypted file of a backup: where it is and the SM3 digests that prove it unchanged. */
export type PayloadEntry = {
  /** Relative to the backup directory, e.g. `tables/003-identity.accounts.1.jsonl.sm4`. */
  path: string
  bytes: number
  plaintextBytes: number
  /** SM3 of the file as stored (iv || SM4-CBC ciphertext || HMAC-SM3 tag). */
  sm3Ciphertext: string
  /** SM3 of the decrypted content. */
  sm3Plaintext: string
}

/** One table: its rows as JSON Lines (`row_to_json`), split over one or more payloads. */
export type TableEntry = { schema: string; name: string; rowCount: number; payloads: string[] }
export type SequenceEntry = { schema: string; name: string; lastValue: string; isCalled: boolean }
/** One file of the data directory: `path` is relative to the data directory, with `/` separators. */
export type DataFileEntry = { path: string; payload: string }

/** Everything `manifest.json` says; the file holds this plus `hmacSm3` over its canonical JSON. */
export type BackupManifest = {
  format: typeof BACKUP_FORMAT
  backupId: string
  createdAt: string
  /** The database's own clock at the start of the snapshot transaction. */
  snapshotAt: string
  tongbanVersion: string
  engine: Engine
  migrationVersion: string
  migrations: Array<{ name: string; checksum: string }>
  masterKeyIncluded: false
  encryption: string
  /** In dependency order: a table comes after the tables its foreign keys point to. */
  tables: TableEntry[]
  sequences: SequenceEntry[]
  files: DataFileEntry[]
  payloads: PayloadEntry[]
}

export const ENCRYPTION_DESCRIPTION =
  'SM4-CBC then HMAC-SM3 (encrypt-then-MAC) per payload with a fresh IV; keys by HKDF-SM3 from the master key, label backup'

/** The payload keys and the manifest key, all derived from the master key and nothing else. */
export type BackupKeys = { payload: SealKeys; manifestMac: Buffer }

export function deriveBackupKeys(masterKey: Uint8Array): BackupKeys {
  return {
    payload: deriveSealKeys(masterKey, 'backup'),
    manifestMac: deriveSealKeys(masterKey, 'backup-manifest').macKey,
  }
}

/** What each payload's MAC also covers, so a payload cannot be moved to another name or another backup. */
export function payloadAssociatedData(backupId: string, payloadPath: string): Buffer {
  return Buffer.from(`${BACKUP_FORMAT}/${backupId}/${payloadPath}`, 'utf8')
}

/** JSON with object keys sorted at every level: the bytes the manifest HMAC is computed over. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function signManifest(manifest: BackupManifest, keys: BackupKeys): string {
  const hmacSm3 = hmacSm3Hex(keys.manifestMac, canonicalJson(manifest))
  return `${JSON.stringify({ ...manifest, hmacSm3 }, null, 2)}\n`
}

/** Parses `manifest.json` and checks its HMAC-SM3 before anything in it is believed. */
export function openManifest(text: string, keys: BackupKeys): BackupManifest {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw backupErrors.manifestInvalid('不是合法的 JSON')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw backupErrors.manifestInvalid('不是 JSON 对象')
  }
  const { hmacSm3, ...manifest } = parsed as Record<string, unknown>
  if (typeof hmacSm3 !== 'string' || !/^[0-9a-f]{64}$/.test(hmacSm3)) throw backupErrors.manifestInvalid('缺少 hmacSm3')
  const expected = Buffer.from(hmacSm3Hex(keys.manifestMac, canonicalJson(manifest)), 'hex')
  if (!timingSafeEqual(expected, Buffer.from(hmacSm3, 'hex'))) throw backupErrors.manifestNotAuthentic()
  if (manifest.format !== BACKUP_FORMAT) throw backupErrors.manifestInvalid(`未知格式 ${String(manifest.format)}`)
  return manifest as BackupManifest
}
