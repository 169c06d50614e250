import { hmacSm3Hex, sm3Hex } from '../../platform/crypto/index.js'

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

function buildCanonicalRecord(prevHash: string, record: ChainedRecord): string {
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
  return `${prevHash}|${canonical}`
}

/**
 * Plain SM3 over the previous hash and the record's canonical form: the algorithm of chains written before the keyed
 * segment (anyone can recompute it, so it proves nothing against a database administrator). Never change it.
 */
export function buildRecordHash(prevHash: string, record: ChainedRecord): string {
  return sm3Hex(buildCanonicalRecord(prevHash, record))
}

/** HMAC-SM3 under the chain key over the same input: only a holder of the master key can write a valid link. */
export function buildKeyedRecordHash(chainKey: Uint8Array, prevHash: string, record: ChainedRecord): string {
  return hmacSm3Hex(chainKey, buildCanonicalRecord(prevHash, record))
}

/**
 * The record that starts the keyed segment. Records before it keep their plain SM3 links; it and every later record
 * are linked with HMAC-SM3, and it seals the plain segment's last hash. This action name must never change.
 */
export const KEYED_SEGMENT_ACTION = 'audit.chain.keyed_segment'

/** Which algorithm links record `seq`, given where the keyed segment starts (undefined: keyed from the first). */
export function buildChainHasher(
  chainKey: Uint8Array,
  keyedFromSeq: number | undefined,
): (prevHash: string, record: ChainedRecord) => string {
  return (prevHash, record) =>
    keyedFromSeq !== undefined && record.seq < keyedFromSeq
      ? buildRecordHash(prevHash, record)
      : buildKeyedRecordHash(chainKey, prevHash, record)
}

export type ChainBreak = { seq: number; reason: string }

/**
 * Checks one batch of records that follows `previous` (seq and hash of the record before it).
 * Returns the first break, or the new `previous` to continue with.
 */
export function findChainBreak(
  previous: { seq: number; hash: string },
  records: Array<ChainedRecord & { prevHash: string; hash: string }>,
  hashOf: (prevHash: string, record: ChainedRecord) => string = buildRecordHash,
): { broken: ChainBreak } | { previous: { seq: number; hash: string } } {
  let last = previous
  for (const record of records) {
    if (record.seq !== last.seq + 1) {
      return { broken: { seq: last.seq + 1, reason: `记录 ${last.seq + 1} 缺失（下一条是 ${record.seq}）` } }
    }
    if (record.prevHash !== last.hash) {
      return { broken: { seq: record.seq, reason: `记录 ${record.seq} 的前序哈希与记录 ${last.seq} 不符` } }
    }
    if (hashOf(record.prevHash, record) !== record.hash) {
      return { broken: { seq: record.seq, reason: `记录 ${record.seq} 的内容与其哈希不符（已被改动）` } }
    }
    last = { seq: record.seq, hash: record.hash }
  }
  return { previous: last }
}
