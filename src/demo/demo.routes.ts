import { Type } from 'typebox'
import { generateTotpCode, ROLE_LABELS } from '../modules/identity/index.js'
import type { HttpServer } from '../platform/http/index.js'
import { DEMO_DEPARTMENTS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_STAFF } from './demo-organization.js'

const DemoAccount = Type.Object({
  loginName: Type.String(),
  password: Type.String(),
  displayName: Type.String(),
  kind: Type.Union([Type.Literal('staff'), Type.Literal('person'), Type.Literal('organization')]),
  role: Type.Union([Type.String(), Type.Null()]),
  roleLabel: Type.String(),
  department: Type.Union([Type.String(), Type.Null()]),
  totpSecret: Type.Union([Type.String(), Type.Null()], { description: '演示用动态验证码密钥（仅三员）' }),
  totpCode: Type.Union([Type.String(), Type.Null()], { description: '当前动态验证码，30 秒内有效' }),
})

/** The demo accounts with their passwords, for one-click login. Registered only in demo mode. */
export function listDemoAccounts() {
  const departmentName = (key: string) => {
    const department = DEMO_DEPARTMENTS.find((entry) => entry.key === key)
    const parent = department?.parent ? DEMO_DEPARTMENTS.find((entry) => entry.key === department.parent) : undefined
    return parent ? `${parent.name}${department?.name}` : (department?.name ?? null)
  }
  return [
    ...DEMO_STAFF.map((staff) => ({
      loginName: staff.loginName,
      password: DEMO_PASSWORD,
      displayName: staff.displayName,
      kind: 'staff' as const,
      role: staff.roles[0] ?? null,
      roleLabel: staff.roles.map((role) => ROLE_LABELS[role]).join('、'),
      department: departmentName(staff.department),
      totpSecret: staff.totpSecret ?? null,
      totpCode: staff.totpSecret ? generateTotpCode(staff.totpSecret) : null,
    })),
    ...DEMO_PEOPLE.map((person) => ({
      loginName: person.loginName,
      password: DEMO_PASSWORD,
      displayName: person.name,
      kind: 'person' as const,
      role: null,
      roleLabel: '自然人',
      department: null,
      totpSecret: null,
      totpCode: null,
    })),
    ...DEMO_ORGANIZATIONS.map((organization) => ({
      loginName: organization.loginName,
      password: DEMO_PASSWORD,
      displayName: organization.name,
      kind: 'organization' as const,
      role: null,
      roleLabel: '法人',
      department: null,
      totpSecret: null,
      totpCode: null,
    })),
  ]
}

export function demoRoutes(app: HttpServer): void {
  app.get(
    '/api/demo/accounts',
    {
      schema: { tags: ['demo'], summary: '演示账号（仅演示模式）', response: { 200: Type.Array(DemoAccount) } },
      config: { access: 'public' },
    },
    async () => listDemoAccounts(),
  )
}
