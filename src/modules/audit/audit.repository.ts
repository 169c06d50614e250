import { AdvisoryLock, type Queryable, type Transaction } from '../../platform/db/index.js'
import type { AuditRecordQuery, AuditRecordView, SecurityAlert } from './audit.schemas.js'
import type { ChainedRecord } from './audit-chain.js'

// The two-key advisory lock form: this class, and a hash of kind and target.
const SECURITY_ALERT_LOCK = AdvisoryLock.securityAlerts

type RecordRow = {
  seq: number
  occurred_at: Date
  actor_id: string | null
  actor_name: string | null
  roles: string[]
  department_id: string | null
  department_name: string | null
  action: string
  target: string | null
  result: string
  client_address: string | null
  request_id: string | null
  details: Record<string, unknown> | null
  prev_hash: string
  hash: string
}

const COLUMNS =
  'seq, occurred_at, actor_id, actor_name, roles, department_id, department_name, action, target, result, client_address, request_id, details, prev_hash, hash'

type EntryRow = Omit<RecordRow, 'seq' | 'prev_hash' | 'hash'>

function toEntry(row: EntryRow): Omit<ChainedRecord, 'seq'> {
  return {
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    roles: row.roles,
    departmentId: row.department_id,
    departmentName: row.department_name,
    action: row.action,
    target: row.target,
    result: row.result,
    clientAddress: row.client_address,
    requestId: row.request_id,
    details: row.details,
  }
}

function toChained(row: RecordRow): ChainedRecord & { prevHash: string; hash: string } {
  return { seq: Number(row.seq), ...toEntry(row), prevHash: row.prev_hash, hash: row.hash }
}

/** Locks the chain head for this transaction: appends are serialized so the chain never forks. */
const PENDING_COLUMNS =
  'occurred_at, actor_id, actor_name, roles, department_id, department_name, action, target, result, client_address, request_id, details'

export type PendingRecord = Omit<ChainedRecord, 'seq'>

/** A record's values in the order of PENDING_COLUMNS. */
function pendingValues(record: PendingRecord): unknown[] {
  return [
    record.occurredAt,
    record.actorId,
    record.actorName,
    record.roles,
    record.departmentId,
    record.departmentName,
    record.action,
    record.target,
    record.result,
    record.clientAddress,
    record.requestId,
    record.details === null || record.details === undefined ? null : JSON.stringify(record.details),
  ]
}

/** Writes a record, not yet linked, in the caller's transaction. */
/** Queued on the transaction: it is written with the change's next statement or its COMMIT. */
export async function insertPendingRecord(tx: Transaction, record: PendingRecord): Promise<void> {
  await tx.queryLater(
    `INSERT INTO audit.pending_records (${PENDING_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    pendingValues(record),
  )
}

/**
 * Locks the chain head, then reads the oldest pending records — sent together, the read starting once the lock is
 * granted, so it sees exactly the records no other link pass has taken.
 */
export async function lockHeadAndListPending(
  tx: Transaction,
  limit: number,
): Promise<{
  head: { lastSeq: number; lastHash: string; keyedFromSeq: number | null }
  pending: (PendingRecord & { id: number })[]
}> {
  const [locked, listed] = await tx.queryEach([
    { text: 'SELECT last_seq, last_hash, keyed_from_seq FROM audit.chain_head WHERE id = 1 FOR UPDATE' },
    { text: `SELECT id, ${PENDING_COLUMNS} FROM audit.pending_records ORDER BY id LIMIT $1`, params: [limit] },
  ])
  const head = locked?.rows[0] as { last_seq: number; last_hash: string; keyed_from_seq: number | null } | undefined
  if (!head) throw new Error('audit.chain_head is missing its row')
  return {
    head: {
      lastSeq: Number(head.last_seq),
      lastHash: head.last_hash,
      keyedFromSeq: head.keyed_from_seq === null ? null : Number(head.keyed_from_seq),
    },
    pending: ((listed?.rows ?? []) as (EntryRow & { id: number })[]).map((row) => ({
      id: Number(row.id),
      ...toEntry(row),
    })),
  }
}

/** Moves pending records into the chain as `links` and the chain head to the last of them, in one statement. */
export async function linkPendingRecords(
  tx: Transaction,
  pendingIds: readonly number[],
  links: readonly { record: ChainedRecord; prevHash: string; hash: string }[],
  keyedFromSeq: number,
): Promise<void> {
  const last = links.at(-1)
  if (!last) return
  const params: unknown[] = [last.record.seq, last.hash, pendingIds, keyedFromSeq]
  const rows = links.map(({ record, prevHash, hash }) => {
    const values = [record.seq, ...pendingValues(record), prevHash, hash]
    const first = params.length + 1
    params.push(...values)
    return `(${values.map((_, index) => `$${first + index}`).join(', ')})`
  })
  await tx.queryLater(
    `WITH linked AS (DELETE FROM audit.pending_records WHERE id = ANY($3::bigint[])),
     appended AS (INSERT INTO audit.records (${COLUMNS}) VALUES ${rows.join(', ')})
     UPDATE audit.chain_head SET last_seq = $1, last_hash = $2, keyed_from_seq = COALESCE(keyed_from_seq, $4)
     WHERE id = 1`,
    params,
  )
}

/** Records in chain order after `afterSeq`, for verification in batches. */
export async function listChainBatch(db: Queryable, afterSeq: number, limit: number) {
  const { rows } = await db.query<RecordRow>(
    `SELECT ${COLUMNS} FROM audit.records WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  )
  return rows.map(toChained)
}

