import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createKeyRing } from '../../platform/crypto/index.js'
import type { Db } from '../../platform/db/index.js'
import { createTestDb, testEngine } from '../../platform/db/test-db.js'
import { createJobQueue, createManualClock, type JobQueue } from '../../platform/jobs/index.js'
import type { Actor } from '../identity/index.js'
import { createNotifications, type NotificationInput, type Notifications } from './notifications.service.js'
import { createLogOnlySmsSender, type SmsMessage, type SmsSender } from './sms-sender.js'

const clock = createManualClock(new Date('2026-12-08T02:00:00Z'))
let db: Db
let jobs: JobQueue
let notifications: Notifications
// The phones identity would return for each account (identity's own tests cover how it stores them).
const phones = new Map<string, string | null>()
// The gateway as these tests script it: refuse while `refusing`, and remember what it was given.
const gateway = { refusing: false, received: [] as SmsMessage[] }
const logLines: object[] = []
const scriptedGateway: SmsSender = {
  name: 'scripted-gateway',
  async send(message) {
    if (gateway.refusing) throw new Error('网关繁忙')
    gateway.received.push(message)
  },
}
let sender: SmsSender = scriptedGateway

beforeAll(async () => {
  db = await createTestDb()
  const keyRing = await createKeyRing(db, randomBytes(32))
  jobs = createJobQueue({ db, clock })
  notifications = createNotifications({
    db,
    cipher: keyRing,
    identity: {
      getApplicantProfile: async (accountId: string) =>
        phones.has(accountId) ? ({ phone: phones.get(accountId) ?? null } as never) : undefined,
    },
    jobs,
    smsSender: { name: 'switch', send: (message) => sender.send(message) },
    clock,
  })
  notifications.installSmsDelivery()
})

afterAll(async () => {
  await db?.close()
})

function givenAccount(phone: string | null = '13912345678'): Actor {
  const id = randomUUID()
  phones.set(id, phone)
  return { id, kind: 'person', roles: [], permissions: new Set() } as unknown as Actor
}

function acceptanceMessage(accountId: string | null, caseId = randomUUID()): NotificationInput {
  return {
    accountId,
    caseId,
    smsText: '【常熟市政务服务中心】您申请的食品经营许可证核发（办件号 320581-20261208-000123）已受理。',
    siteTitle: '申请已受理：食品经营许可证核发',
    siteText: '您申请的食品经营许可证核发（办件号 320581-20261208-000123）已受理。',
    link: `/me/cases/${caseId}`,
  }
}

async function runJobs(): Promise<void> {
  while ((await jobs.runDueJobs()) > 0) {
    // until no job is due
  }
}

async function outboxOf(caseId: string) {
  const { rows } = await db.query<{
    channel: string
    state: string
    dump: string
    adapter: string | null
    last_error: string | null
  }>(
    `SELECT channel, state, adapter, last_error, row_to_json(o)::text AS dump FROM notifications.outbox o
      WHERE case_id = $1 ORDER BY channel`,
    [caseId],
  )
  return rows
}

