import { createHmac } from 'node:crypto'
import { CryptoError, CryptoErrorCode } from './crypto-errors.js'
import { openSm4, type SealKeys, sealSm4 } from './sm4.js'

/**
 * Where a ciphertext belongs: its table, column and row. It is sealed into the ciphertext's tag, so a value copied
 * into another row or column fails its integrity check instead of being read as that row's data.
 */
export type CipherBinding = { table: string; column: string; rowId: string }

/** A ciphertext that failed its integrity check, as reported to `onIntegrityFailure` (no plaintext, no key). */
export type CiphertextIntegrityFailure = CipherBinding & { keyVersion: number | null }

/** Encrypts personal data field by field, and computes blind indexes for exact-match lookups. */
export type FieldCipher = {
  /**
   * `sm4b:v<key version>:<base64(iv || ciphertext || tag)>` bound to `binding`; a fresh IV each call, so equal
   * inputs differ.
   */
  encrypt(plaintext: string, binding: CipherBinding): string
  /**
   * The plaintext of `encrypt`'s output under any key version still in the ring, for the same binding. Throws
   * CRYPTO_CIPHERTEXT_INVALID when it was altered, truncated or moved from another row or column, or is in the first
   * (unbound) format once that is refused, and CRYPTO_KEY_VERSION_UNKNOWN for a key version not loaded.
   */
  decrypt(ciphertext: string, binding: CipherBinding): string
  /** HMAC-SM3 of `value` as hex: equal inputs give equal output, so a column can be searched without decrypting. */
  blindIndex(value: string): string
}

/** The unwrapped keys a FieldCipher works with; the key ring replaces them on rotation. */
export type FieldKeys = {
  activeVersion: number
  fieldKeys: ReadonlyMap<number, SealKeys>
  blindIndexKey: Buffer
  /**
   * True once no stored value is left in the first, unbound format (ADR 0017): such a value can then only be an old
   * copy pasted into a row, and is refused like a moved ciphertext.
   */
  refuseUnboundFormat?: boolean
}

// The scheme name and key version travel inside each value, so a column can hold several key versions at once and
// a later scheme can be told apart. Both prefixes are stored data: never change them.
// sm4b: bound to table, column and row (ADR 0017). sm4: the first format, bound to the key version only; still
// read so that existing rows open until the re-encryption job has rewritten them as sm4b, refused after that.
const BOUND_FORMAT = 'sm4b'
const LEGACY_FORMAT = 'sm4'
const CIPHERTEXT = /^(sm4b?):v([1-9][0-9]{0,8}):([A-Za-z0-9+/]+={0,2})$/

/** The start of every ciphertext `encrypt` makes under key `version`; anything else should be re-encrypted. */
export function buildCiphertextPrefix(version: number): string {
  return `${BOUND_FORMAT}:v${version}:`
}

function buildAssociatedData(format: string, version: number, binding: CipherBinding): Buffer {
  if (format === LEGACY_FORMAT) return Buffer.from(`sm4:v${version}:`, 'utf8')
  // JSON keeps the parts unambiguous whatever characters they hold.
  return Buffer.from(JSON.stringify([BOUND_FORMAT, version, binding.table, binding.column, binding.rowId]), 'utf8')
}

/**
 * A FieldCipher reading its keys through `getKeys` each call, so a rotation takes effect at once. Every integrity
 * failure is also reported to `onIntegrityFailure` (which must not throw), so it can be alarmed wherever it is caught.
 */
export function createFieldCipher(
  getKeys: () => FieldKeys,
  onIntegrityFailure: (failure: CiphertextIntegrityFailure) => void = () => {},
): FieldCipher {
  function encrypt(plaintext: string, binding: CipherBinding): string {
    const { activeVersion, fieldKeys } = getKeys()
    const keys = fieldKeys.get(activeVersion)
    if (!keys)
      throw new CryptoError(CryptoErrorCode.keyVersionUnknown, `active field key v${activeVersion} is not loaded`)
    const associatedData = buildAssociatedData(BOUND_FORMAT, activeVersion, binding)
    const sealed = sealSm4(keys, Buffer.from(plaintext, 'utf8'), associatedData)
    return `${buildCiphertextPrefix(activeVersion)}${sealed.toString('base64')}`
  }

  function refuse(binding: CipherBinding, keyVersion: number | null, reason: string): CryptoError {
    onIntegrityFailure({ table: binding.table, column: binding.column, rowId: binding.rowId, keyVersion })
    return new CryptoError(
      CryptoErrorCode.ciphertextInvalid,
      `${binding.table}.${binding.column} of row ${binding.rowId}: ${reason}`,
    )
  }

  function decrypt(ciphertext: string, binding: CipherBinding): string {
    const match = CIPHERTEXT.exec(ciphertext)
    if (!match) throw refuse(binding, null, 'value is not a field ciphertext (sm4b:v<version>:<base64>)')
    const format = match[1] as string
    const version = Number(match[2])
    const current = getKeys()
    // Checked before the key: a saved pre-upgrade value must not open even if its tag would still match.
    if (format === LEGACY_FORMAT && current.refuseUnboundFormat) {
      throw refuse(
        binding,
        version,
        'the first, unbound ciphertext format (sm4:) is refused since every value was upgraded',
      )
    }
    const keys = current.fieldKeys.get(version)
    if (!keys) {
      throw new CryptoError(
        CryptoErrorCode.keyVersionUnknown,
        `field key v${version} is not in the key ring; if another process rotated the key, call refresh()`,
      )
    }
    const sealed = Buffer.from(match[3] as string, 'base64')
    const plaintext = openSm4(keys, sealed, buildAssociatedData(format, version, binding))
    if (!plaintext) {
      throw refuse(
        binding,
        version,
        `field ciphertext (key v${version}) failed its integrity check: altered, truncated, moved from another row or column, or sealed under another key`,
      )
    }
    return plaintext.toString('utf8')
  }

  function blindIndex(value: string): string {
    return createHmac('sm3', getKeys().blindIndexKey).update(value, 'utf8').digest('hex')
  }

  return { encrypt, decrypt, blindIndex }
}
