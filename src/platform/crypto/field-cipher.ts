import { createHmac } from 'node:crypto'
import { CryptoError, CryptoErrorCode } from './crypto-errors.js'
import { openSm4, type SealKeys, sealSm4 } from './sm4.js'

/** Encrypts personal data field by field, and computes blind indexes for exact-match lookups. */
export type FieldCipher = {
  /** `sm4:v<key version>:<base64(iv || ciphertext || tag)>`; a fresh IV each call, so equal inputs differ. */
  encrypt(plaintext: string): string
  /** The plaintext of `encrypt`'s output under any key version still in the ring; throws on tampering. */
  decrypt(ciphertext: string): string
  /** HMAC-SM3 of `value` as hex: equal inputs give equal output, so a column can be searched without decrypting. */
  blindIndex(value: string): string
}

/** The unwrapped keys a FieldCipher works with; the key ring replaces them on rotation. */
export type FieldKeys = {
  activeVersion: number
  fieldKeys: ReadonlyMap<number, SealKeys>
  blindIndexKey: Buffer
}

// The scheme name and version travel inside each value, so a column can hold several key versions at once
// and a later scheme can be told apart. The prefix is stored data: never change it.
const CIPHERTEXT = /^sm4:v([1-9][0-9]{0,8}):([A-Za-z0-9+/]+={0,2})$/

function buildAssociatedData(version: number): Buffer {
  return Buffer.from(`sm4:v${version}:`, 'utf8')
}

/** A FieldCipher reading its keys through `getKeys` each call, so a rotation takes effect at once. */
export function createFieldCipher(getKeys: () => FieldKeys): FieldCipher {
  function encrypt(plaintext: string): string {
    const { activeVersion, fieldKeys } = getKeys()
    const keys = fieldKeys.get(activeVersion)
    if (!keys)
      throw new CryptoError(CryptoErrorCode.keyVersionUnknown, `active field key v${activeVersion} is not loaded`)
    const sealed = sealSm4(keys, Buffer.from(plaintext, 'utf8'), buildAssociatedData(activeVersion))
    return `sm4:v${activeVersion}:${sealed.toString('base64')}`
  }

  function decrypt(ciphertext: string): string {
    const match = CIPHERTEXT.exec(ciphertext)
    if (!match) {
      throw new CryptoError(
        CryptoErrorCode.ciphertextInvalid,
        'value is not a field ciphertext (sm4:v<version>:<base64>)',
      )
    }
    const version = Number(match[1])
    const keys = getKeys().fieldKeys.get(version)
    if (!keys) {
      throw new CryptoError(
        CryptoErrorCode.keyVersionUnknown,
        `field key v${version} is not in the key ring; if another process rotated the key, call refresh()`,
      )
    }
    const plaintext = openSm4(keys, Buffer.from(match[2] as string, 'base64'), buildAssociatedData(version))
    if (!plaintext) {
      throw new CryptoError(
        CryptoErrorCode.ciphertextInvalid,
        `field ciphertext (key v${version}) failed its integrity check: altered, truncated or sealed under another key`,
      )
    }
    return plaintext.toString('utf8')
  }

  function blindIndex(value: string): string {
    return createHmac('sm3', getKeys().blindIndexKey).update(value, 'utf8').digest('hex')
  }

  return { encrypt, decrypt, blindIndex }
}
