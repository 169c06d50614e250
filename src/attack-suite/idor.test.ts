import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PEOPLE } from '../demo/demo-organization.js'
import { loginAs, startTestApp, type TestApp } from '../test-support/test-app.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp()
})
afterAll(() => tongban.close())

const [sun, zhou] = DEMO_PEOPLE as [(typeof DEMO_PEOPLE)[number], (typeof DEMO_PEOPLE)[number]]

async function accountId(loginName: string): Promise<string> {
  const { rows } = await tongban.db.query<{ id: string }>('SELECT id FROM identity.accounts WHERE login_name = $1', [
    loginName,
  ])
  return (rows[0] as { id: string }).id
}

describe('one applicant cannot reach another applicant’s data (IDOR across applicants)', () => {
  test('a member of the public cannot look up, reveal or export another person', async () => {
    const attacker = await loginAs(tongban, sun.loginName)
    const victim = await accountId(zhou.loginName)

    const attempts = [
      await attacker.request({ method: 'GET', url: `/api/identity/people?idNumber=${zhou.idNumber}` }),
      await attacker.request({
        method: 'POST',
        url: `/api/identity/people/${victim}/reveal`,
        payload: { reason: '随便看看看' },
      }),
      await attacker.request({ method: 'GET', url: '/api/identity/staff' }),
      await attacker.request({ method: 'GET', url: '/api/identity/exports' }),
      await attacker.request({ method: 'GET', url: '/api/audit/records' }),
    ]

    expect(attempts.map((response) => response.statusCode)).toEqual([403, 403, 403, 403, 403])
  })

  test('downloading “my data” returns the caller’s own data and nobody else’s', async () => {
    const self = await loginAs(tongban, sun.loginName)

    const body = (await self.request({ method: 'GET', url: '/api/auth/me/data' })).body

    expect(body).toContain(sun.idNumber)
    expect(body).not.toContain(zhou.idNumber)
    expect(body).not.toContain(zhou.name)
  })

  test('an organization account cannot act as staff', async () => {
    const company = await loginAs(tongban, 'qinchuantextile')

    const response = await company.request({
      method: 'POST',
      url: '/api/identity/departments',
      payload: { code: 'EVIL-1', name: '伪造部门' },
    })

    expect(response.statusCode).toBe(403)
  })
})

describe('one department cannot reach another department’s records (IDOR across departments)', () => {
  test('a health-commission reviewer cannot read or change a market-supervision staff account', async () => {
    const reviewer = await loginAs(tongban, 'liuyang')
    const marketStaff = await accountId('liqiang')

    const read = await reviewer.request({ method: 'GET', url: '/api/identity/staff' })
    const change = await reviewer.request({
      method: 'PUT',
      url: `/api/identity/staff/${marketStaff}/status`,
      payload: { status: 'disabled' },
    })

    expect(read.statusCode).toBe(403)
    expect(change.statusCode).toBe(403)
  })
})
