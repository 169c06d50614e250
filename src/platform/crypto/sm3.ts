import { createHash, createHmac } from 'node:crypto'

/** SM3 (GB/T 32905) digest as lower-case hex, computed by Node's OpenSSL. */
export function sm3Hex(data: string | Uint8Array): string {
  return createHash('sm3').update(data).digest('hex')
}

/** HMAC-SM3 as lower-case hex: keyed SM3, used for blind indexes and integrity tags. */
export function hmacSm3Hex(key: Uint8Array, data: string | Uint8Array): string {
  return createHmac('sm3', key).update(data).digest('hex')
}
