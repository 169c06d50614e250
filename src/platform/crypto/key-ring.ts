import { randomBytes } from 'node:crypto'
import { AdvisoryLock, type Db, type Queryable, type Transaction } from '../db/index.js'
import { CryptoError, CryptoErrorCode } from './crypto-errors.js'
import {
  buildCiphertextPrefix,
  type CiphertextIntegrityFailure,
  createFieldCipher,
  type FieldCipher,
  type FieldKeys,
} from './field-cipher.js'
import { deriveSealKeys, openSm4, SEAL_SECRET_BYTES, type SealKeys, sealSm4 } from './sm4.js'

// Key hierarchy: master key (outside the database) → data keys (in platform.data_keys, wrapped) → field
// ciphertexts and blind indexes. Rotating a data key touches one row; changing the master key only re-wraps rows.

/** What a data key is for; each purpose has its own versions. Stored in platform.data_keys: never rename. */
export const DataKeyPurpose = { field: 'field', blindIndex: 'blind-index' } as const
export type DataKeyPurpose = (typeof DataKeyPurpose)[keyof typeof DataKeyPurpose]

/** A FieldCipher backed by platform.data_keys, which can add a key version and reload the ring. */
export type KeyRing = FieldCipher & {
  /** Adds a field key version, makes it the one `encrypt` uses and returns it; older versions keep decrypting. */
  rotateKey(): Promise<number>
  /** Reloads the keys, e.g. after another process rotated. */
  refresh(): Promise<void>
  /** The field key version `encrypt` uses now. */
  activeVersion(): number
  /** True when a ciphertext is under the active version and format (false: it should be re-encrypted). */
  isCurrentCiphertext(ciphertext: string): boolean
  /** How every ciphertext made now starts (`sm4b:v<active>:`); a stored value starting otherwise is stale. */
  currentCiphertextPrefix(): string
  /** True once values in the first, unbound format (`sm4:`) are refused as invalid (ADR 0017). */
  refusesUnboundFormat(): boolean
  /**
   * Records in `tx` that no stored value is left in the first, unbound format: from its commit on, this and every
   * other process (told by NOTIFY) refuse such values with CRYPTO_CIPHERTEXT_INVALID. Only the caller knows that
   * every table holding field ciphertexts was rewritten. Idempotent.
   */
  refuseUnboundFormat(tx: Transaction): Promise<void>
  /** Follows rotations and format changes made by other processes (NOTIFY); the returned function stops following. */
  followRotations(): Promise<() => Promise<void>>
}

const ROTATION_CHANNEL = 'tongban_keys'

type DataKeyRow = { purpose: DataKeyPurpose; version: number; wrapped_key: Uint8Array; retired_at: Date | null }

function buildWrapKeys(masterKey: Buffer): SealKeys {
  return deriveSealKeys(masterKey, 'data-key-wrap')
}

// Binding the purpose and version into the tag stops a wrapped key being copied into another row.
function buildWrapContext(purpose: DataKeyPurpose, version: number): Buffer {
  return Buffer.from(`platform.data_keys:${purpose}:v${version}`, 'utf8')
}

/** Seals a data key under the master key for storage. */
export function wrapDataKey(masterKey: Buffer, purpose: DataKeyPurpose, version: number, dataKey: Buffer): Buffer {
  return sealSm4(buildWrapKeys(masterKey), dataKey, buildWrapContext(purpose, version))
}

/** The raw data key of a stored row; throws CRYPTO_DATA_KEY_UNWRAP_FAILED under another master key. */
export function unwrapDataKey(masterKey: Buffer, row: Pick<DataKeyRow, 'purpose' | 'version' | 'wrapped_key'>): Buffer {
  const dataKey = openSm4(buildWrapKeys(masterKey), row.wrapped_key, buildWrapContext(row.purpose, row.version))
  if (!dataKey || dataKey.length !== SEAL_SECRET_BYTES) {
    throw new CryptoError(
      CryptoErrorCode.dataKeyUnwrapFailed,
      `cannot unwrap data key ${row.purpose} v${row.version}: wrong master key, or the row was altered`,
    )
  }
  return dataKey
}

/** The keys that field encryption and blind indexes use, derived from raw data keys. */
export function buildFieldKeys(fieldKeys: ReadonlyMap<number, Buffer>, activeVersion: number, blindIndexKey: Buffer) {
  const derived = new Map([...fieldKeys].map(([version, key]) => [version, deriveSealKeys(key, 'field')]))
  return {
    activeVersion,
    fieldKeys: derived,
    blindIndexKey: Buffer.from(deriveSealKeys(blindIndexKey, 'blind-index').macKey),
  } satisfies FieldKeys
}

const REFUSE_UNBOUND_FORMAT = 'INSERT INTO platform.crypto_settings (singleton) VALUES (true) ON CONFLICT DO NOTHING'

async function insertFirstVersions(db: Db, masterKey: Buffer): Promise<void> {
  await db.transaction(async (tx) => {
    for (const purpose of Object.values(DataKeyPurpose)) {
      // Two processes starting at once both try; the primary key lets one row in and the other insert do nothing.
      const { rowCount } = await tx.query(
        `INSERT INTO platform.data_keys (purpose, version, wrapped_key)
         SELECT $1, 1, $2 WHERE NOT EXISTS (SELECT 1 FROM platform.data_keys WHERE purpose = $1)
         ON CONFLICT DO NOTHING`,
        [purpose, wrapDataKey(masterKey, purpose, 1, randomBytes(SEAL_SECRET_BYTES))],
      )
      // A fresh install: no field key existed, so no value in the first format can exist either.
      if (purpose === DataKeyPurpose.field && rowCount > 0) await tx.query(REFUSE_UNBOUND_FORMAT)
    }
  })
}

