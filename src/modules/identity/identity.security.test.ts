import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_STAFF } from '../../demo/demo-organization.js'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'
import { generateTotpCode } from './totp.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp()
})
afterAll(() => tongban.close())

const secretOf = (loginName: string) => DEMO_STAFF.find((staff) => staff.loginName === loginName)?.totpSecret as string
const login = (payload: Record<string, unknown>) =>
  tongban.app.inject({ method: 'POST', url: '/api/auth/login', payload: { password: 'Tongban@2026', ...payload } })

async function departmentId(name: string): Promise<string> {
  const { rows } = await tongban.db.query<{ id: string }>('SELECT id FROM identity.departments WHERE name = $1', [name])
  return (rows[0] as { id: string }).id
}

async function staffId(loginName: string): Promise<string> {
  const { rows } = await tongban.db.query<{ id: string }>('SELECT id FROM identity.accounts WHERE login_name = $1', [
    loginName,
  ])
  return (rows[0] as { id: string }).id
}

describe('the second factor of the three administrators', () => {
  test('the password alone is not enough: the TOTP code is asked for', async () => {
    const response = await login({ loginName: 'secadmin' })

    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({
      code: 'AUTH_TOTP_REQUIRED',
      message: expect.stringContaining('动态验证码'),
    })
  })

  test('a wrong code is refused and counted like a wrong password', async () => {
    const response = await login({ loginName: 'secadmin', totpCode: '000000' })

    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('AUTH_TOTP_INVALID')
    const { rows } = await tongban.db.query<{ n: number }>(
      `SELECT failed_login_count AS n FROM identity.accounts WHERE login_name = 'secadmin'`,
    )
    expect(rows[0]?.n).toBe(1)
  })

  test('a code that was already used cannot be used again', async () => {
    const code = generateTotpCode(secretOf('auditadmin'))
    const first = await login({ loginName: 'auditadmin', totpCode: code })
    const replay = await login({ loginName: 'auditadmin', totpCode: code })

    expect(first.statusCode).toBe(200)
    expect(replay.statusCode).toBe(401)
    expect(replay.json().code).toBe('AUTH_TOTP_INVALID')
  })

  test('a new administrator enrols with the grant code and may do nothing else until then', async () => {
    const admin = await loginAs(tongban, 'sysadmin')
    const created = await admin.request({
      method: 'POST',
      url: '/api/identity/staff',
      payload: {
        loginName: 'auditadmin2',
        displayName: '孔亮',
        departmentId: await departmentId('常熟市政务服务管理办公室'),
      },
    })
    const security = await loginAs(tongban, 'secadmin')
    const granted = await security.request({
      method: 'PUT',
      url: `/api/identity/staff/${created.json().id}/roles`,
      payload: { roles: ['audit_admin'] },
    })
    const password = created.json().oneTimePassword as string

    const first = await login({ loginName: 'auditadmin2', password, grantCode: granted.json().grantCode })
    expect(first.json().restriction).toBe('totp_enrollment')
    const cookie = `tongban_session=${first.cookies.find((c) => c.name === 'tongban_session')?.value}`
    const headers = { cookie, 'x-csrf-token': first.json().csrfToken }
    const before = await tongban.app.inject({ method: 'GET', url: '/api/audit/records', headers })
    const enrollment = await tongban.app.inject({ method: 'POST', url: '/api/auth/totp/enrollment', headers })
    const activation = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/totp/activation',
      headers,
      payload: { code: generateTotpCode(enrollment.json().secret) },
    })
    await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: password, newPassword: 'Shenji#Yushan29' },
    })
    const after = await tongban.app.inject({ method: 'GET', url: '/api/audit/records', headers })

    expect(before.statusCode).toBe(403)
    expect(enrollment.json().uri).toMatch(/^otpauth:\/\/totp\//)
    expect(activation.statusCode).toBe(204)
    expect(after.statusCode).toBe(200)
  })
})

