import { describe, expect, test } from 'vitest'
import { findIdNumberProblem, findPasswordProblem, findUsccProblem, isMobileNumber } from './registration-rules.js'

describe('居民身份证号码 (GB 11643)', () => {
  test('a number with the right check digit is accepted, including the X check character', () => {
    expect(findIdNumberProblem('11010519491231002X')).toBeUndefined()
    expect(findIdNumberProblem('320581199001010018')).toBeUndefined()
  })

  test('a number whose last character does not match the check digit is refused as such', () => {
    expect(findIdNumberProblem('110105194912310021')).toBe('checkDigit')
  })

  test('a lower-case x, a short number and an impossible birth date are told apart', () => {
    expect(findIdNumberProblem('11010519491231002x')).toBe('format')
    expect(findIdNumberProblem('1101051949123100')).toBe('format')
    expect(findIdNumberProblem('110105194902301234')).toBe('birthDate')
  })
})

describe('统一社会信用代码 (GB 32100)', () => {
  test('a code with the right check character is accepted', () => {
    expect(findUsccProblem('91350100M000100Y43')).toBeUndefined()
  })

  test('a wrong check character and a forbidden letter are told apart', () => {
    expect(findUsccProblem('91350100M000100Y44')).toBe('checkDigit')
    expect(findUsccProblem('91350100M000100I43')).toBe('format')
  })
})

test('a password needs eight characters of three kinds, as the server asks', () => {
  expect(findPasswordProblem('Ab1!')).toBe('tooShort')
  expect(findPasswordProblem('changshu2025')).toBe('needsMix')
  expect(findPasswordProblem('Changshu2025')).toBeUndefined()
  expect(findPasswordProblem('changshu-2025')).toBeUndefined()
})

test('a mobile number has 11 digits starting with 1', () => {
  expect(isMobileNumber('13912345678')).toBe(true)
  expect(isMobileNumber('12912345678')).toBe(false)
})
