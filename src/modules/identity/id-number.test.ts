import { describe, expect, test } from 'vitest'
import { buildIdNumberCheckCharacter, findIdNumberProblem, maskIdNumber } from './id-number.js'
import { isValidUscc } from './uscc.js'

describe('居民身份证号码 (GB 11643)', () => {
  test('the standard example number is valid, with its X check digit', () => {
    expect(findIdNumberProblem('11010519491231002X')).toBeUndefined()
    expect(findIdNumberProblem('11010519491231002x')).toBeUndefined()
  })

  test('a changed last digit is caught by the check digit', () => {
    expect(findIdNumberProblem('110105194912310021')).toBe('checkDigit')
  })

  test('a 30 February birth date is refused before the check digit is looked at', () => {
    const first17 = '32058119900230123'
    expect(findIdNumberProblem(first17 + buildIdNumberCheckCharacter(first17))).toBe('birthDate')
  })

  test('a 15-digit or lettered number is the wrong format', () => {
    expect(findIdNumberProblem('110105491231002')).toBe('format')
    expect(findIdNumberProblem('1101051949123100AX')).toBe('format')
  })

  test('display masks all but the first three and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X')
  })
})

describe('统一社会信用代码 (GB 32100)', () => {
  test('a real enterprise code is valid', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true)
  })

  test('one changed character breaks the check character', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false)
  })

  test('letters outside the code alphabet are refused', () => {
    expect(isValidUscc('91350100M000100Y4I')).toBe(false)
  })
})
