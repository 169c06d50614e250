import type { Db, Transaction } from '../../platform/db/index.js'
import { auditErrors } from './audit.errors.js'
import * as records from './audit.repository.js'
import type {
  AuditActor,
  AuditContext,
  AuditEntry,
  AuditRecordPage,
  AuditRecordQuery,
  ChainVerification,
  SecurityAlert,
  SecurityAlertInput,
  SecurityAlertList,
} from './audit.schemas.js'
import {
  buildChainHasher,
  buildRecordHash,
  type ChainBreak,
  type ChainedRecord,
  findChainBreak,
  GENESIS_HASH,
  KEYED_SEGMENT_ACTION,
} from './audit-chain.js'
import {
  type ChainPoint,
  type CheckpointStore,
  findLegacyAnchor,
  type RestoreMarker,
  removeLegacyAnchorKey,
} from './audit-checkpoints.js'

const VERIFY_BATCH = 2000
const LINK_BATCH = 500
const SYSTEM_CONTEXT = { actor: null, clientAddress: null, requestId: null }
/** The record the first link pass after `npm run restore` adds, so the trail itself says a restore happened. */
export const CHAIN_RESTORED_ACTION = 'audit.chain.restored'
// Repeats of one kind and target within this window are counted on one alert instead of flooding the list.
const ALERT_DEDUP_SECONDS = 5 * 60

/** Where `raiseAlert` writes: in the caller's transaction when given (never call it with db inside one), and as whom. */
export type RaiseAlertOptions = { tx?: Transaction; context?: AuditContext }

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

type ChainEnd = { seq: number; hash: string }

/**
 * The audit trail. Records are linked with HMAC-SM3 under `chainKey` (derived from the master key; the database never
 * holds it), and the chain's end is signed into `checkpoints` (outside the database) after link passes, at most every
 * `checkpointIntervalMs`, so verification also finds a table that was cut, rewound or restored.
 */
