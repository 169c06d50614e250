import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PEOPLE } from '../../demo/demo-organization.js'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp()
})
afterAll(() => tongban.close())

describe('exporting personal data takes two people', () => {
  test('a centre manager asks, cannot approve it herself, a colleague approves, and she downloads it once', async () => {
    const chen = await loginAs(tongban, 'chenjing')
    const huang = await loginAs(tongban, 'huangwei')

    const request = await chen.request({
      method: 'POST',
      url: '/api/identity/exports',
      payload: { reason: '低保复核名单核对' },
    })
    const id = request.json().id
    const early = await chen.request({ method: 'GET', url: `/api/identity/exports/${id}/download` })
    const self = await chen.request({
      method: 'POST',
      url: `/api/identity/exports/${id}/decision`,
      payload: { approve: true },
    })
    const approved = await huang.request({
      method: 'POST',
      url: `/api/identity/exports/${id}/decision`,
      payload: { approve: true },
    })
    const byOther = await huang.request({ method: 'GET', url: `/api/identity/exports/${id}/download` })
    const download = await chen.request({ method: 'GET', url: `/api/identity/exports/${id}/download` })
    const twice = await chen.request({ method: 'GET', url: `/api/identity/exports/${id}/download` })

    expect(request.statusCode).toBe(201)
    expect(early.json().code).toBe('IDENTITY_EXPORT_NOT_APPROVED')
    expect(self.json().code).toBe('IDENTITY_EXPORT_SELF_APPROVAL')
    expect(approved.json().status).toBe('approved')
    expect(byOther.json().code).toBe('IDENTITY_EXPORT_NOT_REQUESTER')
    expect(download.body).toContain(DEMO_PEOPLE[0]?.idNumber)
    expect(twice.statusCode).toBe(409)
    const { rows } = await tongban.db.query<{ action: string; actor_name: string }>(
      `SELECT action, actor_name FROM audit.records WHERE action LIKE 'identity.export.%' ORDER BY seq`,
    )
    expect(rows).toEqual([
      { action: 'identity.export.request', actor_name: '陈静' },
      { action: 'identity.export.approve', actor_name: '黄伟' },
      { action: 'identity.export.download', actor_name: '陈静' },
    ])
  })

  test('a window clerk cannot ask for an export', async () => {
    const clerk = await loginAs(tongban, 'zhangmin')

    const response = await clerk.request({
      method: 'POST',
      url: '/api/identity/exports',
      payload: { reason: '想导出看看' },
    })

    expect(response.statusCode).toBe(403)
  })
})
