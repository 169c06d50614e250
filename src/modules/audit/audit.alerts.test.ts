import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp()
})
afterAll(() => tongban.close())

describe('security alerts', () => {
  test('an alert raised by a module reaches the audit and the security administrator, and is itself audited', async () => {
    await tongban.services.audit.raiseAlert({ kind: 'login_flood', title: '登录尝试过于频繁', target: 'ip:10.0.0.9' })

    for (const who of ['auditadmin', 'secadmin']) {
      const response = await (await loginAs(tongban, who)).request({ method: 'GET', url: '/api/audit/alerts' })
      expect(response.statusCode).toBe(200)
      expect(response.json().alerts[0]).toMatchObject({ kind: 'login_flood', title: '登录尝试过于频繁', count: 1 })
      expect(response.json().open).toBeGreaterThanOrEqual(1)
    }
    const { rows } = await tongban.db.query(
      `SELECT details->>'kind' AS kind FROM audit.records WHERE action = 'audit.alert.raise'`,
    )
    expect(rows).toContainEqual({ kind: 'login_flood' })
  })

  test('repeats of one kind and target within minutes count on one alert; another target gets its own', async () => {
    const audit = tongban.services.audit
    const first = await audit.raiseAlert({ kind: 'account_locked', title: '账户已锁定', target: 'account:a1' })
    await tongban.db.transaction((tx) =>
      audit.raiseAlert({ kind: 'account_locked', title: '账户已锁定', target: 'account:a1' }, { tx }),
    )
    const other = await audit.raiseAlert({ kind: 'account_locked', title: '账户已锁定', target: 'account:a2' })

    const { alerts } = await audit.listAlerts()
    expect(alerts.find((alert) => alert.id === first.id)?.count).toBe(2)
    expect(other.id).not.toBe(first.id)
  })

  test('an alert raised in a transaction that rolls back leaves nothing behind', async () => {
    await expect(
      tongban.db.transaction(async (tx) => {
        await tongban.services.audit.raiseAlert({ kind: 'malicious_upload', title: '拦截恶意上传' }, { tx })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')

    const { alerts } = await tongban.services.audit.listAlerts()
    expect(alerts.some((alert) => alert.kind === 'malicious_upload')).toBe(false)
  })

  test('the security administrator acknowledges an alert once; a second acknowledgement is refused', async () => {
    const alert = await tongban.services.audit.raiseAlert({ kind: 'ciphertext_invalid', title: '密文校验失败' })
    const security = await loginAs(tongban, 'secadmin')

    const acknowledged = await security.request({
      method: 'POST',
      url: `/api/audit/alerts/${alert.id}/acknowledgement`,
    })
    const again = await security.request({ method: 'POST', url: `/api/audit/alerts/${alert.id}/acknowledgement` })
    const missing = await security.request({ method: 'POST', url: '/api/audit/alerts/999999/acknowledgement' })

    expect(acknowledged.statusCode).toBe(200)
    expect(acknowledged.json()).toMatchObject({ acknowledgedByName: '吴磊', acknowledgedAt: expect.any(String) })
    expect(again.json().code).toBe('AUDIT_ALERT_ALREADY_ACKNOWLEDGED')
    expect(missing.json().code).toBe('AUDIT_ALERT_NOT_FOUND')
  })

  test('the system administrator and a clerk may neither see nor acknowledge alerts, and the refusal keeps its target', async () => {
    const alert = await tongban.services.audit.raiseAlert({ kind: 'admin_address_refused', title: '管理地址被拒绝' })
    const system = await loginAs(tongban, 'sysadmin')
    const clerk = await loginAs(tongban, 'zhangmin')

    expect((await system.request({ method: 'GET', url: '/api/audit/alerts' })).statusCode).toBe(403)
    expect((await clerk.request({ method: 'GET', url: '/api/audit/alerts' })).statusCode).toBe(403)
    const refused = await system.request({ method: 'POST', url: `/api/audit/alerts/${alert.id}/acknowledgement` })

    expect(refused.statusCode).toBe(403)
    await tongban.services.audit.linkPendingRecords()
    const { rows } = await tongban.db.query(
      `SELECT target, result FROM audit.records WHERE action = 'POST /api/audit/alerts/:alertId/acknowledgement'`,
    )
    expect(rows).toContainEqual({ target: `alertId:${alert.id}`, result: 'denied' })
  })
})