describe('password and session policy', () => {
  test('an expired password must be changed before anything else, and an old one cannot come back', async () => {
    await tongban.db.query(
      `UPDATE identity.accounts SET password_changed_at = now() - interval '100 days' WHERE login_name = 'qianlei'`,
    )
    const expired = await login({ loginName: 'qianlei' })
    expect(expired.json().restriction).toBe('password_change')
    const cookie = `tongban_session=${expired.cookies.find((c) => c.name === 'tongban_session')?.value}`
    const headers = { cookie, 'x-csrf-token': expired.json().csrfToken }

    const reuse = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: 'Tongban@2026', newPassword: 'Tongban@2026' },
    })
    const change = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: 'Tongban@2026', newPassword: 'Guihua#2027' },
    })
    const me = await tongban.app.inject({ method: 'GET', url: '/api/auth/me', headers })

    expect(reuse.json().code).toBe('IDENTITY_PASSWORD_REUSED')
    expect(change.statusCode).toBe(204)
    expect(me.json().restriction).toBeNull()
  })

  test('a second login of a staff member ends the first session (one active session)', async () => {
    const first = await loginAs(tongban, 'zhaogang')
    await loginAs(tongban, 'zhaogang')

    const stale = await first.request({ method: 'GET', url: '/api/auth/me' })

    expect(stale.statusCode).toBe(401)
  })

  test('the security administrator tightens the policy and the next password must meet it', async () => {
    const security = await loginAs(tongban, 'secadmin')
    const policy = (await security.request({ method: 'GET', url: '/api/security/policy' })).json()
    const updated = await security.request({
      method: 'PUT',
      url: '/api/security/policy',
      payload: { ...policy, passwordMinLength: 12 },
    })
    const reviewer = await loginAs(tongban, 'liqiang')
    const weak = await reviewer.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'Tongban@2026', newPassword: 'Minzheng#26' },
    })

    expect(updated.json().passwordMinLength).toBe(12)
    expect(weak.json()).toMatchObject({ code: 'IDENTITY_PASSWORD_WEAK', message: '密码至少 12 位' })
    await security.request({ method: 'PUT', url: '/api/security/policy', payload: policy })
  })
})

describe('three-role separation: each administrator is denied the others’ actions', () => {
  const actions = [
    { owner: 'sysadmin', name: 'create a staff account', method: 'POST', url: '/api/identity/staff' },
    { owner: 'sysadmin', name: 'disable a staff account', method: 'PUT', url: '/api/identity/staff/:id/status' },
    { owner: 'sysadmin', name: 'create a department', method: 'POST', url: '/api/identity/departments' },
    { owner: 'secadmin', name: 'assign roles', method: 'PUT', url: '/api/identity/staff/:id/roles' },
    { owner: 'secadmin', name: 'read the security policy', method: 'GET', url: '/api/security/policy' },
    { owner: 'secadmin', name: 'change the security policy', method: 'PUT', url: '/api/security/policy' },
    { owner: 'auditadmin', name: 'read audit records', method: 'GET', url: '/api/audit/records' },
    { owner: 'auditadmin', name: 'verify the audit chain', method: 'POST', url: '/api/audit/verifications' },
  ] as const
  const administrators = ['sysadmin', 'secadmin', 'auditadmin'] as const
  const cases = administrators.flatMap((who) =>
    actions.filter((action) => action.owner !== who).map((action) => ({ who, ...action })),
  )

  test.each(cases)('$who may not $name', async ({ who, method, url }) => {
    const session = await loginAs(tongban, who)
    const target = await staffId('liqiang')

    const response = await session.request({ method, url: url.replace(':id', target), payload: {} })

    expect(response.statusCode).toBe(403)
    expect(response.json().code).toBe('FORBIDDEN')
  })

  test.each(['zhangmin', 'wangfang', 'chenjing'])('the business role %s may do none of them', async (who) => {
    const session = await loginAs(tongban, who)
    const target = await staffId('liqiang')

    for (const action of actions) {
      const response = await session.request({
        method: action.method,
        url: action.url.replace(':id', target),
        payload: {},
      })
      expect(response.statusCode, `${who} ${action.name}`).toBe(403)
    }
  })

  test('the security administrator cannot give anyone an administrator role beside another role', async () => {
    const security = await loginAs(tongban, 'secadmin')
    const response = await security.request({
      method: 'PUT',
      url: `/api/identity/staff/${await staffId('liqiang')}/roles`,
      payload: { roles: ['department_reviewer', 'system_admin'] },
    })

    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('IDENTITY_ROLE_SEPARATION')
  })

  test('the security administrator assigns a business role, audited with before and after', async () => {
    const security = await loginAs(tongban, 'secadmin')
    const response = await security.request({
      method: 'PUT',
      url: `/api/identity/staff/${await staffId('xuhui')}/roles`,
      payload: { roles: ['window_clerk', 'department_reviewer'] },
    })

    expect(response.json().roles).toEqual(['department_reviewer', 'window_clerk'])
    const { rows } = await tongban.db.query<{ details: { before: string[]; after: string[] } }>(
      `SELECT details FROM audit.records WHERE action = 'identity.roles.assign' ORDER BY seq DESC LIMIT 1`,
    )
    expect(rows[0]?.details).toEqual({
      before: ['window_clerk'],
      after: ['window_clerk', 'department_reviewer'],
      grantCodeIssued: false,
    })
  })

  test('a disabled account cannot log in', async () => {
    const admin = await loginAs(tongban, 'sysadmin')
    await admin.request({
      method: 'PUT',
      url: `/api/identity/staff/${await staffId('xuhui')}/status`,
      payload: { status: 'disabled' },
    })

    const response = await login({ loginName: 'xuhui' })

    expect(response.statusCode).toBe(403)
    expect(response.json().code).toBe('AUTH_ACCOUNT_DISABLED')
  })
})
