import type { Queryable, Transaction } from '../../platform/db/index.js'
import type { AuditRecordQuery, AuditRecordView } from './audit.schemas.js'
import type { ChainedRecord } from './audit-chain.js'

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
): Promise<{ head: { lastSeq: number; lastHash: string }; pending: (PendingRecord & { id: number })[] }> {
  const [locked, listed] = await tx.queryEach([
    { text: 'SELECT last_seq, last_hash FROM audit.chain_head WHERE id = 1 FOR UPDATE' },
    { text: `SELECT id, ${PENDING_COLUMNS} FROM audit.pending_records ORDER BY id LIMIT $1`, params: [limit] },
  ])
  const head = locked?.rows[0] as { last_seq: number; last_hash: string } | undefined
  if (!head) throw new Error('audit.chain_head is missing its row')
  return {
    head: { lastSeq: Number(head.last_seq), lastHash: head.last_hash },
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
): Promise<void> {
  const last = links.at(-1)
  if (!last) return
  const params: unknown[] = [last.record.seq, last.hash, pendingIds]
  const rows = links.map(({ record, prevHash, hash }) => {
    const values = [record.seq, ...pendingValues(record), prevHash, hash]
    const first = params.length + 1
    params.push(...values)
    return `(${values.map((_, index) => `$${first + index}`).join(', ')})`
  })
  await tx.queryLater(
    `WITH linked AS (DELETE FROM audit.pending_records WHERE id = ANY($3::bigint[])),
     appended AS (INSERT INTO audit.records (${COLUMNS}) VALUES ${rows.join(', ')})
     UPDATE audit.chain_head SET last_seq = $1, last_hash = $2 WHERE id = 1`,
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

export async function findChainHead(db: Queryable): Promise<{ lastSeq: number; lastHash: string }> {
  const { rows } = await db.query<{ last_seq: number; last_hash: string }>(
    'SELECT last_seq, last_hash FROM audit.chain_head WHERE id = 1',
  )
  return { lastSeq: Number(rows[0]?.last_seq ?? 0), lastHash: rows[0]?.last_hash ?? '' }
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

export async function insertAlert(
  db: Queryable,
  alert: { kind: string; message: string; firstBrokenSeq: number | null },
): Promise<void> {
  await db.query('INSERT INTO audit.alerts (kind, message, first_broken_seq) VALUES ($1, $2, $3)', [
    alert.kind,
    alert.message,
    alert.firstBrokenSeq,
  ])
}

export async function listAlerts(db: Queryable) {
  const { rows } = await db.query<{
    id: number
    raised_at: Date
    kind: string
    message: string
    first_broken_seq: number | null
  }>('SELECT id, raised_at, kind, message, first_broken_seq FROM audit.alerts ORDER BY id DESC LIMIT 100')
  return rows.map((row) => ({
    id: Number(row.id),
    raisedAt: row.raised_at.toISOString(),
    kind: row.kind,
    message: row.message,
    firstBrokenSeq: row.first_broken_seq === null ? null : Number(row.first_broken_seq),
  }))
}
