import type { ApplicationFormFormat } from '../../catalog/index.js'

/**
 * The national check-character rules, passed in so that the server uses identity's module and the browser
 * identity's web checks (one implementation per side, both tested against the standards).
 */
export type IdentityChecks = {
  /** Why a 居民身份证号码 is wrong ('format' | 'birthDate' | 'checkDigit'), or undefined when valid (GB 11643). */
  findIdNumberProblem: (idNumber: string) => string | undefined
  /** Whether a 统一社会信用代码 is valid (GB 32100). */
  isValidUscc: (uscc: string) => boolean
}

/** YYYY-MM-DD that is a real calendar day. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** Today's date in China (UTC+8, no daylight saving) as YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

const ID_NUMBER_PROBLEMS: Record<string, string> = {
  format: '应为 18 位居民身份证号码（最后一位可为 X）',
  birthDate: '中的出生日期不存在',
  checkDigit: '校验位不正确，请核对是否输错',
}

/**
 * The Chinese complaint about `value` for a field of this format, or undefined when it fits. Every format the
 * catalog allows (APPLICATION_FORM_FORMATS) has a case here; the kit's test checks that.
 */
export function findFormatProblem(
  format: ApplicationFormFormat | string,
  value: string,
  checks: IdentityChecks,
): string | undefined {
  switch (format) {
    case 'date':
      return isCalendarDate(value) ? undefined : '应为有效日期（如 2026-01-31）'
    case 'id-number': {
      const problem = checks.findIdNumberProblem(value.trim().toUpperCase())
      return problem ? (ID_NUMBER_PROBLEMS[problem] ?? '不是有效的居民身份证号码') : undefined
    }
    case 'uscc':
      return checks.isValidUscc(value) ? undefined : '不是有效的统一社会信用代码（18 位，校验位须正确）'
    case 'mobile-phone':
      return /^1[3-9]\d{9}$/.test(value) ? undefined : '应为 11 位手机号码'
    case 'phone':
      return /^1[3-9]\d{9}$/.test(value) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(value)
        ? undefined
        : '应为手机号码或带区号的固定电话（如 0512-52001234）'
    case 'division-code':
      return /^[1-8]\d{5}$/.test(value) ? undefined : '应为 6 位行政区划代码'
    case 'postal-code':
      return /^\d{6}$/.test(value) ? undefined : '应为 6 位邮政编码'
    default:
      return undefined
  }
}

/** Format names this kit implements (compared with the catalog's list in the test). */
export const KIT_FORMATS: readonly ApplicationFormFormat[] = [
  'date',
  'id-number',
  'uscc',
  'mobile-phone',
  'phone',
  'division-code',
  'postal-code',
]
