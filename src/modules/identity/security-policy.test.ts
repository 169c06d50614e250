import { describe, expect, test } from 'vitest'
import { buildDefaultPolicy, findPasswordWeakness, isPasswordExpired } from './security-policy.js'

const policy = buildDefaultPolicy({ loginMaxFailures: 5, lockoutMinutes: 30, sessionIdleMinutes: 30 })

describe('password policy', () => {
  test('short or two-class passwords are refused with a Chinese reason', () => {
    expect(findPasswordWeakness('Ab1!', policy)).toBe('密码至少 8 位')
    expect(findPasswordWeakness('abcdefgh12', policy)).toContain('至少三类')
    expect(findPasswordWeakness('Abcdefgh12', policy)).toBeUndefined()
  })

  test('a stricter policy asks for all four classes', () => {
    expect(findPasswordWeakness('Abcdefgh12', { ...policy, passwordMinClasses: 4 })).toContain('至少四类')
  })

  test('a password older than 90 days has expired; with expiry 0 it never does', () => {
    const now = new Date('2026-11-25T08:00:00Z')
    const old = new Date('2026-08-20T08:00:00Z')

    expect(isPasswordExpired(old, policy, now)).toBe(true)
    expect(isPasswordExpired(old, { passwordExpiryDays: 0 }, now)).toBe(false)
  })
})
