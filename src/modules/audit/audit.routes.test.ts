import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp()
  await loginAs(tongban, 'zhangmin')
  await loginAs(tongban, 'liqiang')
  await tongban.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { loginName: 'zhangmin', password: 'bad' },
  })
})
afterAll(() => tongban.close())

describe('the audit trail', () => {
  test('the audit administrator sees logins, newest first, filtered by result', async () => {
    const auditor = await loginAs(tongban, 'auditadmin')
    const response = await auditor.request({
      method: 'GET',
      url: '/api/audit/records?action=auth.login&result=failure',
    })

    expect(response.statusCode).toBe(200)
    const page = response.json()
    expect(page.total).toBe(1)
    expect(page.records[0]).toMatchObject({
      actorName: '张敏',
      action: 'auth.login',
      result: 'failure',
      roles: ['window_clerk'],
    })
  })

  test('a department reviewer may not read the audit trail', async () => {
    const reviewer = await loginAs(tongban, 'liqiang')
    const response = await reviewer.request({ method: 'GET', url: '/api/audit/records' })

    expect(response.statusCode).toBe(403)
  })

  test('an untouched chain verifies', async () => {
    const auditor = await loginAs(tongban, 'auditadmin')
    const response = await auditor.request({ method: 'POST', url: '/api/audit/verifications' })

    expect(response.json()).toMatchObject({ intact: true, firstBroken: null })
    expect(response.json().checked).toBeGreaterThan(3)
  })
})
