import { randomUUID } from 'node:crypto'
import { type CipherBinding, CryptoError, type FieldCipher } from '../../platform/crypto/index.js'
import { AdvisoryLock, type Db, type Transaction } from '../../platform/db/index.js'
import { type Clock, type JobQueue, systemClock } from '../../platform/jobs/index.js'
import type { Actor, IdentityService } from '../identity/index.js'
import { notificationErrors } from './notifications.errors.js'
import * as repo from './notifications.repository.js'
import {
  MAX_MARK_READ_IDS,
  type MarkReadBody,
  type Message,
  type MessageListQuery,
  type MessagePage,
  type OutboxEntry,
  type OutboxPage,
  type OutboxQuery,
} from './notifications.schemas.js'
import type { SmsSender } from './sms-sender.js'

/** What a module hands over for one event: the SMS text, the in-site message, and whom it is for. */
export type NotificationInput = {
  /** The recipient's account (its registered mobile phone receives the SMS); null for a walk-in without one. */
  accountId: string | null
  caseId?: string
  smsText: string
  siteTitle: string
  siteText: string
  /** A path inside Tongban the message opens, e.g. `/me/cases/<id>`. */
  link?: string
  /** A phone given at the window for an applicant without an account; an account's own phone wins. */
  phone?: string
}

/** The job that hands pending text messages to the SMS adapter. Stored in platform.jobs: never rename. */
export const SMS_DELIVERY_JOB = 'notifications.sms.deliver'
const SMS_DELIVERY_KEY = 'notifications.sms.deliver'
// Retries wait under their own key, so a message queued meanwhile is not held back until the retry is due.
const SMS_RETRY_KEY = 'notifications.sms.retry'
const SMS_BATCH = 50
const SMS_MAX_ATTEMPTS = 5
const SMS_BACKOFF_MS = 60_000
// When writers were in flight as the sender finished, it looks again this much later.
const SMS_RECHECK_MS = 1000
// A sender that dies mid-batch leaves its messages held this long; another process then sends them.
const SMS_LEASE_MS = 5 * 60_000
const MAX_SMS_TEXT = 500
const NO_PHONE = '账户未登记手机号码，未发送短信'

function bindPhone(outboxId: string): CipherBinding {
  return { table: 'notifications.outbox', column: 'phone_cipher', rowId: outboxId }
}

function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

function toMessage(row: repo.MessageRow): Message {
  return {
    id: row.id,
    caseId: row.case_id,
    title: row.title,
    text: row.text,
    link: row.link,
    createdAt: row.created_at.toISOString(),
    isRead: row.read_at !== null,
  }
}

/**
 * Notifications (ADR 0023): an outbox written inside the transaction of the change it reports, in-site messages
 * for each account, and a leased job that hands text messages to the SMS adapter.
 */
