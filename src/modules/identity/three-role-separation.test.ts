import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'
import { generateTotpCode } from './totp.js'

// Each story starts from a fresh demo county, since demotions and resets change who can log in.
let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp()
})
afterAll(() => tongban.close())

async function idOf(loginName: string): Promise<string> {
  const { rows } = await tongban.db.query<{ id: string }>('SELECT id FROM identity.accounts WHERE login_name = $1', [
    loginName,
  ])
  return (rows[0] as { id: string }).id
}

async function centreId(): Promise<string> {
  const { rows } = await tongban.db.query<{ id: string }>(
    `SELECT id FROM identity.departments WHERE name = '常熟市政务服务管理办公室'`,
  )
  return (rows[0] as { id: string }).id
}

const login = (payload: Record<string, unknown>) =>
  tongban.app.inject({ method: 'POST', url: '/api/auth/login', payload })

/** A client holding the session a login answered with. */
function sessionOf(response: Awaited<ReturnType<typeof login>>): Session {
  const cookie = `tongban_session=${response.cookies.find((c) => c.name === 'tongban_session')?.value}`
  const csrfToken = response.json().csrfToken as string
  return {
    cookie,
    csrfToken,
    request: (options) =>
      tongban.app.inject({ ...options, headers: { cookie, 'x-csrf-token': csrfToken, ...(options.headers ?? {}) } }),
  }
}

async function createStaff(loginName: string, displayName: string) {
  const sysadmin = await loginAs(tongban, 'sysadmin')
  const response = await sysadmin.request({
    method: 'POST',
    url: '/api/identity/staff',
    payload: { loginName, displayName, departmentId: await centreId() },
  })
  expect(response.statusCode).toBe(201)
  return response.json() as { id: string; oneTimePassword: string }
}

async function lastRecord(action: string) {
  const { rows } = await tongban.db.query<{
    actor_name: string | null
    roles: string[]
    target: string | null
    result: string
  }>(`SELECT actor_name, roles, target, result FROM audit.records WHERE action = $1 ORDER BY seq DESC LIMIT 1`, [
    action,
  ])
  return rows[0]
}

describe('only the security administrator grants roles', () => {
  test('the system administrator cannot create an account with a role, and the attempt is audited as denied', async () => {
    const sysadmin = await loginAs(tongban, 'sysadmin')

    const response = await sysadmin.request({
      method: 'POST',
      url: '/api/identity/staff',
      payload: {
        loginName: 'fakeauditor',
        displayName: '假审计',
        departmentId: await centreId(),
        roles: ['audit_admin'],
      },
    })

    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({
      code: 'IDENTITY_ROLES_BY_SECURITY_ADMIN',
      message: expect.stringContaining('安全管理员'),
    })
    expect(await lastRecord('identity.staff.create')).toMatchObject({
      actor_name: '周涛',
      roles: ['system_admin'],
      result: 'denied',
    })
    const { rows } = await tongban.db.query(`SELECT 1 FROM identity.accounts WHERE login_name = 'fakeauditor'`)
    expect(rows).toHaveLength(0)
  })

  test('the system administrator cannot grant roles at all', async () => {
    const sysadmin = await loginAs(tongban, 'sysadmin')

    const response = await sysadmin.request({
      method: 'PUT',
      url: `/api/identity/staff/${await idOf('liqiang')}/roles`,
      payload: { roles: ['audit_admin'] },
    })

    expect(response.statusCode).toBe(403)
    expect(response.json().code).toBe('FORBIDDEN')
  })

  test('the security administrator cannot change their own roles, and the refusal names the target', async () => {
    const secadmin = await loginAs(tongban, 'secadmin')
    const own = await idOf('secadmin')

    const response = await secadmin.request({
      method: 'PUT',
      url: `/api/identity/staff/${own}/roles`,
      payload: { roles: ['audit_admin'] },
    })

    expect(response.statusCode).toBe(403)
    expect(response.json().code).toBe('IDENTITY_OWN_ROLES')
    expect(await lastRecord('identity.roles.assign')).toMatchObject({
      actor_name: '吴磊',
      roles: ['security_admin'],
      target: `account:${own}`,
      result: 'denied',
    })
  })

  test('a new account gets a one-time password that must be changed before anything else', async () => {
    const created = await createStaff('taoran', '陶然')

    const first = await login({ loginName: 'taoran', password: created.oneTimePassword })
    const owner = sessionOf(first)
    const before = await owner.request({ method: 'GET', url: '/api/workflow/tasks' })
    const change = await owner.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: created.oneTimePassword, newPassword: 'Qinchuan#Lake27' },
    })
    const me = await owner.request({ method: 'GET', url: '/api/auth/me' })

    expect(created.oneTimePassword).toHaveLength(12)
    expect(first.json().restriction).toBe('password_change')
    expect(before.statusCode).toBe(403)
    expect(change.statusCode).toBe(204)
    expect(me.json().restriction).toBeNull()
  })
})

