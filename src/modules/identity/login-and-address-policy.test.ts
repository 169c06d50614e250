import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PEOPLE, DEMO_STAFF } from '../../demo/demo-organization.js'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'
import { buildIdNumberCheckCharacter } from './id-number.js'
import { LOOKUP_LIMIT } from './identity.service.js'
import { generateTotpCode } from './totp.js'

const secretOf = (loginName: string) => DEMO_STAFF.find((staff) => staff.loginName === loginName)?.totpSecret as string

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp()
})
afterAll(() => tongban.close())

const login = (payload: Record<string, unknown>, remoteAddress = '127.0.0.1') =>
  tongban.app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress })

const idNumber = (first17: string) => `${first17}${buildIdNumberCheckCharacter(first17)}`

const registration = (overrides: Record<string, unknown>) => ({
  kind: 'person',
  loginName: 'shiwen',
  name: '施文',
  idNumber: idNumber('32058119920615003'),
  phone: '13771234567',
  password: 'Qinchuan#Lake8',
  ...overrides,
})

async function alerts(kind: string, target: string) {
  const { rows } = await tongban.db.query('SELECT count FROM audit.security_alerts WHERE kind = $1 AND target = $2', [
    kind,
    target,
  ])
  return rows
}

describe('passwords that are easy to guess are refused', () => {
  test.each(['Aa123456', 'P@ssw0rd'])('registering with %s is refused as too common', async (password) => {
    const response = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ password }),
    })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'IDENTITY_PASSWORD_WEAK', message: expect.stringContaining('常见') })
  })

  test.each([
    ['the login name', 'Shiwen#Lake8', '登录名'],
    ['the phone number, written with dashes', 'Qc#137-7123-4567', '手机号码'],
    ['the last six of the ID number', `Qc#Lake${idNumber('32058119920615003').slice(-6)}`, '身份证号码'],
  ])('a password containing %s is refused', async (_what, password, named) => {
    const response = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ password }),
    })

    expect(response.statusCode).toBe(400)
    expect(response.json().message).toContain(named)
  })

  test('changing one’s password to a common one is refused too', async () => {
    const clerk = await loginAs(tongban, 'xuhui')

    const response = await clerk.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'Tongban@2026', newPassword: 'P@ssw0rd' },
    })

    expect(response.json().code).toBe('IDENTITY_PASSWORD_WEAK')
  })
})

describe('administrators idle out sooner', () => {
  test('after 16 idle minutes an administrator is logged out, a clerk is not', async () => {
    const sysadmin = await loginAs(tongban, 'sysadmin')
    const clerk = await loginAs(tongban, 'zhangmin')
    await tongban.db.query(`UPDATE identity.sessions SET last_seen_at = now() - interval '16 minutes'`)

    const administrator = await sysadmin.request({ method: 'GET', url: '/api/identity/staff' })
    const business = await clerk.request({ method: 'GET', url: '/api/auth/me' })

    expect(administrator.statusCode).toBe(401)
    expect(business.statusCode).toBe(200)
  })
})

describe('the administrators’ address allow-list', () => {
  test('a list that would shut out the security administrator’s own address is refused', async () => {
    const secadmin = await loginAs(tongban, 'secadmin')

    const response = await secadmin.request({
      method: 'PUT',
      url: '/api/security/admin-networks',
      payload: { networks: [{ cidr: '10.20.0.0/16', description: '运维区' }] },
    })

    expect(response.statusCode).toBe(409)
    expect(response.json()).toMatchObject({
      code: 'IDENTITY_ALLOWLIST_EXCLUDES_SELF',
      message: expect.stringContaining('127.0.0.1'),
    })
  })

  test('something that is not a network is refused', async () => {
    const secadmin = await loginAs(tongban, 'secadmin')

    const response = await secadmin.request({
      method: 'PUT',
      url: '/api/security/admin-networks',
      payload: { networks: [{ cidr: '10.20.0.0/33', description: '' }] },
    })

    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('IDENTITY_NETWORK_INVALID')
  })

  // The system administrator's TOTP code of this window may be spent by the idle test: the next is up to 30 s off.
  test('outside the list an administrator cannot log in or keep using a session; others are not affected', async () => {
    const secadmin = await loginAs(tongban, 'secadmin')
    const sysadmin = await loginAs(tongban, 'sysadmin')
    const saved = await secadmin.request({
      method: 'PUT',
      url: '/api/security/admin-networks',
      payload: {
        networks: [
          { cidr: '127.0.0.1', description: '本机' },
          { cidr: 'fd00:10::/32', description: '运维区 IPv6' },
        ],
      },
    })

    const fromOutside = await login({ loginName: 'auditadmin', password: 'Tongban@2026' }, '192.0.2.7')
    const stolenCookie = await tongban.app.inject({
      method: 'GET',
      url: '/api/identity/staff',
      headers: { cookie: sysadmin.cookie },
      remoteAddress: '192.0.2.7',
    })
    const afterwards = await sysadmin.request({ method: 'GET', url: '/api/identity/staff' })
    const fromIpv6Network = await login(
      { loginName: 'auditadmin', password: 'Tongban@2026', totpCode: generateTotpCode(secretOf('auditadmin')) },
      'fd00:10::5',
    )
    const clerkOutside = await login({ loginName: 'zhangmin', password: 'Tongban@2026' }, '192.0.2.7')

    expect(saved.json()).toEqual([
      { cidr: '127.0.0.1/32', description: '本机' },
      { cidr: 'fd00:10::/32', description: '运维区 IPv6' },
    ])
    expect(fromOutside.statusCode).toBe(403)
    expect(fromOutside.json().code).toBe('AUTH_ADDRESS_NOT_ALLOWED')
    expect(stolenCookie.statusCode).toBe(403)
    expect(afterwards.statusCode).toBe(401)
    expect(fromIpv6Network.statusCode).toBe(200)
    expect(clerkOutside.statusCode).toBe(200)
    const auditor = (
      await tongban.db.query<{ id: string }>(`SELECT id FROM identity.accounts WHERE login_name = 'auditadmin'`)
    ).rows[0]?.id
    expect(await alerts('admin_address_refused', `account:${auditor}`)).toHaveLength(1)
    const { rows } = await tongban.db.query(
      `SELECT result FROM audit.records WHERE action = 'auth.session.use' AND client_address = '192.0.2.7'`,
    )
    expect(rows).toEqual([{ result: 'denied' }])

    await secadmin.request({ method: 'PUT', url: '/api/security/admin-networks', payload: { networks: [] } })
  }, 90_000)
})

