import { type Static, Type } from 'typebox'
import { isCommonPassword } from './common-passwords.js'

/** The password and session rules the security administrator sets (等保三级 身份鉴别). */
export const SecurityPolicy = Type.Object(
  {
    passwordMinLength: Type.Integer({ minimum: 8, maximum: 64, description: '密码最小长度' }),
    passwordMinClasses: Type.Integer({ minimum: 3, maximum: 4, description: '密码至少包含的字符类别数' }),
    passwordExpiryDays: Type.Integer({ minimum: 0, maximum: 365, description: '密码有效期（天），0 为不过期' }),
    passwordHistoryCount: Type.Integer({ minimum: 0, maximum: 24, description: '不得与最近几次密码相同' }),
    loginMaxFailures: Type.Integer({ minimum: 3, maximum: 10, description: '连续失败几次锁定' }),
    lockoutMinutes: Type.Integer({ minimum: 5, maximum: 1440, description: '锁定时长（分钟）' }),
    sessionIdleMinutes: Type.Integer({ minimum: 5, maximum: 120, description: '会话空闲超时（分钟）' }),
    singleSessionForStaff: Type.Boolean({ description: '工作人员同一时间只允许一个会话' }),
    totpRequiredForStaff: Type.Boolean({ description: '所有工作人员须使用动态验证码（三员始终须使用）' }),
  },
  { additionalProperties: false },
)
export type SecurityPolicy = Static<typeof SecurityPolicy>

/** Defaults; the environment's lockout and idle settings seed them on a new installation. */
export function buildDefaultPolicy(settings: {
  loginMaxFailures: number
  lockoutMinutes: number
  sessionIdleMinutes: number
}): SecurityPolicy {
  return {
    passwordMinLength: 8,
    passwordMinClasses: 3,
    passwordExpiryDays: 90,
    passwordHistoryCount: 5,
    loginMaxFailures: Math.min(10, Math.max(3, settings.loginMaxFailures)),
    lockoutMinutes: Math.min(1440, Math.max(5, settings.lockoutMinutes)),
    sessionIdleMinutes: Math.min(120, Math.max(5, settings.sessionIdleMinutes)),
    singleSessionForStaff: true,
    totpRequiredForStaff: false,
  }
}

/** What a password must not contain: its owner's login name, phone number and ID number. */
export type PasswordOwner = { loginName?: string | null; phone?: string | null; idNumber?: string | null }

// Spaces, dashes, dots and underscores are how people write 138-1234-5678 or 3205 8119 …; drop them before comparing.
const stripSeparators = (text: string) => text.replace(/[\s\-._/]/g, '').toLowerCase()

/** The forms of an ID number people put in passwords: all 18, the old 15-digit form, the birth date, the last six. */
function idNumberForms(idNumber: string): string[] {
  const id = idNumber.toLowerCase()
  return [id, `${id.slice(0, 6)}${id.slice(8, 17)}`, id.slice(6, 14), id.slice(-6)]
}

/** Why a new password breaks the policy (Chinese), or undefined. */
export function findPasswordWeakness(
  password: string,
  policy: Pick<SecurityPolicy, 'passwordMinLength' | 'passwordMinClasses'>,
  owner: PasswordOwner = {},
): string | undefined {
  if (password.length < policy.passwordMinLength) return `密码至少 ${policy.passwordMinLength} 位`
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length
  if (classes < policy.passwordMinClasses) {
    return `密码须包含大写字母、小写字母、数字、特殊字符中的至少${policy.passwordMinClasses === 4 ? '四' : '三'}类`
  }
  if (isCommonPassword(password)) return '该密码过于常见，容易被猜中，请换一个'
  const plain = stripSeparators(password)
  if (owner.loginName && owner.loginName.length >= 3 && plain.includes(stripSeparators(owner.loginName))) {
    return '密码不能包含登录名'
  }
  if (owner.phone && plain.includes(owner.phone.slice(-8))) return '密码不能包含手机号码'
  if (owner.idNumber && idNumberForms(owner.idNumber).some((form) => plain.includes(form))) {
    return '密码不能包含身份证号码或其中的出生日期、后六位'
  }
  return undefined
}

/** True when a password set at `changedAt` has expired under the policy. */
export function isPasswordExpired(
  changedAt: Date,
  policy: Pick<SecurityPolicy, 'passwordExpiryDays'>,
  now: Date,
): boolean {
  if (policy.passwordExpiryDays === 0) return false
  return now.getTime() - changedAt.getTime() > policy.passwordExpiryDays * 24 * 60 * 60 * 1000
}
