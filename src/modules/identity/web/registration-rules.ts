// Browser-side checks for the registration form, so a typo is caught before anything is sent.
// The server validates again; these must agree with it and with the national standards.

export type IdNumberProblem = 'format' | 'birthDate' | 'checkDigit'

// GB 11643 check digit (ISO 7064 MOD 11-2): fixed by the standard, never change.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const ID_CHECK_CHARS = '10X98765432'

/** What is wrong with a 居民身份证号码 (GB 11643), or undefined when it is valid. */
export function findIdNumberProblem(idNumber: string): IdNumberProblem | undefined {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return 'format'
  const year = Number(idNumber.slice(6, 10))
  const month = Number(idNumber.slice(10, 12))
  const day = Number(idNumber.slice(12, 14))
  const birth = new Date(Date.UTC(year, month - 1, day))
  const isRealDate = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day
  if (!isRealDate || year < 1900 || birth.getTime() > Date.now()) return 'birthDate'
  const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(idNumber[index]), 0)
  return ID_CHECK_CHARS[sum % 11] === idNumber[17] ? undefined : 'checkDigit'
}

export type UsccProblem = 'format' | 'checkDigit'

// GB 32100 统一社会信用代码: 31 characters without I, O, Z, S, V; fixed by the standard, never change.
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const

/** What is wrong with a 统一社会信用代码 (GB 32100), or undefined when it is valid. */
export function findUsccProblem(uscc: string): UsccProblem | undefined {
  if (uscc.length !== 18 || [...uscc].some((char) => !USCC_CHARSET.includes(char))) return 'format'
  const sum = USCC_WEIGHTS.reduce((total, weight, index) => total + weight * USCC_CHARSET.indexOf(uscc[index] ?? ''), 0)
  const check = (31 - (sum % 31)) % 31
  return USCC_CHARSET[check] === uscc[17] ? undefined : 'checkDigit'
}

/** A mainland mobile number: 11 digits starting 13–19. */
export function isMobileNumber(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone)
}

export type PasswordProblem = 'tooShort' | 'needsMix'

/** The server's rule: at least 8 characters of at least three kinds (lower case, upper case, digit, other). */
export function findPasswordProblem(password: string): PasswordProblem | undefined {
  if (password.length < 8) return 'tooShort'
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length
  return kinds < 3 ? 'needsMix' : undefined
}

/** The server's rule: 3–32 characters, a letter first, then letters, digits, _ . or -. */
export function isValidLoginName(loginName: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/.test(loginName)
}
