import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'

// SM4 (GB/T 32907) comes from Node's OpenSSL, which has CBC, CTR and ECB but no GCM. Authenticated
// encryption is therefore built as encrypt-then-MAC: SM4-CBC, then HMAC-SM3 over everything that was sent.

const IV_BYTES = 16
const TAG_BYTES = 32
/** The length of a sealing secret: one 32-byte value from which the SM4 and HMAC keys are derived. */
export const SEAL_SECRET_BYTES = 32

/** SM4 and HMAC-SM3 keys for one secret; deriving two keys keeps the cipher and the MAC independent. */
export type SealKeys = { encryptionKey: Buffer; macKey: Buffer }

/** Derives the SM4 key and the HMAC-SM3 key for `secret` with HKDF-SM3, labelled by what they seal. */
export function deriveSealKeys(secret: Uint8Array, label: string): SealKeys {
  return {
    encryptionKey: Buffer.from(hkdfSync('sm3', secret, Buffer.alloc(0), `tongban/${label}/sm4-cbc`, 16)),
    macKey: Buffer.from(hkdfSync('sm3', secret, Buffer.alloc(0), `tongban/${label}/hmac-sm3`, 32)),
  }
}

/** One raw SM4 block (no mode, no padding): the primitive the GB/T 32907 test vector checks. */
export function encryptSm4Block(key: Uint8Array, block: Uint8Array): Buffer {
  const cipher = createCipheriv('sm4-ecb', key, null)
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(block), cipher.final()])
}

function computeTag(macKey: Buffer, associatedData: Uint8Array, ivAndCiphertext: Uint8Array): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(associatedData.length)
  // The length prefix keeps the boundary between associated data and IV unambiguous.
  return createHmac('sm3', macKey).update(length).update(associatedData).update(ivAndCiphertext).digest()
}

/** iv || SM4-CBC(plaintext) || HMAC-SM3(associatedData, iv, ciphertext), with a fresh random IV. */
export function sealSm4(keys: SealKeys, plaintext: Uint8Array, associatedData: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('sm4-cbc', keys.encryptionKey, iv)
  const ivAndCiphertext = Buffer.concat([iv, cipher.update(plaintext), cipher.final()])
  return Buffer.concat([ivAndCiphertext, computeTag(keys.macKey, associatedData, ivAndCiphertext)])
}

/** The plaintext of a `sealSm4` output, or undefined when the tag does not match (tampered, or another key). */
export function openSm4(keys: SealKeys, sealed: Uint8Array, associatedData: Uint8Array): Buffer | undefined {
  if (sealed.length < IV_BYTES + 16 + TAG_BYTES || (sealed.length - IV_BYTES - TAG_BYTES) % 16 !== 0) return undefined
  const ivAndCiphertext = sealed.subarray(0, sealed.length - TAG_BYTES)
  const tag = sealed.subarray(sealed.length - TAG_BYTES)
  // The tag is checked before any decryption, so a forged ciphertext never reaches the padding check.
  if (!timingSafeEqual(tag, computeTag(keys.macKey, associatedData, ivAndCiphertext))) return undefined
  const decipher = createDecipheriv('sm4-cbc', keys.encryptionKey, ivAndCiphertext.subarray(0, IV_BYTES))
  return Buffer.concat([decipher.update(ivAndCiphertext.subarray(IV_BYTES)), decipher.final()])
}
