import type { TFunction } from 'i18next'

/** 窗口工作人员 / Window clerk …; an unknown code is shown as it is rather than hidden. */
export function roleLabel(t: TFunction, role: string): string {
  const key = `identity.role_${role}`
  return t(key, { defaultValue: role })
}

/** 自然人 / 法人 / 工作人员. */
export function kindLabel(t: TFunction, kind: string): string {
  return t(`identity.kind_${kind}`, { defaultValue: kind })
}
