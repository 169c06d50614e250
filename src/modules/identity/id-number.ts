const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARACTERS = '10X98765432'

/** GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits of a 居民身份证号码. */
export function buildIdNumberCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] as number)
  return CHECK_CHARACTERS[sum % 11] as string
}

export type IdNumberProblem = 'format' | 'birthDate' | 'checkDigit'

/** Why an 18-character 居民身份证号码 is wrong, or undefined when it is valid. Input is upper-cased first. */
export function findIdNumberProblem(raw: string): IdNumberProblem | undefined {
  const idNumber = raw.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(idNumber)) return 'format'
  const year = Number(idNumber.slice(6, 10))
  const month = Number(idNumber.slice(10, 12))
  const day = Number(idNumber.slice(12, 14))
  const birth = new Date(Date.UTC(year, month - 1, day))
  const isRealDate = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day
  if (!isRealDate || year < 1900 || birth.getTime() > Date.now()) return 'birthDate'
  // Reject before touching the database: a wrong check digit is almost always a typing error.
  if (buildIdNumberCheckCharacter(idNumber) !== idNumber[17]) return 'checkDigit'
  return undefined
}

/** The form kept for lookups: trimmed, with a lower-case x made upper-case. */
export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase()
}

/** Masked for display, e.g. 110***********123X. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length < 8
    ? '*'.repeat(idNumber.length)
    : `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`
}