export async function findChainHead(
  db: Queryable,
): Promise<{ lastSeq: number; lastHash: string; keyedFromSeq: number | null }> {
  const { rows } = await db.query<{ last_seq: number; last_hash: string; keyed_from_seq: number | null }>(
    'SELECT last_seq, last_hash, keyed_from_seq FROM audit.chain_head WHERE id = 1',
  )
  const keyedFromSeq = rows[0]?.keyed_from_seq
  return {
    lastSeq: Number(rows[0]?.last_seq ?? 0),
    lastHash: rows[0]?.last_hash ?? '',
    keyedFromSeq: keyedFromSeq === null || keyedFromSeq === undefined ? null : Number(keyedFromSeq),
  }
}

/** Whether the trail already says that the restore signed at `markerAt` happened. */
export async function hasRestoredRecord(db: Queryable, action: string, markerAt: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM audit.records WHERE action = $1 AND details->>'markerAt' = $2 LIMIT 1`,
    [action, markerAt],
  )
  return rows.length > 0
}

/** The lowest seq of a record with this action (the start of the keyed segment), or undefined. */
export async function findFirstRecordSeq(db: Queryable, action: string): Promise<number | undefined> {
  const { rows } = await db.query<{ seq: number | null }>(
    'SELECT min(seq) AS seq FROM audit.records WHERE action = $1',
    [action],
  )
  const seq = rows[0]?.seq
  return seq === null || seq === undefined ? undefined : Number(seq)
}

/** A filtered page of records, newest first. Filters are bound parameters, never spliced into SQL. */
export async function listRecords(
  db: Queryable,
  query: AuditRecordQuery,
): Promise<{ total: number; records: AuditRecordView[] }> {
  const conditions: string[] = []
  const params: unknown[] = []
  const bind = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  if (query.action) conditions.push(`action LIKE ${bind(`${query.action.replace(/[\\%_]/g, '\\$&')}%`)}`)
  if (query.actor) conditions.push(`actor_name LIKE ${bind(`%${query.actor.replace(/[\\%_]/g, '\\$&')}%`)}`)
  if (query.actorId) conditions.push(`actor_id = ${bind(query.actorId)}`)
  if (query.result) conditions.push(`result = ${bind(query.result)}`)
  if (query.from) conditions.push(`occurred_at >= ${bind(new Date(query.from))}`)
  if (query.to) conditions.push(`occurred_at <= ${bind(new Date(query.to))}`)
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''
  const total = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM audit.records ${where}`, params)
  const page = await db.query<RecordRow>(
    `SELECT ${COLUMNS} FROM audit.records ${where} ORDER BY seq DESC LIMIT ${bind(query.limit ?? 50)} OFFSET ${bind(query.offset ?? 0)}`,
    params,
  )
  return {
    total: total.rows[0]?.total ?? 0,
    records: page.rows.map((row) => ({
      seq: Number(row.seq),
      occurredAt: row.occurred_at.toISOString(),
      actorName: row.actor_name,
      roles: row.roles,
      departmentName: row.department_name,
      action: row.action,
      target: row.target,
      result: row.result as AuditRecordView['result'],
      clientAddress: row.client_address,
      requestId: row.request_id,
      details: row.details,
    })),
  }
}