export function createNotifications({
  db,
  cipher,
  identity,
  jobs,
  smsSender,
  clock = systemClock,
}: {
  db: Db
  cipher: Pick<FieldCipher, 'encrypt' | 'decrypt'>
  identity: Pick<IdentityService, 'getApplicantProfile'>
  jobs: JobQueue
  smsSender: SmsSender
  clock?: Clock
}) {
  /**
   * Writes the SMS (to the account's registered phone, encrypted) and the in-site message inside `tx`: they exist
   * exactly when the change they report commits. Nothing is written for a recipient with neither account nor phone.
   */
  async function enqueueNotification(tx: Transaction, input: NotificationInput): Promise<void> {
    const now = clock.now()
    const caseId = input.caseId ?? null
    if (input.accountId) {
      const outboxId = randomUUID()
      await repo.insertOutboxRow(tx, {
        id: outboxId,
        accountId: input.accountId,
        caseId,
        channel: 'site',
        text: input.siteText,
        phoneCipher: null,
        state: 'sent',
        lastError: null,
        createdAt: now,
        sentAt: now,
      })
      await repo.insertMessage(tx, {
        id: randomUUID(),
        accountId: input.accountId,
        outboxId,
        caseId,
        title: input.siteTitle,
        text: input.siteText,
        link: input.link ?? null,
        createdAt: now,
      })
    }
    const accountPhone = input.accountId
      ? ((await identity.getApplicantProfile(input.accountId, tx))?.phone ?? null)
      : null
    const phone = accountPhone ?? input.phone ?? null
    if (!phone && !input.accountId) return
    const smsId = randomUUID()
    await repo.insertOutboxRow(tx, {
      id: smsId,
      accountId: input.accountId,
      caseId,
      channel: 'sms',
      text: input.smsText.slice(0, MAX_SMS_TEXT),
      phoneCipher: phone ? cipher.encrypt(phone, bindPhone(smsId)) : null,
      state: phone ? 'pending' : 'failed',
      lastError: phone ? null : NO_PHONE,
      createdAt: now,
      sentAt: null,
    })
    if (!phone) return
    // Shared with every other writer; the sender takes it exclusively before it decides it is done.
    await tx.query('SELECT pg_advisory_xact_lock_shared($1)', [AdvisoryLock.smsOutbox])
    await jobs.schedule(tx, { kind: SMS_DELIVERY_JOB, payload: null, key: SMS_DELIVERY_KEY })
  }

  /** Hands due text messages to the adapter, batch by batch, until none is due; returns how many went and failed. */
  async function deliverDueSms(): Promise<{ sent: number; failed: number }> {
    let sent = 0
    let failed = 0
    for (;;) {
      const now = clock.now()
      const batch = await db.transaction((tx) =>
        repo.claimDueSms(tx, now, new Date(now.getTime() + SMS_LEASE_MS), SMS_BATCH),
      )
      if (batch.length === 0) return { sent, failed }
      for (const message of batch) {
        try {
          const phone = cipher.decrypt(message.phone_cipher, bindPhone(message.id))
          await smsSender.send({ phone, text: message.text, reference: message.id })
          await db.transaction((tx) => repo.markSmsSent(tx, message.id, smsSender.name, clock.now()))
          sent++
        } catch (error) {
          // A tampered phone ciphertext will not open again: no point in retrying it.
          const isFinal = error instanceof CryptoError || message.attempts >= SMS_MAX_ATTEMPTS
          const reason =
            error instanceof CryptoError
              ? '手机号密文校验失败，未发送'
              : `短信通道未接收（第 ${message.attempts} 次）：${error instanceof Error ? error.message.slice(0, 200) : '未知原因'}`
          const retryAt = isFinal
            ? null
            : new Date(clock.now().getTime() + SMS_BACKOFF_MS * 2 ** (message.attempts - 1))
          await db.transaction((tx) => repo.markSmsAttemptFailed(tx, message.id, reason, retryAt))
          failed++
        }
      }
    }
  }

  async function finishDelivery(tx: Transaction): Promise<void> {
    // A writer that found this job still pending holds the shared lock until it commits. Never wait for it here:
    // this transaction has already marked the job row done, and a writer may be waiting on that row to schedule —
    // waiting back would deadlock. If any writer is in flight, run again after it; otherwise every message queued
    // against this job is committed and visible, and any later writer schedules a job of its own.
    const { rows } = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [
      AdvisoryLock.smsOutbox,
    ])
    if (!rows[0]?.locked) {
      // A moment later, not at once: a writer's transaction may stay open a while, and the queue must not spin.
      const runAt = new Date(clock.now().getTime() + SMS_RECHECK_MS)
      await jobs.schedule(tx, { kind: SMS_DELIVERY_JOB, payload: null, key: SMS_DELIVERY_KEY, runAt })
      return
    }
    const due = await repo.findNextSmsDue(tx)
    if (!due) return
    const isDueNow = due.getTime() <= clock.now().getTime()
    await jobs.schedule(tx, {
      kind: SMS_DELIVERY_JOB,
      payload: null,
      key: isDueNow ? SMS_DELIVERY_KEY : SMS_RETRY_KEY,
      ...(isDueNow ? {} : { runAt: due }),
    })
  }

  /** Registers the SMS delivery job on the queue (once, at start-up). */
  function installSmsDelivery(): void {
    jobs.registerLeased(
      SMS_DELIVERY_JOB,
      { work: () => deliverDueSms(), finish: (_job, _result, tx) => finishDelivery(tx) },
      { leaseMs: SMS_LEASE_MS },
    )
  }

  /** The actor's in-site messages, newest first, with the unread count. */
  async function listMyMessages(actor: Actor, query: MessageListQuery): Promise<MessagePage> {
    const pageSize = query.pageSize ?? 20
    const page = query.page ?? 1
    const { rows, total, unread } = await repo.listMessages(db, actor.id, {
      limit: pageSize,
      offset: (page - 1) * pageSize,
      unreadOnly: query.unreadOnly ?? false,
    })
    return { items: rows.map(toMessage), total, unread }
  }

  /** How many of the actor's messages are unread (the badge in the header). */
  async function countMyUnread(actor: Actor): Promise<number> {
    return repo.countUnread(db, actor.id)
  }

  /**
   * Marks the actor's messages read (the listed ones, or all); ids of other accounts' messages change nothing.
   * Throws NOTIFICATIONS_NOTHING_TO_MARK, NOTIFICATIONS_TOO_MANY_IDS (400).
   */
  async function markMyMessagesRead(actor: Actor, body: MarkReadBody): Promise<{ unread: number }> {
    if (!body.all && (!body.ids || body.ids.length === 0)) throw notificationErrors.nothingToMark()
    if (body.ids && body.ids.length > MAX_MARK_READ_IDS) throw notificationErrors.tooManyIds(MAX_MARK_READ_IDS)
    return db.transaction(async (tx) => {
      await repo.markRead(tx, actor.id, body.all ? null : (body.ids ?? []), clock.now())
      return { unread: await repo.countUnread(tx, actor.id) }
    })
  }

  /** The outbox for the centre's administrators, newest first; phones masked. */
  async function listOutbox(query: OutboxQuery): Promise<OutboxPage> {
    const pageSize = query.pageSize ?? 20
    const page = query.page ?? 1
    const { rows, total } = await repo.listOutbox(
      db,
      {
        ...(query.state ? { state: query.state } : {}),
        ...(query.channel ? { channel: query.channel } : {}),
        ...(query.caseId ? { caseId: query.caseId } : {}),
        ...(query.from ? { from: new Date(query.from) } : {}),
        ...(query.to ? { to: new Date(query.to) } : {}),
      },
      { limit: pageSize, offset: (page - 1) * pageSize },
    )
    const items = rows.map((row): OutboxEntry => {
      let maskedPhone: string | null = null
      if (row.phone_cipher) {
        try {
          maskedPhone = maskPhone(cipher.decrypt(row.phone_cipher, bindPhone(row.id)))
        } catch {
          maskedPhone = '（无法解密）'
        }
      }
      return {
        id: row.id,
        channel: row.channel,
        state: row.state,
        caseId: row.case_id,
        hasAccount: row.account_id !== null,
        text: row.text,
        maskedPhone,
        attempts: row.attempts,
        adapter: row.adapter,
        lastError: row.last_error,
        createdAt: row.created_at.toISOString(),
        sentAt: row.sent_at?.toISOString() ?? null,
      }
    })
    return { items, total }
  }

  return {
    enqueueNotification,
    deliverDueSms,
    installSmsDelivery,
    listMyMessages,
    countMyUnread,
    markMyMessagesRead,
    listOutbox,
  }
}

export type Notifications = ReturnType<typeof createNotifications>
