import { describe, expect, test } from 'vitest'
import { findPasswordWeakness, hashPassword, verifyPassword } from './password.js'

describe('passwords', () => {
  test('the right password verifies and a wrong one does not', async () => {
    const stored = await hashPassword('Qinchuan#2026')

    expect(await verifyPassword('Qinchuan#2026', stored)).toBe(true)
    expect(await verifyPassword('qinchuan#2026', stored)).toBe(false)
  })

  test('the stored hash names scrypt and never contains the password', async () => {
    const stored = await hashPassword('Qinchuan#2026')

    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true)
    expect(stored).not.toContain('Qinchuan')
  })

  test('short or two-class passwords are refused with a Chinese reason', () => {
    expect(findPasswordWeakness('Ab1!')).toBe('密码至少 8 位')
    expect(findPasswordWeakness('abcdefgh12')).toContain('至少三类')
    expect(findPasswordWeakness('Abcdefgh12')).toBeUndefined()
  })
})
