import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { deriveSealKeys, encryptSm4Block, openSm4, sealSm4 } from './sm4.js'

const context = Buffer.from('sm4:v1:')

describe('SM4', () => {
  test('one block under the GB/T 32907 example key gives the published ciphertext', () => {
    const keyAndPlaintext = Buffer.from('0123456789abcdeffedcba9876543210', 'hex')

    expect(encryptSm4Block(keyAndPlaintext, keyAndPlaintext).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246')
  })

  test('sealed data opens to the original bytes', () => {
    const keys = deriveSealKeys(randomBytes(32), 'test')

    const sealed = sealSm4(keys, Buffer.from('110101199003074514'), context)

    expect(openSm4(keys, sealed, context)?.toString()).toBe('110101199003074514')
  })

  test('sealed data does not open after any byte changes, under another context, or under another key', () => {
    const keys = deriveSealKeys(randomBytes(32), 'test')
    const sealed = sealSm4(keys, Buffer.from('110101199003074514'), context)

    for (let i = 0; i < sealed.length; i++) {
      const tampered = Buffer.from(sealed)
      tampered[i] = (tampered[i] as number) ^ 0x80
      expect(openSm4(keys, tampered, context)).toBeUndefined()
    }
    expect(openSm4(keys, sealed, Buffer.from('sm4:v2:'))).toBeUndefined()
    expect(openSm4(deriveSealKeys(randomBytes(32), 'test'), sealed, context)).toBeUndefined()
    expect(openSm4(keys, sealed.subarray(0, sealed.length - 16), context)).toBeUndefined()
  })
})