describe('person lookup by ID number', () => {
  test('every lookup is audited with the account found and without the ID number', async () => {
    const clerk = await loginAs(tongban, 'zhangmin')
    const person = DEMO_PEOPLE[0] as (typeof DEMO_PEOPLE)[number]

    const response = await clerk.request({ method: 'GET', url: `/api/identity/people?idNumber=${person.idNumber}` })

    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
    const { rows } = await tongban.db.query<{ target: string; details: object; actor_name: string }>(
      `SELECT target, details, actor_name FROM audit.records WHERE action = 'identity.people.lookup' ORDER BY seq DESC LIMIT 1`,
    )
    expect(rows[0]).toMatchObject({ target: `account:${response.json().id}`, actor_name: '张敏' })
    expect(JSON.stringify(rows[0])).not.toContain(person.idNumber)
  })

  test(`a staff member gets ${LOOKUP_LIMIT} lookups in ten minutes, then is refused for a while`, async () => {
    const reviewer = await loginAs(tongban, 'liqiang')
    const person = DEMO_PEOPLE[1] as (typeof DEMO_PEOPLE)[number]
    const lookUp = () => reviewer.request({ method: 'GET', url: `/api/identity/people?idNumber=${person.idNumber}` })

    for (let i = 0; i < LOOKUP_LIMIT; i += 1) expect((await lookUp()).statusCode).toBe(200)
    const refused = await lookUp()
    const colleague = await loginAs(tongban, 'wangfang')
    const other = await colleague.request({ method: 'GET', url: `/api/identity/people?idNumber=${person.idNumber}` })

    expect(refused.statusCode).toBe(429)
    expect(refused.json()).toMatchObject({
      code: 'IDENTITY_LOOKUP_RATE_LIMITED',
      message: expect.stringContaining('查询过于频繁'),
    })
    expect(other.statusCode).toBe(200)
  })

  test('answers with personal data are never cached', async () => {
    const clerk = await loginAs(tongban, 'zhangmin')

    const me = await clerk.request({ method: 'GET', url: '/api/auth/me' })
    const staff = await loginAs(tongban, 'chenjing').then((manager) =>
      manager.request({ method: 'GET', url: '/api/identity/staff' }),
    )

    expect(me.headers['cache-control']).toBe('no-store')
    expect(staff.headers['cache-control']).toBe('no-store')
  })
})

describe('alerts for the security administrator', () => {
  test('twenty failed logins from one address within minutes raise a login-flood alert', async () => {
    for (let i = 0; i < 20; i += 1) {
      await login({ loginName: `nobody${i}`, password: 'Wrong#2026x' }, '198.51.100.23')
    }

    expect(await alerts('login_flood', 'address:198.51.100.23')).toEqual([{ count: 1 }])
  })

  test('failures against one account keep counting while it is locked and raise both alerts', async () => {
    const account = (
      await tongban.db.query<{ id: string }>(`SELECT id FROM identity.accounts WHERE login_name = 'qianlei'`)
    ).rows[0]?.id
    for (let i = 0; i < 10; i += 1) await login({ loginName: 'qianlei', password: 'Wrong#2026x' }, '198.51.100.40')

    expect(await alerts('account_locked', `account:${account}`)).toHaveLength(1)
    expect(await alerts('login_flood', `account:${account}`)).toHaveLength(1)
  })
})
