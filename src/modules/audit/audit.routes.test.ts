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

  test('changing one audit row with SQL makes verification name that row', async () => {
    const { rows } = await tongban.db.query<{ seq: number }>(
      `SELECT seq FROM audit.records WHERE action = 'auth.login' AND result = 'failure' LIMIT 1`,
    )
    const seq = (rows[0] as { seq: number }).seq
    await tongban.db.query(`UPDATE audit.records SET result = 'success' WHERE seq = $1`, [seq])

    const verification = await tongban.services.audit.verifyChain()

    expect(verification).toMatchObject({
      intact: false,
      firstBroken: { seq, reason: expect.stringContaining('已被改动') },
    })
    await tongban.db.query(`UPDATE audit.records SET result = 'failure' WHERE seq = $1`, [seq])
  })

  test('a deleted row is named by the gap it leaves', async () => {
    await tongban.db.query(`DELETE FROM audit.records WHERE seq = 2`)

    const verification = await tongban.services.audit.verifyChain()

    expect(verification).toMatchObject({ intact: false, firstBroken: { seq: 2 } })
  })
})
