import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'

let tongban: TestApp
let applicant: Session
let manager: Session

beforeAll(async () => {
  tongban = await startTestApp()
  applicant = await loginAs(tongban, 'sunxiaomei')
  manager = await loginAs(tongban, 'chenjing')
})

afterAll(async () => {
  await tongban?.close()
})

async function accountIdOf(session: Session): Promise<string> {
  return (await session.request({ method: 'GET', url: '/api/auth/me' })).json().account.id
}

describe('我的消息 and the outbox over HTTP', () => {
  test('a message shows as unread until the applicant marks it read; only the centre sees the outbox', async () => {
    const caseId = randomUUID()
    const accountId = await accountIdOf(applicant)
    await tongban.db.transaction((tx) =>
      tongban.services.notifications.enqueueNotification(tx, {
        accountId,
        caseId,
        smsText: '【常熟市政务服务中心】您申请的食品经营许可证核发已受理。',
        siteTitle: '申请已受理：食品经营许可证核发',
        siteText: '您申请的食品经营许可证核发已受理。',
      }),
    )

    const before = await applicant.request({ method: 'GET', url: '/api/notifications/messages/unread-count' })
    const mine = await applicant.request({ method: 'GET', url: '/api/notifications/messages?unreadOnly=true' })
    const read = await applicant.request({
      method: 'POST',
      url: '/api/notifications/messages/read',
      payload: { ids: mine.json().items.map((message: { id: string }) => message.id) },
    })
    const outboxByCitizen = await applicant.request({ method: 'GET', url: '/api/notifications/outbox' })
    const outbox = await manager.request({
      method: 'GET',
      url: `/api/notifications/outbox?caseId=${caseId}&channel=sms`,
    })

    expect(before.json().unread).toBeGreaterThan(0)
    expect(read.json().unread).toBe(0)
    expect(outboxByCitizen.statusCode).toBe(403)
    expect(outbox.statusCode).toBe(200)
    expect(outbox.json().items[0]).toMatchObject({ maskedPhone: '138****6637', state: 'pending' })
  })

  test('marking read with neither ids nor all is a 400 in Chinese, and unknown fields are refused', async () => {
    const empty = await applicant.request({ method: 'POST', url: '/api/notifications/messages/read', payload: {} })
    const unknown = await applicant.request({
      method: 'POST',
      url: '/api/notifications/messages/read',
      payload: { all: true, accountId: randomUUID() },
    })

    expect([empty.statusCode, empty.json().code]).toEqual([400, 'NOTIFICATIONS_NOTHING_TO_MARK'])
    expect(unknown.statusCode).toBe(400)
  })
})
