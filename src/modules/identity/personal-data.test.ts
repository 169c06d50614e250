import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PEOPLE } from '../../demo/demo-organization.js'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp()
})
afterAll(() => tongban.close())

const person = DEMO_PEOPLE[2] as (typeof DEMO_PEOPLE)[number]

async function accountId(loginName: string): Promise<string> {
  const { rows } = await tongban.db.query<{ id: string }>('SELECT id FROM identity.accounts WHERE login_name = $1', [
    loginName,
  ])
  return (rows[0] as { id: string }).id
}

describe('personal data rights', () => {
  test('a window clerk sees the full ID number only by asking with a reason, and the reason is audited', async () => {
    const clerk = await loginAs(tongban, 'zhangmin')

    const response = await clerk.request({
      method: 'POST',
      url: `/api/identity/people/${await accountId(person.loginName)}/reveal`,
      payload: { reason: '核验申请人身份' },
    })

    expect(response.json()).toMatchObject({ idNumber: person.idNumber, phone: person.phone })
    const { rows } = await tongban.db.query<{ actor_name: string; details: { reason: string } }>(
      `SELECT actor_name, details FROM audit.records WHERE action = 'identity.personal_data.reveal'`,
    )
    expect(rows).toEqual([{ actor_name: '张敏', details: { reason: '核验申请人身份', fields: ['idNumber', 'phone'] } }])
  })

  test('a department leader may not reveal personal data', async () => {
    const leader = await loginAs(tongban, 'wangfang')

    const response = await leader.request({
      method: 'POST',
      url: `/api/identity/people/${await accountId(person.loginName)}/reveal`,
      payload: { reason: '想看看' },
    })

    expect(response.statusCode).toBe(403)
  })

  test('a person downloads their own data in clear, with their activity', async () => {
    const self = await loginAs(tongban, person.loginName)

    const response = await self.request({ method: 'GET', url: '/api/auth/me/data' })

    expect(response.headers['content-disposition']).toContain('attachment')
    expect(response.json().account).toMatchObject({ name: person.name, idNumber: person.idNumber, phone: person.phone })
    expect(response.json().activity.map((a: { action: string }) => a.action)).toContain('auth.login')
  })

  test('closing an account ends the login, erases the phone, keeps the ID number for the archives and says so', async () => {
    const self = await loginAs(tongban, person.loginName)

    const wrong = await self.request({ method: 'POST', url: '/api/auth/me/closure', payload: { password: 'nope' } })
    const closed = await self.request({
      method: 'POST',
      url: '/api/auth/me/closure',
      payload: { password: 'Tongban@2026' },
    })
    const again = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { loginName: person.loginName, password: 'Tongban@2026' },
    })

    expect(wrong.statusCode).toBe(401)
    expect(closed.json().notice).toContain('依法保存')
    expect(again.statusCode).toBe(401)
    const { rows } = await tongban.db.query<{
      phone_cipher: string | null
      id_number_cipher: string | null
      status: string
    }>(`SELECT phone_cipher, id_number_cipher, status FROM identity.accounts WHERE display_name = $1`, [person.name])
    expect(rows[0]).toMatchObject({
      phone_cipher: null,
      id_number_cipher: expect.stringMatching(/^sm4b:/),
      status: 'closed',
    })
  })

  test('a staff account cannot close itself', async () => {
    const clerk = await loginAs(tongban, 'zhangmin')

    const response = await clerk.request({
      method: 'POST',
      url: '/api/auth/me/closure',
      payload: { password: 'Tongban@2026' },
    })

    expect(response.json().code).toBe('IDENTITY_STAFF_CANNOT_CLOSE')
  })
})
