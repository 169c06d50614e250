import { hkdfSync } from 'node:crypto'
import { buildSm2KeyPairFromHex, type Sm2KeyPair } from './sm2.js'

// The SM2 curve order (GB/T 32918.5): a private key is a scalar in [1, n - 2].
const SM2_ORDER = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n

/**
 * A key for one purpose derived from a root secret (the master key) with HKDF-SM3; `purpose` separates the domains,
 * so no two uses ever share a key. The purpose strings are part of the stored data's meaning: never rename one.
 */
export function deriveKey(secret: Uint8Array, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sm3', secret, Buffer.alloc(0), `tongban/${purpose}`, length))
}

/**
 * An SM2 key pair derived from a root secret: every process holding the master key has it, and it is never written
 * anywhere. 48 derived bytes reduced modulo n - 2 keep the bias below 2^-128.
 */
export function deriveSm2KeyPair(secret: Uint8Array, purpose: string): Sm2KeyPair {
  const wide = BigInt(`0x${deriveKey(secret, `${purpose}/sm2`, 48).toString('hex')}`)
  const d = (wide % (SM2_ORDER - 2n)) + 1n
  return buildSm2KeyPairFromHex(d.toString(16).padStart(64, '0'))
}
