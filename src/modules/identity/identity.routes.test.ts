import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PEOPLE } from '../../demo/demo-organization.js'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp()
})
afterAll(() => tongban.close())

const login = (loginName: string, password: string) =>
  tongban.app.inject({ method: 'POST', url: '/api/auth/login', payload: { loginName, password } })

describe('logging in', () => {
  test('a window clerk logs in and sees their name, role and department', async () => {
    const response = await login('zhangmin', 'Tongban@2026')

    expect(response.statusCode).toBe(200)
    expect(response.json().account).toMatchObject({
      displayName: '张敏',
      kind: 'staff',
      roles: ['window_clerk'],
      department: { name: '综合受理科' },
    })
    const cookie = response.cookies.find((c) => c.name === 'tongban_session')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
  })

  test('the second login shows when and where the first one was', async () => {
    await login('xuhui', 'Tongban@2026')
    const second = await login('xuhui', 'Tongban@2026')

    expect(second.json().previousLogin).toMatchObject({ at: expect.any(String), clientAddress: '127.0.0.1' })
  })

  test('a person can log in with their ID number instead of a login name', async () => {
    const person = DEMO_PEOPLE[0] as (typeof DEMO_PEOPLE)[number]
    const response = await login(person.idNumber.toLowerCase(), 'Tongban@2026')

    expect(response.statusCode).toBe(200)
    expect(response.json().account.maskedIdNumber).toBe(
      `${person.idNumber.slice(0, 3)}***********${person.idNumber.slice(-4)}`,
    )
  })

  test('five wrong passwords lock the account with a Chinese message, and all of it is audited', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await login('liuyang', 'wrong-password')).statusCode).toBe(401)
    }
    const fifth = await login('liuyang', 'wrong-password')
    const evenRight = await login('liuyang', 'Tongban@2026')

    expect(fifth.statusCode).toBe(423)
    expect(fifth.json()).toMatchObject({ code: 'AUTH_ACCOUNT_LOCKED', message: expect.stringContaining('账户已锁定') })
    expect(evenRight.statusCode).toBe(423)
    const { rows } = await tongban.db.query<{ action: string; result: string }>(
      `SELECT action, result FROM audit.records WHERE actor_name = '刘洋' ORDER BY seq`,
    )
    expect(rows.filter((r) => r.action === 'auth.login' && r.result === 'failure')).toHaveLength(6)
    expect(rows.filter((r) => r.action === 'auth.account_locked')).toHaveLength(1)
  })

  test('an unknown login name gets the same answer as a wrong password', async () => {
    const response = await login('nobody', 'Tongban@2026')

    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: '登录名或密码错误' })
  })

  test('after logout the session no longer works', async () => {
    const session = await loginAs(tongban, 'zhaogang')
    const logout = await session.request({ method: 'POST', url: '/api/auth/logout' })
    const me = await session.request({ method: 'GET', url: '/api/auth/me' })

    expect(logout.statusCode).toBe(204)
    expect(me.statusCode).toBe(401)
    expect(me.json().code).toBe('AUTH_REQUIRED')
  })
})

describe('registering', () => {
  const person = {
    kind: 'person',
    loginName: 'lujiahui',
    name: '陆佳慧',
    idNumber: '320581199204180025',
    phone: '13776201834',
    password: 'Yushan#2026',
  }

  test('an ID number with a wrong check digit is refused in Chinese and nothing is created', async () => {
    const response = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { ...person, idNumber: '320581199204180024' },
    })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      code: 'IDENTITY_ID_NUMBER_INVALID',
      message: '居民身份证号码校验位不正确，请核对后重新输入',
    })
    const { rows } = await tongban.db.query(`SELECT 1 FROM identity.accounts WHERE login_name = 'lujiahui'`)
    expect(rows).toHaveLength(0)
  })

  test('a person registers, is logged in, and the database keeps only ciphertext of the ID number and phone', async () => {
    const response = await tongban.app.inject({ method: 'POST', url: '/api/auth/register', payload: person })

    expect(response.statusCode).toBe(201)
    expect(response.json().account).toMatchObject({ displayName: '陆佳慧', maskedPhone: '137****1834' })
    const { rows } = await tongban.db.query<Record<string, unknown>>(
      `SELECT * FROM identity.accounts WHERE login_name = 'lujiahui'`,
    )
    const stored = JSON.stringify(rows[0])
    expect(stored).not.toContain(person.idNumber)
    expect(stored).not.toContain(person.phone)
    expect(rows[0]?.id_number_cipher).toMatch(/^sm4b:v\d+:/)
  })

  test('the same ID number cannot register twice', async () => {
    const response = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { ...person, loginName: 'lujiahui2' },
    })

    expect(response.statusCode).toBe(409)
    expect(response.json().code).toBe('IDENTITY_ACCOUNT_EXISTS')
  })

  test('an organization with a wrong 统一社会信用代码 is refused', async () => {
    const response = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: {
        kind: 'organization',
        loginName: 'fuxifood',
        name: '常熟市福溪食品有限公司',
        uscc: '91320581MA1T2K8Q5X',
        phone: '13906231234',
        password: 'Fuxi#20261',
      },
    })

    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('IDENTITY_USCC_INVALID')
  })

  test('a window clerk finds a registered person by ID number through the blind index', async () => {
    const clerk = await loginAs(tongban, 'zhangmin')
    const found = await clerk.request({ method: 'GET', url: `/api/identity/people?idNumber=${person.idNumber}` })

    expect(found.statusCode).toBe(200)
    expect(found.json()).toMatchObject({ displayName: '陆佳慧', maskedIdNumber: '320***********0025' })
  })
})

describe('divisions and departments', () => {
  test('every province is there, and 常熟市 sits under 苏州市', async () => {
    const provinces = await tongban.app.inject({ method: 'GET', url: '/api/identity/divisions' })
    const suzhou = await tongban.app.inject({ method: 'GET', url: '/api/identity/divisions?parentCode=320500' })

    expect(provinces.json().length).toBeGreaterThanOrEqual(31)
    expect(suzhou.json()).toContainEqual({ code: '320581', name: '常熟市', level: 3 })
  })

  test('the public department directory names the county and its departments', async () => {
    const response = await tongban.app.inject({ method: 'GET', url: '/api/identity/departments' })

    const directory = response.json()
    expect(directory.division).toEqual({ code: '320581', name: '常熟市', fullName: '江苏省苏州市常熟市' })
    expect(directory.departments.map((d: { name: string }) => d.name)).toContain('常熟市市场监督管理局')
    expect(directory.departments.length).toBeGreaterThanOrEqual(8)
  })
})
