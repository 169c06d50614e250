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

describe('passwords that are easy to guess', () => {
  test('the most common passwords are refused, even with a symbol for a letter', () => {
    expect(findPasswordWeakness('Aa123456', policy)).toBe('该密码过于常见，容易被猜中，请换一个')
    expect(findPasswordWeakness('P@ssw0rd', policy)).toBe('该密码过于常见，容易被猜中，请换一个')
    expect(findPasswordWeakness('Woaini@1314', policy)).toBeUndefined()
    expect(findPasswordWeakness('Tongban@2026', policy)).toBeUndefined()
  })

  test('a password containing the login name is refused', () => {
    expect(findPasswordWeakness('Zhangmin#2026', policy, { loginName: 'zhangmin' })).toBe('密码不能包含登录名')
  })

  test('a password containing the phone number, however it is written, is refused', () => {
    const owner = { phone: '13912345678' }

    expect(findPasswordWeakness('Aq#13912345678', policy, owner)).toBe('密码不能包含手机号码')
    expect(findPasswordWeakness('Aq#139-1234-5678', policy, owner)).toBe('密码不能包含手机号码')
    expect(findPasswordWeakness('Aq#1234 5678', policy, owner)).toBe('密码不能包含手机号码')
  })

  test('a password containing the ID number, its birth date or its last six is refused', () => {
    const owner = { idNumber: '32058119900307002X' }

    expect(findPasswordWeakness('Q#32058119900307002x', policy, owner)).toContain('身份证号码')
    expect(findPasswordWeakness('Qw#19900307', policy, owner)).toContain('身份证号码')
    expect(findPasswordWeakness('Qwer#07002X', policy, owner)).toContain('身份证号码')
    expect(findPasswordWeakness('Qw#320581900307002', policy, owner)).toContain('身份证号码')
    expect(findPasswordWeakness('Qwer#2026!', policy, owner)).toBeUndefined()
  })
})
