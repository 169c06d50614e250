import { describe, expect, test } from 'vitest'
import { sm3Hex } from './index.js'

describe('SM3 (GB/T 32905 appendix A)', () => {
  test('the digest of "abc" is the published one', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0')
  })

  test('the digest of the 64-byte "abcd" x 16 message is the published one', () => {
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732')
  })
})