describe('nobody can make an administrator they will then log in as', () => {
  test('the creator knows only the password and the grantor only the grant code; the holder needs both', async () => {
    const created = await createStaff('kongliang', '孔亮')
    const secadmin = await loginAs(tongban, 'secadmin')
    const grant = await secadmin.request({
      method: 'PUT',
      url: `/api/identity/staff/${created.id}/roles`,
      payload: { roles: ['audit_admin'] },
    })
    const grantCode = grant.json().grantCode as string

    // The system administrator tries the one-time password it was shown.
    const creatorAttempt = await login({ loginName: 'kongliang', password: created.oneTimePassword })
    // The security administrator tries the grant code with a guessed password.
    const grantorAttempt = await login({ loginName: 'kongliang', password: 'Guess#2026abc', grantCode })
    // The holder has both.
    const holder = await login({ loginName: 'kongliang', password: created.oneTimePassword, grantCode })

    expect(grant.statusCode).toBe(200)
    expect(grantCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(creatorAttempt.statusCode).toBe(401)
    expect(creatorAttempt.json().code).toBe('AUTH_GRANT_CODE_REQUIRED')
    expect(grantorAttempt.json().code).toBe('AUTH_INVALID_CREDENTIALS')
    expect(holder.statusCode).toBe(200)
    expect(holder.json().restriction).toBe('totp_enrollment')

    // The holder enrols a second factor, then replaces the one-time password, and only then reads audit records.
    const session = sessionOf(holder)
    const enrollment = await session.request({ method: 'POST', url: '/api/auth/totp/enrollment' })
    await session.request({
      method: 'POST',
      url: '/api/auth/totp/activation',
      payload: { code: generateTotpCode(enrollment.json().secret) },
    })
    const stillRestricted = await session.request({ method: 'GET', url: '/api/auth/me' })
    const early = await session.request({ method: 'GET', url: '/api/audit/records' })
    const change = await session.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: created.oneTimePassword, newPassword: 'Shenji#Yushan29' },
    })
    const records = await session.request({ method: 'GET', url: '/api/audit/records' })

    expect(stillRestricted.json().restriction).toBe('password_change')
    expect(early.statusCode).toBe(403)
    expect(change.statusCode).toBe(204)
    expect(records.statusCode).toBe(200)
  })

  test('a grant code is spent once the second factor is enrolled', async () => {
    const created = await createStaff('yanqing', '燕青')
    const secadmin = await loginAs(tongban, 'secadmin')
    const grantCode = (
      await secadmin.request({
        method: 'PUT',
        url: `/api/identity/staff/${created.id}/roles`,
        payload: { roles: ['security_admin'] },
      })
    ).json().grantCode
    const session = sessionOf(await login({ loginName: 'yanqing', password: created.oneTimePassword, grantCode }))
    const enrollment = await session.request({ method: 'POST', url: '/api/auth/totp/enrollment' })
    await session.request({
      method: 'POST',
      url: '/api/auth/totp/activation',
      payload: { code: generateTotpCode(enrollment.json().secret) },
    })

    const again = await login({ loginName: 'yanqing', password: created.oneTimePassword, grantCode })

    expect(again.json().code).toBe('AUTH_TOTP_REQUIRED')
  })

  test('the system administrator resets an administrator’s password but still cannot log in as them', async () => {
    const sysadmin = await loginAs(tongban, 'sysadmin')
    const target = await idOf('auditadmin')

    const reset = await sysadmin.request({ method: 'POST', url: `/api/identity/staff/${target}/password-reset` })
    const oneTimePassword = reset.json().oneTimePassword as string
    const attempt = await login({ loginName: 'auditadmin', password: oneTimePassword })

    expect(reset.statusCode).toBe(200)
    expect(attempt.statusCode).toBe(401)
    expect(attempt.json().code).toBe('AUTH_TOTP_REQUIRED')
    expect(await lastRecord('identity.password.reset')).toMatchObject({
      actor_name: '周涛',
      roles: ['system_admin'],
      target: `account:${target}`,
      result: 'success',
    })
  })

  test('a reset password works once and must be changed at the next login', async () => {
    const sysadmin = await loginAs(tongban, 'sysadmin')
    const reset = await sysadmin.request({
      method: 'POST',
      url: `/api/identity/staff/${await idOf('qianlei')}/password-reset`,
    })

    const oldPassword = await login({ loginName: 'qianlei', password: 'Tongban@2026' })
    const withReset = await login({ loginName: 'qianlei', password: reset.json().oneTimePassword })

    expect(oldPassword.json().code).toBe('AUTH_INVALID_CREDENTIALS')
    expect(withReset.json().restriction).toBe('password_change')
  })

  test('the security administrator cannot reset passwords, and the system administrator cannot unlock', async () => {
    const secadmin = await loginAs(tongban, 'secadmin')
    const sysadmin = await loginAs(tongban, 'sysadmin')
    const target = await idOf('zhaogang')

    const reset = await secadmin.request({ method: 'POST', url: `/api/identity/staff/${target}/password-reset` })
    const unlock = await sysadmin.request({ method: 'POST', url: `/api/identity/staff/${target}/unlock` })

    expect(reset.statusCode).toBe(403)
    expect(unlock.statusCode).toBe(403)
  })

  test('the security administrator unlocks an account locked by failed logins', async () => {
    for (let i = 0; i < 5; i += 1) await login({ loginName: 'liuyang', password: 'Wrong#2026x' })
    const locked = await login({ loginName: 'liuyang', password: 'Tongban@2026' })
    const secadmin = await loginAs(tongban, 'secadmin')

    const unlock = await secadmin.request({
      method: 'POST',
      url: `/api/identity/staff/${await idOf('liuyang')}/unlock`,
    })
    const after = await login({ loginName: 'liuyang', password: 'Tongban@2026' })

    expect(locked.statusCode).toBe(423)
    expect(unlock.statusCode).toBe(200)
    expect(unlock.json().status).toBe('active')
    expect(after.statusCode).toBe(200)
    const { rows } = await tongban.db.query(
      `SELECT 1 FROM audit.security_alerts WHERE kind = 'account_locked' AND target = $1`,
      [`account:${await idOf('liuyang')}`],
    )
    expect(rows).toHaveLength(1)
  })
})