export function createAuditService({
  db,
  chainKey,
  checkpoints,
  checkpointIntervalMs = 30_000,
  onBackgroundError = () => undefined,
}: {
  db: Db
  chainKey: Uint8Array
  checkpoints?: CheckpointStore
  checkpointIntervalMs?: number
  onBackgroundError?: (error: unknown, what: string) => void
}) {
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

  // Set once this process has seen the keyed segment started (it never ends).
  let keyedFromSeq: number | undefined
  // The result of checking the plain (pre-HMAC) chain, sealed into the record that starts the keyed segment.
  let plainSegmentCheck: ChainVerification | undefined

  // The newest restore marker, looked up by this process's first link pass; null once recorded or when none.
  let restoreToRecord: RestoreMarker | null | undefined

  async function linkAllPending(): Promise<void> {
    if (keyedFromSeq === undefined) await checkPlainSegment()
    // A restore is done with Tongban stopped, so the processes that start afterwards look once.
    if (restoreToRecord === undefined) restoreToRecord = checkpoints?.findRestore()?.marker ?? null
    let end: ChainEnd | undefined
    let sealedPlainSegment = false
    for (;;) {
      const batch = await db.transaction(linkBatch)
      end = batch.end ?? end
      sealedPlainSegment ||= batch.sealedPlainSegment
      if (batch.linked < LINK_BATCH) break
    }
    // Not awaited: an alert it raises is itself a record, whose link pass waits for this one to end.
    if (sealedPlainSegment && end)
      void afterPlainSegmentSealed(end).catch((error) => onBackgroundError(error, 'could not seal the plain chain'))
    else if (end) noteLinked(end)
  }

  async function linkBatch(tx: Transaction): Promise<{ linked: number; end?: ChainEnd; sealedPlainSegment: boolean }> {
    const { head, pending } = await records.lockHeadAndListPending(tx, LINK_BATCH)
    let previous = { seq: head.lastSeq, hash: head.lastHash }
    const entries: Omit<ChainedRecord, 'seq'>[] = pending.map(({ id: _id, ...entry }) => entry)
    const sealsPlainSegment = head.keyedFromSeq === null
    // The first link pass after a restore says so in the trail, before the records that follow it.
    const restoreRecord = await buildRestoreRecord(tx, head)
    if (restoreRecord) entries.unshift(restoreRecord)
    // The first link pass of this release starts the keyed segment with a record that seals the plain chain's end.
    if (sealsPlainSegment) entries.unshift(buildKeyedSegmentStart(head))
    keyedFromSeq = head.keyedFromSeq ?? head.lastSeq + 1
    const hashOf = buildChainHasher(chainKey, keyedFromSeq)
    const links = entries.map((entry) => {
      const record = { seq: previous.seq + 1, ...entry }
      const link = { record, prevHash: previous.hash, hash: hashOf(previous.hash, record) }
      previous = { seq: record.seq, hash: link.hash }
      return link
    })
    await records.linkPendingRecords(
      tx,
      pending.map((entry) => entry.id),
      links,
      keyedFromSeq,
    )
    return {
      linked: pending.length,
      end: links.length > 0 ? previous : undefined,
      sealedPlainSegment: sealsPlainSegment,
    }
  }

  /**
   * The `audit.chain.restored` record for the newest restore marker, unless the trail has it already or the table
   * does not hold the head the marker signed (that is tampering, which verification reports). Checked under the head
   * lock, so two processes starting together add it once.
   */
  async function buildRestoreRecord(
    tx: Transaction,
    head: { lastSeq: number },
  ): Promise<Omit<ChainedRecord, 'seq'> | undefined> {
    const marker = restoreToRecord
    if (!marker) return undefined
    restoreToRecord = null
    const restored = marker.restoredHead
    if (head.lastSeq < restored.seq) return undefined
    if (restored.seq > 0 && (await records.findRecordHash(tx, restored.seq)) !== restored.hash) return undefined
    if (await records.hasRestoredRecord(tx, CHAIN_RESTORED_ACTION, marker.at)) return undefined
    return {
      occurredAt: new Date(),
      actorId: null,
      actorName: null,
      roles: [],
      departmentId: null,
      departmentName: null,
      action: CHAIN_RESTORED_ACTION,
      target: `audit_record:${restored.seq}`,
      result: 'success',
      clientAddress: null,
      requestId: null,
      details: {
        markerAt: marker.at,
        restoredSeq: restored.seq,
        backupId: marker.backupId,
        backupCreatedAt: marker.backupCreatedAt,
        supersededSeq: marker.supersedes?.seq ?? null,
      },
    }
  }

  function buildKeyedSegmentStart(head: { lastSeq: number; lastHash: string }): Omit<ChainedRecord, 'seq'> {
    return {
      occurredAt: new Date(),
      actorId: null,
      actorName: null,
      roles: [],
      departmentId: null,
      departmentName: null,
      action: KEYED_SEGMENT_ACTION,
      target: null,
      result: 'success',
      clientAddress: null,
      requestId: null,
      details: {
        algorithm: 'hmac-sm3',
        plainUntilSeq: head.lastSeq,
        plainEndHash: head.lastHash,
        plainChainIntact: plainSegmentCheck?.intact ?? null,
        plainFirstBroken: plainSegmentCheck?.firstBroken?.seq ?? null,
      },
    }
  }

  // Before the keyed segment starts, the existing plain SM3 chain is verified one last time (with the anchor of the
  // old release, when there is one). Done outside the link transaction: it reads the whole table.
  async function checkPlainSegment(): Promise<void> {
    const head = await records.findChainHead(db)
    if (head.keyedFromSeq !== null) {
      keyedFromSeq = head.keyedFromSeq
      return
    }
    const walked = await walkChain(buildRecordHash)
    let broken = walked.broken
    const anchor = checkpoints ? findLegacyAnchor(checkpoints.dir) : undefined
    if (!broken && anchor) broken = await compareWithCheckpoint(walked.end.seq, anchor, '旧版签名锚点')
    plainSegmentCheck = {
      intact: !broken,
      checked: walked.end.seq,
      firstBroken: broken,
      checkpoint: null,
      restore: null,
    }
  }

  async function afterPlainSegmentSealed(end: ChainEnd): Promise<void> {
    // The start of the keyed segment is signed at once: from here a rewound table is always caught.
    await writeCheckpoint(end)
    if (checkpoints) removeLegacyAnchorKey(checkpoints.dir)
    if (plainSegmentCheck && !plainSegmentCheck.intact) await raiseChainBrokenAlert(plainSegmentCheck)
  }

  // Checkpoints: after a link pass, unless one was written less than the interval ago; then one is written when the
  // interval ends, so the newest records are never left uncovered for longer than that.
  let lastCheckpointAt = 0
  let checkpointTimer: NodeJS.Timeout | undefined

  function noteLinked(end: ChainEnd): void {
    if (!checkpoints) return
    const wait = lastCheckpointAt + checkpointIntervalMs - Date.now()
    if (wait <= 0) {
      void writeCheckpoint(end)
    } else {
      // Later, the chain's end as it is then (other processes may have linked further meanwhile).
      checkpointTimer ??= setTimeout(() => {
        checkpointTimer = undefined
        void writeHeadCheckpoint()
      }, wait)
      checkpointTimer.unref()
    }
  }

  async function writeHeadCheckpoint(at = new Date()): Promise<ChainPoint | undefined> {
    try {
      const head = await records.findChainHead(db)
      return await writeCheckpoint({ seq: head.lastSeq, hash: head.lastHash }, at)
    } catch (error) {
      onBackgroundError(error, 'could not write the audit checkpoint')
      return undefined
    }
  }

  /**
   * Signs the chain's end into the checkpoint store, after checking that the newest checkpoint still matches the table.
   * If it does not, the table was cut, rewound or replaced since: signing the new end would let the changed history
   * outgrow the checkpoint that proves it, so nothing is signed and an alert is raised instead. Never throws.
   */
  async function writeCheckpoint(end: ChainEnd, at = new Date()): Promise<ChainPoint | undefined> {
    if (!checkpoints) return undefined
    // Claimed before the first await: a link pass ending while this one signs waits for the next interval.
    lastCheckpointAt = Date.now()
    try {
      const latest = checkpoints.findLatest()
      if (latest && latest.seq > 0) {
        const hash = await records.findRecordHash(db, latest.seq)
        if (hash !== latest.hash) {
          lastCheckpointAt = Date.now()
          const reason =
            hash === undefined
              ? `链尾被截断：签名检查点（${latest.at}）记录到第 ${latest.seq} 条，表中已无此记录`
              : `记录 ${latest.seq} 与签名检查点（${latest.at}）不符：审计表被替换或回滚`
          const firstBroken = { seq: latest.seq, reason }
          await raiseChainBrokenAlert({
            intact: false,
            checked: latest.seq - 1,
            firstBroken,
            checkpoint: { seq: latest.seq, at: latest.at },
            restore: null,
          })
          return undefined
        }
        // Another process signed as far or further already.
        if (latest.seq >= end.seq) return latest
      }
      const written = checkpoints.write(end, at)
      lastCheckpointAt = Date.now()
      return written
    } catch (error) {
      onBackgroundError(error, 'could not write the audit checkpoint')
      return undefined
    }
  }

  /** Writes a signed checkpoint of the chain's end now (after linking everything pending). */
  async function writeCheckpointNow(at = new Date()): Promise<ChainPoint | undefined> {
    await linkPendingRecords()
    return writeHeadCheckpoint(at)
  }

  /** Stops the pending checkpoint timer, writing the checkpoint it was waiting for (at shutdown, before the pool closes). */
  async function flushCheckpoint(): Promise<void> {
    if (!checkpointTimer) return
    clearTimeout(checkpointTimer)
    checkpointTimer = undefined
    await writeHeadCheckpoint()
  }

  /** Appends a record in a transaction of its own (for refusals, where no change is made). */
  async function recordNow(context: AuditContext, entry: AuditEntry): Promise<void> {
    await db.transaction((tx) => record(tx, context, entry))
  }

  function isRecorded(context: AuditContext): boolean {
    return recordedContexts.has(context)
  }

  async function walkChain(
    hashOf: (prevHash: string, record: ChainedRecord) => string,
  ): Promise<{ end: ChainEnd; broken: ChainBreak | null }> {
    let previous: ChainEnd = { seq: 0, hash: GENESIS_HASH }
    for (;;) {
      const batch = await records.listChainBatch(db, previous.seq, VERIFY_BATCH)
      if (batch.length === 0) return { end: previous, broken: null }
      const outcome = findChainBreak(previous, batch, hashOf)
      if ('broken' in outcome) return { end: previous, broken: outcome.broken }
      previous = outcome.previous
    }
  }

  /**
   * Walks the whole chain in order and names the first record that is missing, moved or changed; then compares the
   * table with the newest signed checkpoint, which names a cut tail or a restored copy of the table.
   */
  async function verifyChain(): Promise<ChainVerification> {
    await linkPendingRecords()
    // Where the keyed segment starts: a record claiming to start it must itself carry a valid HMAC, so moving or
    // forging it only moves where the break is found. Without one, every record must be keyed.
    const keyedFrom = await records.findFirstRecordSeq(db, KEYED_SEGMENT_ACTION)
    const walked = await walkChain(buildChainHasher(chainKey, keyedFrom))
    let broken = walked.broken
    // After a restore the table must reach the head the restore marker signed, and the newest checkpoint after it;
    // the checkpoints the marker superseded are listed, not compared.
    const restore = checkpoints?.findRestore()
    const checkpoint = checkpoints?.findLatest() ?? null
    if (!broken && restore) {
      const { restoredHead, at } = restore.marker
      broken = await compareWithCheckpoint(walked.end.seq, { ...restoredHead, at }, '签名恢复标记')
    }
    if (!broken && checkpoint) broken = await compareWithCheckpoint(walked.end.seq, checkpoint, '签名检查点')
    if (broken && checkpoints) {
      const forged = checkpoints.countForgedRestoreMarkers()
      if (forged > 0) broken = { ...broken, reason: `${broken.reason}；另有 ${forged} 个签名无效的恢复标记，不予采信` }
    }
    if (!broken) {
      const head = await records.findChainHead(db)
      if (head.lastSeq !== walked.end.seq || head.lastHash !== walked.end.hash) {
        const seq = Math.min(head.lastSeq, walked.end.seq) + 1
        broken = { seq, reason: `链尾与记录不符：链头指向记录 ${head.lastSeq}，表中最后一条是 ${walked.end.seq}` }
      }
    }
    return {
      intact: broken === null,
      checked: broken ? broken.seq - 1 : walked.end.seq,
      firstBroken: broken,
      checkpoint: checkpoint ? { seq: checkpoint.seq, at: checkpoint.at } : null,
      restore: restore
        ? {
            at: restore.marker.at,
            restoredSeq: restore.marker.restoredHead.seq,
            backupId: restore.marker.backupId,
            backupCreatedAt: restore.marker.backupCreatedAt,
            supersededCount: restore.supersededCount,
            superseded: restore.superseded.map(({ seq, at }) => ({ seq, at })),
          }
        : null,
    }
  }

  // Cutting the tail (deleting the newest records and rewinding the head) or putting back an older copy of the table
  // leaves a valid chain: only a checkpoint kept outside the database remembers how far the chain reached, and how.
  async function compareWithCheckpoint(
    lastSeq: number,
    checkpoint: { seq: number; hash: string; at: string },
    label: string,
  ): Promise<ChainBreak | null> {
    if (checkpoint.seq > lastSeq) {
      return {
        seq: lastSeq + 1,
        reason: `链尾被截断：${label}（${checkpoint.at}）记录到第 ${checkpoint.seq} 条，表中只到第 ${lastSeq} 条`,
      }
    }
    if (checkpoint.seq === 0) return null
    const hash = await records.findRecordHash(db, checkpoint.seq)
    if (hash !== checkpoint.hash) {
      return {
        seq: checkpoint.seq,
        reason: `记录 ${checkpoint.seq} 与${label}（${checkpoint.at}）不符：审计表被替换或回滚`,
      }
    }
    return null
  }

  /**
   * The daily check: verify the chain, sign a checkpoint of its end when intact, write the day's report, and raise an
   * alert for the audit and security administrators when it is broken. Opens its own short transactions one after
   * another, never one inside another: call it outside any transaction.
   */
  async function runDailyVerification(now = new Date()): Promise<ChainVerification> {
    const verification = await verifyChain()
    const head = await records.findChainHead(db)
    const checkpoint = verification.intact
      ? await writeCheckpoint({ seq: head.lastSeq, hash: head.lastHash }, now)
      : undefined
    checkpoints?.writeReport(now, { ...verification, head, checkpointWritten: checkpoint ?? null })
    await reportVerification(verification, SYSTEM_CONTEXT, 'audit.chain.daily_verification')
    return verification
  }

  /** Verifies on an administrator's demand; the check itself is audited, and a broken chain raises an alert. */
  async function verifyChainOnDemand(context: AuditContext): Promise<ChainVerification> {
    const verification = await verifyChain()
    await reportVerification(verification, context, 'audit.chain.verify')
    return verification
  }

  async function reportVerification(verification: ChainVerification, context: AuditContext, action: string) {
    if (!verification.intact) {
      checkpoints?.sendAlarm(`审计链校验失败：${verification.firstBroken?.reason ?? ''}`)
      await raiseChainBrokenAlert(verification)
    }
    await recordNow(context, {
      action,
      result: verification.intact ? 'success' : 'failure',
      details: {
        intact: verification.intact,
        checked: verification.checked,
        firstBroken: verification.firstBroken?.seq ?? null,
        checkpoint: verification.checkpoint?.seq ?? null,
        restoredAt: verification.restore?.at ?? null,
      },
    })
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

  /**
   * Raises a security alert for the audit and security administrators, and records it in the audit trail. A repeat of
   * the same kind and target within a few minutes counts on the open alert instead of adding one.
   */
  async function raiseAlert(alert: SecurityAlertInput, options: RaiseAlertOptions = {}): Promise<SecurityAlert> {
    const work = async (tx: Transaction) => {
      const raised = await records.raiseSecurityAlert(
        tx,
        { kind: alert.kind, title: alert.title, detail: alert.detail ?? null, target: alert.target ?? null },
        ALERT_DEDUP_SECONDS,
      )
      await record(tx, options.context ?? SYSTEM_CONTEXT, {
        action: 'audit.alert.raise',
        target: `security_alert:${raised.alert.id}`,
        result: 'success',
        details: { kind: alert.kind, alertTarget: alert.target ?? null, count: raised.alert.count },
      })
      return raised.alert
    }
    return options.tx ? work(options.tx) : db.transaction(work)
  }

  function raiseChainBrokenAlert(verification: ChainVerification, tx?: Transaction): Promise<SecurityAlert> {
    const broken = verification.firstBroken
    return raiseAlert(
      {
        kind: 'audit_chain_broken',
        title: '审计链校验失败',
        detail: broken?.reason ?? '',
        target: broken ? `audit_record:${broken.seq}` : null,
      },
      { tx },
    )
  }

  /** The newest alerts, open ones first, with the number still open. */
  async function listAlerts(): Promise<SecurityAlertList> {
    const [alerts, open] = await Promise.all([records.listSecurityAlerts(db, 200), records.countOpenSecurityAlerts(db)])
    return { open, alerts }
  }

  /** Marks an alert as seen and handled. Throws AUDIT_ALERT_NOT_FOUND, AUDIT_ALERT_ALREADY_ACKNOWLEDGED. */
  async function acknowledgeAlert(id: number, by: AuditActor, context: AuditContext): Promise<SecurityAlert> {
    return db.transaction(async (tx) => {
      const alert = await records.findSecurityAlertForUpdate(tx, id)
      if (!alert) throw auditErrors.alertNotFound(id)
      if (alert.acknowledgedAt) throw auditErrors.alertAlreadyAcknowledged(id)
      const acknowledged = await records.acknowledgeSecurityAlert(tx, id, by)
      await record(tx, context, {
        action: 'audit.alert.acknowledge',
        target: `security_alert:${id}`,
        result: 'success',
        details: { kind: alert.kind },
      })
      return acknowledged
    })
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
    verifyChainOnDemand,
    runDailyVerification,
    writeCheckpointNow,
    flushCheckpoint,
    exportCsv,
    raiseAlert,
    listAlerts,
    acknowledgeAlert,
    listRecords,
  }
}

export type AuditService = ReturnType<typeof createAuditService>
