import { sm3Hex } from '../../platform/crypto/index.js'

/** The fields of a record that the chain protects, in a fixed order. */
export type ChainedRecord = {
  seq: number
  occurredAt: Date
  actorId: string | null
  actorName: string | null
  roles: string[]
  departmentId: string | null
  departmentName: string | null
  action: string
  target: string | null
  result: string
  clientAddress: string | null
  requestId: string | null
  details: unknown
}

export const GENESIS_HASH = '0'.repeat(64)

// Key order of nested details must not change the hash, so objects are written with sorted keys.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

/** SM3 over the previous hash and the record's canonical form. The layout must never change: old chains rely on it. */
export function buildRecordHash(prevHash: string, record: ChainedRecord): string {
  const canonical = canonicalJson([
    record.seq,
    record.occurredAt.toISOString(),
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
    record.details ?? null,
  ])
  return sm3Hex(`${prevHash}|${canonical}`)
}

export type ChainBreak = { seq: number; reason: string }

/**
 * Checks one batch of records that follows `previous` (seq and hash of the record before it).
 * Returns the first break, or the new `previous` to continue with.
 */
export function findChainBreak(
  previous: { seq: number; hash: string },
  records: Array<ChainedRecord & { prevHash: string; hash: string }>,
): { broken: ChainBreak } | { previous: { seq: number; hash: string } } {
  let last = previous
  for (const record of records) {
    if (record.seq !== last.seq + 1) {
      return { broken: { seq: last.seq + 1, reason: `记录 ${last.seq + 1} 缺失（下一条是 ${record.seq}）` } }
    }
    if (record.prevHash !== last.hash) {
      return { broken: { seq: record.seq, reason: `记录 ${record.seq} 的前序哈希与记录 ${last.seq} 不符` } }
    }
    if (buildRecordHash(record.prevHash, record) !== record.hash) {
      return { broken: { seq: record.seq, reason: `记录 ${record.seq} 的内容与其哈希不符（已被改动）` } }
    }
    last = { seq: record.seq, hash: record.hash }
  }
  return { previous: last }
}
