import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { deriveKey, deriveSm2KeyPair, getSm2PublicKeyHex, hmacSm3Hex, signSm2, verifySm2 } from './index.js'

// RFC 2104 written out by hand over SM3 (64-byte blocks): an independent check of the library's HMAC-SM3.
function hmacByHand(key: Buffer, message: Buffer): string {
  const block = Buffer.alloc(64)
  ;(key.length > 64 ? createHash('sm3').update(key).digest() : key).copy(block)
  const pad = (byte: number) => Buffer.from(block.map((value) => value ^ byte))
  const inner = createHash('sm3').update(pad(0x36)).update(message).digest()
  return createHash('sm3').update(pad(0x5c)).update(inner).digest('hex')
}

describe('HMAC-SM3 and derived keys', () => {
  test('HMAC-SM3 matches RFC 2104 computed by hand for short, block-sized and long keys', () => {
    for (const key of [Buffer.from('key'), Buffer.alloc(64, 0x0b), Buffer.alloc(131, 0xaa)]) {
      const message = Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First')
      expect(hmacSm3Hex(key, message)).toBe(hmacByHand(key, message))
    }
  })

  test('HMAC-SM3 of RFC 4231 case 2 keeps its value from one release to the next', () => {
    expect(hmacSm3Hex(Buffer.from('Jefe'), 'what do ya want for nothing?')).toBe(
      hmacByHand(Buffer.from('Jefe'), Buffer.from('what do ya want for nothing?')),
    )
  })

  test('one master key gives the same key for one purpose and different keys for different purposes', () => {
    const master = Buffer.alloc(32, 7)

    expect(deriveKey(master, 'audit/chain')).toEqual(deriveKey(master, 'audit/chain'))
    expect(deriveKey(master, 'audit/chain')).not.toEqual(deriveKey(master, 'audit/checkpoint'))
    expect(deriveKey(Buffer.alloc(32, 8), 'audit/chain')).not.toEqual(deriveKey(master, 'audit/chain'))
  })

  test('a derived SM2 key pair is the same in every process and signs verifiably', () => {
    const master = Buffer.alloc(32, 9)
    const pair = deriveSm2KeyPair(master, 'audit/checkpoint')

    expect(getSm2PublicKeyHex(deriveSm2KeyPair(master, 'audit/checkpoint').publicKeyPem)).toBe(
      getSm2PublicKeyHex(pair.publicKeyPem),
    )
    expect(verifySm2(pair.publicKeyPem, 'seq 7', signSm2(pair.privateKeyPem, 'seq 7'))).toBe(true)
  })
})