describe('the notification outbox', () => {
  test('a notification written in a transaction that rolls back leaves no text message and no in-site message', async () => {
    const applicant = givenAccount()
    const input = acceptanceMessage(applicant.id)

    await expect(
      db.transaction(async (tx) => {
        await notifications.enqueueNotification(tx, input)
        throw new Error('the acceptance failed')
      }),
    ).rejects.toThrow('the acceptance failed')

    expect(await outboxOf(input.caseId as string)).toEqual([])
    expect((await notifications.listMyMessages(applicant, {})).total).toBe(0)
  })

  test('a committed notification gives an unread in-site message and a pending SMS with the phone encrypted', async () => {
    const applicant = givenAccount('13912345678')
    const input = acceptanceMessage(applicant.id)

    await db.transaction((tx) => notifications.enqueueNotification(tx, input))

    const rows = await outboxOf(input.caseId as string)
    expect(rows.map((row) => [row.channel, row.state])).toEqual([
      ['site', 'sent'],
      ['sms', 'pending'],
    ])
    expect(rows.map((row) => row.dump).join('')).not.toContain('13912345678')
    const mine = await notifications.listMyMessages(applicant, {})
    expect(mine.unread).toBe(1)
    expect(mine.items[0]).toMatchObject({ title: '申请已受理：食品经营许可证核发', isRead: false })
  })

  test('the SMS job hands each pending text to the gateway once, with the account’s phone', async () => {
    sender = scriptedGateway
    gateway.received = []
    const applicant = givenAccount('13800001111')
    const input = acceptanceMessage(applicant.id)
    await db.transaction((tx) => notifications.enqueueNotification(tx, input))

    await runJobs()
    await runJobs()

    const mine = gateway.received.filter((message) => message.phone === '13800001111')
    expect(mine.map((message) => message.text)).toEqual([input.smsText])
    expect((await outboxOf(input.caseId as string)).find((row) => row.channel === 'sms')).toMatchObject({
      state: 'sent',
      adapter: 'switch',
    })
  })

  test('without a gateway the log-only adapter records the text as handled and logs neither phone nor text', async () => {
    sender = createLogOnlySmsSender({ info: (details) => logLines.push(details) })
    const applicant = givenAccount('13722223333')
    const input = acceptanceMessage(applicant.id)
    await db.transaction((tx) => notifications.enqueueNotification(tx, input))

    await runJobs()

    expect((await outboxOf(input.caseId as string)).find((row) => row.channel === 'sms')?.state).toBe('sent')
    const logged = JSON.stringify(logLines)
    expect(logged).not.toContain('13722223333')
    expect(logged).not.toContain('已受理')
  })

  test('a refusing gateway is tried again later, and after five refusals the text is failed with the reason', async () => {
    sender = scriptedGateway
    gateway.refusing = true
    const applicant = givenAccount('13611112222')
    const input = acceptanceMessage(applicant.id)
    await db.transaction((tx) => notifications.enqueueNotification(tx, input))

    for (let attempt = 0; attempt < 6; attempt++) {
      await runJobs()
      clock.advance(60 * 60_000)
    }
    gateway.refusing = false

    const sms = (await outboxOf(input.caseId as string)).find((row) => row.channel === 'sms')
    expect(sms?.state).toBe('failed')
    expect(sms?.last_error).toContain('网关繁忙')
    expect(gateway.received.some((message) => message.phone === '13611112222')).toBe(false)
  })

  // PGlite has one connection: a transaction held open would stop the sender from running at all.
  test.skipIf(testEngine() === 'pglite')(
    'a text queued while the sender finishes waits for no one and goes out on the sender’s next look',
    async () => {
      sender = scriptedGateway
      const first = givenAccount('13300000001')
      const second = givenAccount('13300000002')
      await db.transaction((tx) => notifications.enqueueNotification(tx, acceptanceMessage(first.id)))
      let release = () => {}
      const held = new Promise<void>((resolve) => {
        release = resolve
      })
      const writer = db.transaction(async (tx) => {
        await notifications.enqueueNotification(tx, acceptanceMessage(second.id))
        await held
      })
      await new Promise((resolve) => setTimeout(resolve, 200))

      await runJobs()
      release()
      await writer
      clock.advance(2000)
      await runJobs()

      const phonesReached = gateway.received.map((message) => message.phone)
      expect(phonesReached).toContain('13300000001')
      expect(phonesReached).toContain('13300000002')
    },
  )

  test('an account without a registered phone gets the in-site message; its SMS is recorded as not sent', async () => {
    const applicant = givenAccount(null)
    const input = acceptanceMessage(applicant.id)

    await db.transaction((tx) => notifications.enqueueNotification(tx, input))

    const sms = (await outboxOf(input.caseId as string)).find((row) => row.channel === 'sms')
    expect(sms).toMatchObject({ state: 'failed', last_error: '账户未登记手机号码，未发送短信' })
    expect((await notifications.listMyMessages(applicant, {})).unread).toBe(1)
  })

  test('a walk-in applicant without an account is texted at the phone given at the window', async () => {
    sender = scriptedGateway
    const input = { ...acceptanceMessage(null), phone: '13555556666' }

    await db.transaction((tx) => notifications.enqueueNotification(tx, input))
    await runJobs()

    expect((await outboxOf(input.caseId as string)).map((row) => row.channel)).toEqual(['sms'])
    expect(gateway.received.some((message) => message.phone === '13555556666')).toBe(true)
  })
})

describe('我的消息', () => {
  test('unread counts fall as messages are read, and nobody can mark another account’s messages', async () => {
    const applicant = givenAccount()
    const neighbour = givenAccount()
    for (let index = 0; index < 3; index++) {
      await db.transaction((tx) => notifications.enqueueNotification(tx, acceptanceMessage(applicant.id)))
      clock.advance(1000)
    }
    const [newest] = (await notifications.listMyMessages(applicant, {})).items

    const afterOne = await notifications.markMyMessagesRead(applicant, { ids: [newest?.id as string] })
    const byNeighbour = await notifications.markMyMessagesRead(neighbour, {
      ids: (await notifications.listMyMessages(applicant, {})).items.map((message) => message.id),
    })
    const unreadOnly = await notifications.listMyMessages(applicant, { unreadOnly: true })
    const afterAll = await notifications.markMyMessagesRead(applicant, { all: true })

    expect(afterOne.unread).toBe(2)
    expect(byNeighbour.unread).toBe(0)
    expect(await notifications.countMyUnread(applicant)).toBe(0)
    expect(unreadOnly.items.map((message) => message.isRead)).toEqual([false, false])
    expect(afterAll.unread).toBe(0)
    await expect(notifications.markMyMessagesRead(applicant, {})).rejects.toMatchObject({
      statusCode: 400,
      code: 'NOTIFICATIONS_NOTHING_TO_MARK',
    })
  })

  test('the administrators’ outbox pages and filters, and shows phones masked', async () => {
    const applicant = givenAccount('13987654321')
    const caseId = randomUUID()
    await db.transaction((tx) => notifications.enqueueNotification(tx, acceptanceMessage(applicant.id, caseId)))

    const sms = await notifications.listOutbox({ caseId, channel: 'sms' })
    const page = await notifications.listOutbox({ pageSize: 1, page: 2 })

    expect(sms.total).toBe(1)
    expect(sms.items[0]).toMatchObject({ channel: 'sms', maskedPhone: '139****4321', hasAccount: true })
    expect(page.items).toHaveLength(1)
    expect(page.total).toBeGreaterThan(1)
  })
})
