import { describe, expect, test } from 'vitest'
import { hashPassword, verifyPassword } from './password.js'

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
})
