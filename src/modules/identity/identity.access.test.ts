import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp()
})
afterAll(() => tongban.close())

async function departmentId(name: string): Promise<string> {
  const { rows } = await tongban.db.query<{ id: string }>('SELECT id FROM identity.departments WHERE name = $1', [name])
  return (rows[0] as { id: string }).id
}

const newStaff = (departmentIdValue: string, overrides: Record<string, unknown> = {}) => ({
  loginName: 'shenyue',
  displayName: '沈悦',
  departmentId: departmentIdValue,
  ...overrides,
})

describe('who may see and manage staff', () => {
  test('a market-supervision leader sees only staff of their own bureau and its sections', async () => {
    const leader = await loginAs(tongban, 'wangfang')
    const response = await leader.request({ method: 'GET', url: '/api/identity/staff' })

    expect(response.statusCode).toBe(200)
    const names = response.json().map((s: { displayName: string }) => s.displayName)
    expect(names.sort()).toEqual(['李强', '王芳'])
  })

  test('asking for another bureau by id still returns nothing outside the leader’s scope', async () => {
    const leader = await loginAs(tongban, 'wangfang')
    const health = await departmentId('常熟市卫生健康委员会')
    const response = await leader.request({ method: 'GET', url: `/api/identity/staff?departmentId=${health}` })

    expect(response.json()).toEqual([])
  })

  test('a window clerk may not list staff at all', async () => {
    const clerk = await loginAs(tongban, 'zhangmin')
    const response = await clerk.request({ method: 'GET', url: '/api/identity/staff' })

    expect(response.statusCode).toBe(403)
    expect(response.json().code).toBe('FORBIDDEN')
  })

  test('the audit administrator cannot create accounts, and the denial is audited', async () => {
    const auditor = await loginAs(tongban, 'auditadmin')
    const response = await auditor.request({
      method: 'POST',
      url: '/api/identity/staff',
      payload: newStaff(await departmentId('常熟市卫生健康委员会')),
    })

    expect(response.statusCode).toBe(403)
    const { rows } = await tongban.db.query<{ result: string }>(
      `SELECT result FROM audit.records WHERE actor_name = '郑丽' AND action = 'POST /api/identity/staff'`,
    )
    expect(rows).toEqual([{ result: 'denied' }])
  })

  test('the system administrator creates a reviewer, audited in the same step', async () => {
    const admin = await loginAs(tongban, 'sysadmin')
    const response = await admin.request({
      method: 'POST',
      url: '/api/identity/staff',
      payload: newStaff(await departmentId('常熟市卫生健康委员会')),
    })

    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({ displayName: '沈悦', department: { name: '常熟市卫生健康委员会' } })
    const { rows } = await tongban.db.query(`SELECT 1 FROM audit.records WHERE action = 'identity.staff.create'`)
    expect(rows).toHaveLength(1)
  })

  test('the system administrator cannot give a new account roles: the security administrator grants them', async () => {
    const admin = await loginAs(tongban, 'sysadmin')
    const response = await admin.request({
      method: 'POST',
      url: '/api/identity/staff',
      payload: newStaff(await departmentId('常熟市政务服务管理办公室'), {
        loginName: 'dualrole',
        roles: ['audit_admin', 'window_clerk'],
      }),
    })

    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({
      code: 'IDENTITY_ROLES_BY_SECURITY_ADMIN',
      message: expect.stringContaining('三员分离'),
    })
  })

  test('a state change without the CSRF token is refused even with a valid session', async () => {
    const admin = await loginAs(tongban, 'sysadmin')
    const response = await tongban.app.inject({
      method: 'POST',
      url: '/api/identity/staff',
      headers: { cookie: admin.cookie },
      payload: newStaff(await departmentId('常熟市民政局'), { loginName: 'nocsrf' }),
    })

    expect(response.statusCode).toBe(403)
    expect(response.json().code).toBe('CSRF_TOKEN_INVALID')
  })

  test('a retried creation with the same Idempotency-Key creates one account and answers the same', async () => {
    const admin = await loginAs(tongban, 'sysadmin')
    const request = {
      method: 'POST' as const,
      url: '/api/identity/staff',
      headers: { 'idempotency-key': 'create-gujun-0001' },
      payload: newStaff(await departmentId('常熟市民政局'), { loginName: 'gujun', displayName: '顾军' }),
    }
    const first = await admin.request(request)
    const retry = await admin.request(request)

    expect(first.statusCode).toBe(201)
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json()).toEqual(first.json())
    const { rows } = await tongban.db.query(`SELECT 1 FROM identity.accounts WHERE login_name = 'gujun'`)
    expect(rows).toHaveLength(1)
  })
})

describe('sessions', () => {
  test('a session idle past the timeout is refused', async () => {
    const clerk = await loginAs(tongban, 'zhangmin')
    await tongban.db.query(`UPDATE identity.sessions SET last_seen_at = now() - interval '31 minutes'`)

    const response = await clerk.request({ method: 'GET', url: '/api/auth/me' })

    expect(response.statusCode).toBe(401)
  })

  test('the sessions table holds no usable cookie value', async () => {
    const clerk = await loginAs(tongban, 'zhangmin')
    const token = clerk.cookie.split('=')[1] as string

    const { rows } = await tongban.db.query<{ token_hash: string }>('SELECT token_hash FROM identity.sessions')

    expect(rows.map((r) => r.token_hash)).not.toContain(token)
  })
})