export async function findRecordHash(db: Queryable, seq: number): Promise<string | undefined> {
  const { rows } = await db.query<{ hash: string }>('SELECT hash FROM audit.records WHERE seq = $1', [seq])
  return rows[0]?.hash
}

type SecurityAlertRow = {
  id: number
  kind: string
  title: string
  detail: string | null
  target: string | null
  first_raised_at: Date
  last_raised_at: Date
  count: number
  acknowledged_by_name: string | null
  acknowledged_at: Date | null
}

const ALERT_COLUMNS =
  'id, kind, title, detail, target, first_raised_at, last_raised_at, count, acknowledged_by_name, acknowledged_at'

function toSecurityAlert(row: SecurityAlertRow): SecurityAlert {
  return {
    id: Number(row.id),
    kind: row.kind,
    title: row.title,
    detail: row.detail,
    target: row.target,
    firstRaisedAt: row.first_raised_at.toISOString(),
    lastRaisedAt: row.last_raised_at.toISOString(),
    count: Number(row.count),
    acknowledgedByName: row.acknowledged_by_name,
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
  }
}

/**
 * Counts a repeat on the open alert of the same kind and target raised within `dedupSeconds`, or opens a new one.
 * The advisory lock (per kind and target, for this transaction) keeps two processes from both opening one.
 */
export async function raiseSecurityAlert(
  tx: Transaction,
  alert: { kind: string; title: string; detail: string | null; target: string | null },
  dedupSeconds: number,
): Promise<{ alert: SecurityAlert; isRepeat: boolean }> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
    SECURITY_ALERT_LOCK,
    `${alert.kind}|${alert.target ?? ''}`,
  ])
  const repeated = await tx.query<SecurityAlertRow>(
    `UPDATE audit.security_alerts SET count = count + 1, last_raised_at = now(), detail = COALESCE($3, detail)
     WHERE id = (SELECT id FROM audit.security_alerts
                 WHERE kind = $1 AND target IS NOT DISTINCT FROM $2 AND acknowledged_at IS NULL
                   AND last_raised_at > now() - make_interval(secs => $4)
                 ORDER BY id DESC LIMIT 1)
     RETURNING ${ALERT_COLUMNS}`,
    [alert.kind, alert.target, alert.detail, dedupSeconds],
  )
  const row = repeated.rows[0]
  if (row) return { alert: toSecurityAlert(row), isRepeat: true }
  const inserted = await tx.query<SecurityAlertRow>(
    `INSERT INTO audit.security_alerts (kind, title, detail, target) VALUES ($1, $2, $3, $4) RETURNING ${ALERT_COLUMNS}`,
    [alert.kind, alert.title, alert.detail, alert.target],
  )
  return { alert: toSecurityAlert(inserted.rows[0] as SecurityAlertRow), isRepeat: false }
}

/** Open alerts first, then the newest acknowledged ones. */
export async function listSecurityAlerts(db: Queryable, limit: number): Promise<SecurityAlert[]> {
  const { rows } = await db.query<SecurityAlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM audit.security_alerts
     ORDER BY acknowledged_at IS NOT NULL, last_raised_at DESC, id DESC LIMIT $1`,
    [limit],
  )
  return rows.map(toSecurityAlert)
}

export async function countOpenSecurityAlerts(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ open: number }>(
    'SELECT count(*)::int AS open FROM audit.security_alerts WHERE acknowledged_at IS NULL',
  )
  return rows[0]?.open ?? 0
}

/** Locks one alert for acknowledging it; undefined when there is no such alert. */
export async function findSecurityAlertForUpdate(tx: Transaction, id: number): Promise<SecurityAlert | undefined> {
  const { rows } = await tx.query<SecurityAlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM audit.security_alerts WHERE id = $1 FOR UPDATE`,
    [id],
  )
  return rows[0] && toSecurityAlert(rows[0])
}

export async function acknowledgeSecurityAlert(
  tx: Transaction,
  id: number,
  by: { accountId: string; displayName: string },
): Promise<SecurityAlert> {
  const { rows } = await tx.query<SecurityAlertRow>(
    `UPDATE audit.security_alerts SET acknowledged_by = $2, acknowledged_by_name = $3, acknowledged_at = now()
     WHERE id = $1 RETURNING ${ALERT_COLUMNS}`,
    [id, by.accountId, by.displayName],
  )
  return toSecurityAlert(rows[0] as SecurityAlertRow)
}