describe('the last holder of each administrator role stays', () => {
  // A county of its own: the stories above added administrators, and here each role must have one holder.
  beforeAll(async () => {
    await tongban.close()
    tongban = await startTestApp()
  })

  test('the only audit administrator cannot be demoted', async () => {
    const secadmin = await loginAs(tongban, 'secadmin')
    const auditor = await idOf('auditadmin')

    const response = await secadmin.request({
      method: 'PUT',
      url: `/api/identity/staff/${auditor}/roles`,
      payload: { roles: [] },
    })

    expect(response.statusCode).toBe(409)
    expect(response.json()).toMatchObject({
      code: 'IDENTITY_LAST_ADMINISTRATOR',
      message: expect.stringContaining('最后一个在用的审计管理员'),
    })
    expect(await lastRecord('identity.roles.assign')).toMatchObject({ target: `account:${auditor}`, result: 'denied' })
  })

  test('the only system administrator and the only security administrator cannot be disabled', async () => {
    const sysadmin = await loginAs(tongban, 'sysadmin')
    const secadmin = await loginAs(tongban, 'secadmin')

    const disableSecurity = await sysadmin.request({
      method: 'PUT',
      url: `/api/identity/staff/${await idOf('secadmin')}/status`,
      payload: { status: 'disabled' },
    })
    const demoteSystem = await secadmin.request({
      method: 'PUT',
      url: `/api/identity/staff/${await idOf('sysadmin')}/roles`,
      payload: { roles: ['window_clerk'] },
    })

    expect(disableSecurity.statusCode).toBe(409)
    expect(disableSecurity.json().message).toContain('安全管理员')
    expect(demoteSystem.statusCode).toBe(409)
    expect(demoteSystem.json().message).toContain('系统管理员')
  })

  test('of two audit administrators demoted at the same moment, one stays', async () => {
    const second = await createStaff('leiheng', '雷横')
    const secadmin = await loginAs(tongban, 'secadmin')
    await secadmin.request({
      method: 'PUT',
      url: `/api/identity/staff/${second.id}/roles`,
      payload: { roles: ['audit_admin'] },
    })
    const first = await idOf('auditadmin')

    const answers = await Promise.all(
      [first, second.id].map((id) =>
        secadmin.request({ method: 'PUT', url: `/api/identity/staff/${id}/roles`, payload: { roles: [] } }),
      ),
    )

    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409])
    const { rows } = await tongban.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM identity.account_roles r JOIN identity.accounts a ON a.id = r.account_id
        WHERE r.role = 'audit_admin' AND a.status = 'active'`,
    )
    expect(rows[0]?.n).toBe(1)
  })
})
