import { describe, expect, test } from 'vitest'
import { createTotpSecret, generateTotpCode, verifyTotp } from './totp.js'

describe('TOTP second factor', () => {
  test('the current code verifies once and cannot be replayed', () => {
    const { secret, uri } = createTotpSecret('sysadmin')
    const code = generateTotpCode(secret)

    const step = verifyTotp(secret, code, null)

    expect(uri).toMatch(/^otpauth:\/\/totp\//)
    expect(step).toBeGreaterThan(0)
    expect(verifyTotp(secret, code, step ?? null)).toBeUndefined()
  })

  test('a code of another secret or of the wrong form is refused', () => {
    const { secret } = createTotpSecret('secadmin')
    const other = createTotpSecret('auditadmin')

    expect(verifyTotp(secret, generateTotpCode(other.secret), null)).toBeUndefined()
    expect(verifyTotp(secret, '12345', null)).toBeUndefined()
  })
})
