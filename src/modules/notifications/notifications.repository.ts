import type { Queryable, Transaction } from '../../platform/db/index.js'

export type OutboxChannel = 'sms' | 'site'
export type OutboxState = 'pending' | 'sent' | 'failed'

export type NewOutboxRow = {
  id: string
  accountId: string | null
  caseId: string | null
  channel: OutboxChannel
  text: string
  phoneCipher: string | null
  state: OutboxState
  lastError: string | null
  createdAt: Date
  sentAt: Date | null
}

/** Queued with the transaction's next statement: nobody reads its result. */
export async function insertOutboxRow(tx: Transaction, row: NewOutboxRow): Promise<void> {
  await tx.queryLater(
    `INSERT INTO notifications.outbox (id, account_id, case_id, channel, text, phone_cipher, state, last_error,
       created_at, sent_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      row.id,
      row.accountId,
      row.caseId,
      row.channel,
      row.text,
      row.phoneCipher,
      row.state,
      row.lastError,
      row.createdAt,
      row.sentAt,
    ],
  )
}

/** Queued with the transaction's next statement. */
export async function insertMessage(
  tx: Transaction,
  row: {
    id: string
    accountId: string
    outboxId: string
    caseId: string | null
    title: string
    text: string
    link: string | null
    createdAt: Date
  },
): Promise<void> {
  await tx.queryLater(
    `INSERT INTO notifications.messages (id, account_id, outbox_id, case_id, title, text, link, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [row.id, row.accountId, row.outboxId, row.caseId, row.title, row.text, row.link, row.createdAt],
  )
}

export type ClaimedSms = { id: string; phone_cipher: string; text: string; attempts: number }

/**
 * Claims up to `limit` due text messages: counts the attempt and holds them back until `leaseUntil`, so another
 * process skips them while this one sends (and picks them up again if this one dies).
 */
export async function claimDueSms(q: Queryable, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedSms[]> {
  const { rows } = await q.query<ClaimedSms>(
    `UPDATE notifications.outbox SET attempts = attempts + 1, next_attempt_at = $2
      WHERE id IN (
        SELECT id FROM notifications.outbox
         WHERE state = 'pending' AND channel = 'sms' AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
         ORDER BY created_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING id, phone_cipher, text, attempts`,
    [now, leaseUntil, limit],
  )
  return rows
}

export async function markSmsSent(q: Queryable, id: string, adapter: string, at: Date): Promise<void> {
  await q.query(
    `UPDATE notifications.outbox SET state = 'sent', adapter = $2, sent_at = $3, next_attempt_at = NULL,
       last_error = NULL WHERE id = $1 AND state = 'pending'`,
    [id, adapter, at],
  )
}

/** Records a failed attempt: pending again from `retryAt`, or failed for good when `retryAt` is null. */
export async function markSmsAttemptFailed(
  q: Queryable,
  id: string,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await q.query(
    `UPDATE notifications.outbox SET last_error = $2, next_attempt_at = $3,
       state = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END
     WHERE id = $1 AND state = 'pending'`,
    [id, error, retryAt],
  )
}

/** The earliest moment a pending text message is due, or undefined when none is pending. */
export async function findNextSmsDue(q: Queryable): Promise<Date | undefined> {
  const { rows } = await q.query<{ due: Date | null }>(
    `SELECT min(COALESCE(next_attempt_at, created_at)) AS due FROM notifications.outbox
      WHERE state = 'pending' AND channel = 'sms'`,
  )
  return rows[0]?.due ?? undefined
}

export type MessageRow = {
  id: string
  case_id: string | null
  title: string
  text: string
  link: string | null
  created_at: Date
  read_at: Date | null
}

export async function listMessages(
  q: Queryable,
  accountId: string,
  options: { limit: number; offset: number; unreadOnly: boolean },
): Promise<{ rows: MessageRow[]; total: number; unread: number }> {
  const { rows } = await q.query<MessageRow>(
    `SELECT id, case_id, title, text, link, created_at, read_at FROM notifications.messages
      WHERE account_id = $1 AND ($4::boolean IS FALSE OR read_at IS NULL)
      ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
    [accountId, options.limit, options.offset, options.unreadOnly],
  )
  const counts = await q.query<{ total: number; unread: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
       FROM notifications.messages WHERE account_id = $1`,
    [accountId],
  )
  const total = Number(counts.rows[0]?.total ?? 0)
  const unread = Number(counts.rows[0]?.unread ?? 0)
  return { rows, total: options.unreadOnly ? unread : total, unread }
}

export async function countUnread(q: Queryable, accountId: string): Promise<number> {
  const { rows } = await q.query<{ unread: number }>(
    'SELECT count(*)::int AS unread FROM notifications.messages WHERE account_id = $1 AND read_at IS NULL',
    [accountId],
  )
  return Number(rows[0]?.unread ?? 0)
}

/** Marks the account's own messages read (all of them when `ids` is null); another account's ids match nothing. */
export async function markRead(q: Queryable, accountId: string, ids: string[] | null, at: Date): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE notifications.messages SET read_at = $3
      WHERE account_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
    [accountId, ids, at],
  )
  return rowCount
}

export type OutboxRow = {
  id: string
  account_id: string | null
  case_id: string | null
  channel: OutboxChannel
  text: string
  phone_cipher: string | null
  state: OutboxState
  attempts: number
  adapter: string | null
  last_error: string | null
  created_at: Date
  sent_at: Date | null
}

export type OutboxFilter = {
  state?: OutboxState
  channel?: OutboxChannel
  caseId?: string
  from?: Date
  to?: Date
}

export async function listOutbox(
  q: Queryable,
  filter: OutboxFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: OutboxRow[]; total: number }> {
  const where = `WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR channel = $2)
      AND ($3::uuid IS NULL OR case_id = $3) AND ($4::timestamptz IS NULL OR created_at >= $4)
      AND ($5::timestamptz IS NULL OR created_at < $5)`
  const params = [
    filter.state ?? null,
    filter.channel ?? null,
    filter.caseId ?? null,
    filter.from ?? null,
    filter.to ?? null,
  ]
  const { rows } = await q.query<OutboxRow>(
    `SELECT id, account_id, case_id, channel, text, phone_cipher, state, attempts, adapter, last_error, created_at,
            sent_at
       FROM notifications.outbox ${where} ORDER BY created_at DESC, id DESC LIMIT $6 OFFSET $7`,
    [...params, page.limit, page.offset],
  )
  const count = await q.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM notifications.outbox ${where}`,
    params,
  )
  return { rows, total: Number(count.rows[0]?.total ?? 0) }
}
