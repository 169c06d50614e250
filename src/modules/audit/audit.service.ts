import type { Db, Transaction } from '../../platform/db/index.js'
import * as records from './audit.repository.js'
import type { AuditContext, AuditEntry, AuditRecordPage, AuditRecordQuery, ChainVerification } from './audit.schemas.js'
import { buildRecordHash, type ChainBreak, findChainBreak, GENESIS_HASH } from './audit-chain.js'

const VERIFY_BATCH = 2000

export function createAuditService({ db }: { db: Db }) {
  // Contexts whose request already left a committed record, so the request hook does not add a second one.
  const recordedContexts = new WeakSet<AuditContext>()

  /** Appends a record inside the caller's transaction: it commits or rolls back with the change it describes. */
  async function record(tx: Transaction, context: AuditContext, entry: AuditEntry): Promise<void> {
    const head = await records.lockChainHead(tx)
    const actor = entry.actor ?? context.actor
    const chained = {
      seq: head.lastSeq + 1,
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
    }
    const hash = buildRecordHash(head.lastHash, chained)
    await records.appendRecord(tx, chained, head.lastHash, hash)
    tx.afterCommit(() => void recordedContexts.add(context))
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
    if (!broken) {
      const head = await records.findChainHead(db)
      if (head.lastSeq !== previous.seq || head.lastHash !== previous.hash) {
        const seq = Math.min(head.lastSeq, previous.seq) + 1
        broken = { seq, reason: `链尾与记录不符：链头指向记录 ${head.lastSeq}，表中最后一条是 ${previous.seq}` }
      }
    }
    return { intact: broken === null, checked: broken ? broken.seq - 1 : previous.seq, firstBroken: broken }
  }

  async function listRecords(query: AuditRecordQuery): Promise<AuditRecordPage> {
    return records.listRecords(db, query)
  }

  return { record, recordNow, isRecorded, verifyChain, listRecords }
}

export type AuditService = ReturnType<typeof createAuditService>
