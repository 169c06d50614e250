import type { Db, Transaction } from '../../platform/db/index.js'
import * as records from './audit.repository.js'
import type { AuditContext, AuditEntry, AuditRecordPage, AuditRecordQuery, ChainVerification } from './audit.schemas.js'
import type { AnchorStore } from './audit-anchors.js'
import { buildRecordHash, type ChainBreak, findChainBreak, GENESIS_HASH } from './audit-chain.js'

const VERIFY_BATCH = 2000
const LINK_BATCH = 500
const SYSTEM_CONTEXT = { actor: null, clientAddress: null, requestId: null }

const CSV_COLUMNS = [
  '序号',
  '时间',
  '操作人',
  '角色',
  '部门',
  '操作',
  '对象',
  '结果',
  '客户端地址',
  '请求编号',
] as const

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value)
  // A leading = + - @ would make a spreadsheet run it as a formula (CSV injection).
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** The audit trail. With `anchors`, verification also compares the chain with the signed anchors kept outside it. */
export function createAuditService({ db, anchors }: { db: Db; anchors?: AnchorStore }) {
  // Contexts whose request already left a committed record, so the request hook does not add a second one.
  const recordedContexts = new WeakSet<AuditContext>()

  /**
   * Writes a record inside the caller's transaction: it commits or rolls back with the change it describes. Once
   * that commits, the record is linked into the chain before the caller goes on (a crash in between leaves it
   * waiting, and the next link pass of any process takes it).
   */
  async function record(tx: Transaction, context: AuditContext, entry: AuditEntry): Promise<void> {
    const actor = entry.actor ?? context.actor
    await records.insertPendingRecord(tx, {
      occurredAt: new Date(),
      actorId: actor?.accountId ?? null,
      actorName: actor?.displayName ?? null,
      roles: [...(actor?.roles ?? [])],
      departmentId: actor?.departmentId ?? null,
      departmentName: actor?.departmentName ?? null,
      action: entry.action,
      target: entry.target ?? null,
      result: entry.result,
      clientAddress: context.clientAddress,
      requestId: context.requestId,
      details: entry.details ?? null,
    })
    tx.afterCommit(async () => {
      recordedContexts.add(context)
      await linkPendingRecords()
    })
  }

  // One link pass at a time per process; callers that arrive during a pass share the next one, which starts after
  // their records committed. Under load a pass links a batch, so the chain head is locked once per batch.
  let running: Promise<void> | undefined
  let queued: Promise<void> | undefined

  /** Links every committed pending record into the chain. */
  function linkPendingRecords(): Promise<void> {
    queued ??= (running ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        queued = undefined
        const pass = linkAllPending()
        running = pass
        return pass.finally(() => {
          if (running === pass) running = undefined
        })
      })
    return queued
  }

  async function linkAllPending(): Promise<void> {
    for (;;) {
      const linked = await db.transaction(linkBatch)
      if (linked < LINK_BATCH) return
    }
  }

  async function linkBatch(tx: Transaction): Promise<number> {
    const { head, pending } = await records.lockHeadAndListPending(tx, LINK_BATCH)
    let previous = { seq: head.lastSeq, hash: head.lastHash }
    const links = pending.map(({ id: _id, ...entry }) => {
      const record = { seq: previous.seq + 1, ...entry }
      const link = { record, prevHash: previous.hash, hash: buildRecordHash(previous.hash, record) }
      previous = { seq: record.seq, hash: link.hash }
      return link
    })
    await records.linkPendingRecords(
      tx,
      pending.map((entry) => entry.id),
      links,
    )
    return pending.length
  }

  /** Appends a record in a transaction of its own (for refusals, where no change is made). */
  async function recordNow(context: AuditContext, entry: AuditEntry): Promise<void> {
    await db.transaction((tx) => record(tx, context, entry))
  }

  function isRecorded(context: AuditContext): boolean {
    return recordedContexts.has(context)
  }

  /** Walks the whole chain in order and names the first record that is missing, moved or changed. */
  async function verifyChain(): Promise<ChainVerification> {
    await linkPendingRecords()
    let previous = { seq: 0, hash: GENESIS_HASH }
    let broken: ChainBreak | null = null
    for (;;) {
      const batch = await records.listChainBatch(db, previous.seq, VERIFY_BATCH)
      if (batch.length === 0) break
      const outcome = findChainBreak(previous, batch)
      if ('broken' in outcome) {
        broken = outcome.broken
        break
      }
      previous = outcome.previous
    }
    if (!broken && anchors) broken = await compareWithAnchor(previous.seq)
    if (!broken) {
      const head = await records.findChainHead(db)
      if (head.lastSeq !== previous.seq || head.lastHash !== previous.hash) {
        const seq = Math.min(head.lastSeq, previous.seq) + 1
        broken = { seq, reason: `链尾与记录不符：链头指向记录 ${head.lastSeq}，表中最后一条是 ${previous.seq}` }
      }
    }
    return { intact: broken === null, checked: broken ? broken.seq - 1 : previous.seq, firstBroken: broken }
  }

  // Cutting the tail (deleting the newest records and rewinding the head) leaves a valid chain: only an anchor
  // kept outside the database remembers how far the chain once reached.
  async function compareWithAnchor(lastSeq: number): Promise<ChainBreak | null> {
    const anchor = anchors?.findLatestAnchor()
    if (!anchor) return null
    if (anchor.seq > lastSeq) {
      return { seq: lastSeq + 1, reason: `链尾被截断：签名锚点记录到第 ${anchor.seq} 条，表中只到第 ${lastSeq} 条` }
    }
    const hash = await records.findRecordHash(db, anchor.seq)
    if (hash !== anchor.hash) return { seq: anchor.seq, reason: `记录 ${anchor.seq} 与签名锚点（${anchor.at}）不符` }
    return null
  }

  /**
   * The daily check: verify the chain, sign an anchor of its end when intact, write the day's report, and raise an
   * alert for the audit administrator when it is broken.
   */
  async function runDailyVerification(now = new Date()): Promise<ChainVerification> {
    const verification = await verifyChain()
    const head = await records.findChainHead(db)
    if (verification.intact) anchors?.writeAnchor({ seq: head.lastSeq, hash: head.lastHash }, now)
    anchors?.writeReport(now, { ...verification, head })
    await db.transaction(async (tx) => {
      if (!verification.intact) {
        await records.insertAlert(tx, {
          kind: 'chain_broken',
          message: `审计链校验失败：${verification.firstBroken?.reason ?? ''}`,
          firstBrokenSeq: verification.firstBroken?.seq ?? null,
        })
      }
      await record(tx, SYSTEM_CONTEXT, {
        action: 'audit.chain.daily_verification',
        result: verification.intact ? 'success' : 'failure',
        details: { checked: verification.checked, firstBroken: verification.firstBroken?.seq ?? null },
      })
    })
    return verification
  }

  /** Records matching the filters as CSV (UTF-8 with BOM so spreadsheets read the Chinese), newest first. */
  async function exportCsv(query: AuditRecordQuery): Promise<string> {
    await linkPendingRecords()
    const lines = [CSV_COLUMNS.join(',')]
    for (let offset = 0; ; offset += 500) {
      const page = await records.listRecords(db, { ...query, limit: 500, offset })
      for (const entry of page.records) {
        lines.push(
          [
            entry.seq,
            entry.occurredAt,
            entry.actorName,
            entry.roles.join(' '),
            entry.departmentName,
            entry.action,
            entry.target,
            entry.result,
            entry.clientAddress,
            entry.requestId,
          ]
            .map(csvCell)
            .join(','),
        )
      }
      if (page.records.length < 500) break
    }
    return `\uFEFF${lines.join('\r\n')}\r\n`
  }

  async function listAlerts() {
    return records.listAlerts(db)
  }

  async function listRecords(query: AuditRecordQuery): Promise<AuditRecordPage> {
    await linkPendingRecords()
    return records.listRecords(db, query)
  }

  return {
    record,
    recordNow,
    isRecorded,
    linkPendingRecords,
    verifyChain,
    runDailyVerification,
    exportCsv,
    listAlerts,
    listRecords,
  }
}

export type AuditService = ReturnType<typeof createAuditService>