async function listDataKeys(db: Queryable): Promise<DataKeyRow[]> {
  const { rows } = await db.query<DataKeyRow>(
    'SELECT purpose, version, wrapped_key, retired_at FROM platform.data_keys ORDER BY purpose, version',
  )
  return rows
}

async function loadFieldKeys(db: Queryable, masterKey: Buffer): Promise<FieldKeys> {
  const fieldKeys = new Map<number, Buffer>()
  let activeVersion: number | undefined
  let blindIndexKey: Buffer | undefined
  for (const row of await listDataKeys(db)) {
    const dataKey = unwrapDataKey(masterKey, row)
    const isActive = row.retired_at === null
    if (row.purpose === DataKeyPurpose.field) {
      fieldKeys.set(row.version, dataKey)
      if (isActive) activeVersion = row.version
    } else if (isActive) {
      blindIndexKey = dataKey
    }
  }
  if (activeVersion === undefined || blindIndexKey === undefined) {
    throw new CryptoError(
      CryptoErrorCode.keyVersionUnknown,
      'platform.data_keys has no active field or blind-index key',
    )
  }
  const { rows } = await db.query<{ refused: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM platform.crypto_settings) AS refused',
  )
  return { ...buildFieldKeys(fieldKeys, activeVersion, blindIndexKey), refuseUnboundFormat: rows[0]?.refused === true }
}

async function insertNextFieldKey(db: Db, masterKey: Buffer): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AdvisoryLock.keyRotation])
    const { rows } = await tx.query<{ latest: number }>(
      'SELECT max(version) AS latest FROM platform.data_keys WHERE purpose = $1',
      [DataKeyPurpose.field],
    )
    const version = Number(rows[0]?.latest ?? 0) + 1
    await tx.query('UPDATE platform.data_keys SET retired_at = now() WHERE purpose = $1 AND retired_at IS NULL', [
      DataKeyPurpose.field,
    ])
    await tx.query('INSERT INTO platform.data_keys (purpose, version, wrapped_key) VALUES ($1, $2, $3)', [
      DataKeyPurpose.field,
      version,
      wrapDataKey(masterKey, DataKeyPurpose.field, version, randomBytes(SEAL_SECRET_BYTES)),
    ])
    return version
  })
}

/** Options of the key ring. */
export type KeyRingOptions = {
  /** Told of every ciphertext that fails its integrity check, wherever it is caught; must not throw. */
  onIntegrityFailure?: (failure: CiphertextIntegrityFailure) => void
}

/**
 * Opens the key ring over platform.data_keys, creating the first field and blind-index keys on first use;
 * throws CRYPTO_MASTER_KEY_INVALID, CRYPTO_DATA_KEY_UNWRAP_FAILED (wrong master key).
 */
export async function createKeyRing(db: Db, masterKey: Buffer, options: KeyRingOptions = {}): Promise<KeyRing> {
  if (masterKey.length !== SEAL_SECRET_BYTES) {
    throw new CryptoError(CryptoErrorCode.masterKeyInvalid, `master key is ${masterKey.length} bytes, not 32`)
  }
  await insertFirstVersions(db, masterKey)
  let keys = await loadFieldKeys(db, masterKey)
  const cipher = createFieldCipher(() => keys, options.onIntegrityFailure)

  async function refresh(): Promise<void> {
    keys = await loadFieldKeys(db, masterKey)
  }

  async function rotateKey(): Promise<number> {
    const version = await insertNextFieldKey(db, masterKey)
    await refresh()
    // Other processes must load the new key before they meet a ciphertext made with it.
    await db.query('SELECT pg_notify($1, $2)', [ROTATION_CHANNEL, String(version)])
    return version
  }

  function activeVersion(): number {
    return keys.activeVersion
  }

  function currentCiphertextPrefix(): string {
    return buildCiphertextPrefix(keys.activeVersion)
  }

  function isCurrentCiphertext(ciphertext: string): boolean {
    return ciphertext.startsWith(currentCiphertextPrefix())
  }

  function refusesUnboundFormat(): boolean {
    return keys.refuseUnboundFormat === true
  }

  async function refuseUnboundFormat(tx: Transaction): Promise<void> {
    await tx.query(REFUSE_UNBOUND_FORMAT)
    // Delivered at commit, like the row; this process reloads at once rather than waiting for its own NOTIFY.
    await tx.query('SELECT pg_notify($1, $2)', [ROTATION_CHANNEL, 'unbound-format-refused'])
    tx.afterCommit(() => refresh())
  }

  function followRotations(): Promise<() => Promise<void>> {
    return db.listen(ROTATION_CHANNEL, () => {
      refresh().catch((error: unknown) => process.emitWarning(`key ring refresh failed: ${(error as Error).message}`))
    })
  }

  return {
    ...cipher,
    rotateKey,
    refresh,
    activeVersion,
    isCurrentCiphertext,
    currentCiphertextPrefix,
    refusesUnboundFormat,
    refuseUnboundFormat,
    followRotations,
  }
}
