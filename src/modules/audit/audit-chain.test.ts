import { describe, expect, test } from 'vitest'
import { buildRecordHash, type ChainedRecord, findChainBreak, GENESIS_HASH } from './audit-chain.js'

function givenChain(length: number) {
  const records: Array<ChainedRecord & { prevHash: string; hash: string }> = []
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= length; seq += 1) {
    const record: ChainedRecord = {
      seq,
      occurredAt: new Date(Date.UTC(2026, 10, 25, 8, 0, seq)),
      actorId: 'a1',
      actorName: '张明',
      roles: ['window_clerk'],
      departmentId: 'd1',
      departmentName: '行政审批局',
      action: 'auth.login',
      target: null,
      result: 'success',
      clientAddress: '10.0.0.8',
      requestId: `req-${seq}`,
      details: { b: 1, a: 2 },
    }
    const hash = buildRecordHash(prevHash, record)
    records.push({ ...record, prevHash, hash })
    prevHash = hash
  }
  return records
}

describe('the audit hash chain', () => {
  test('an untouched chain verifies to its last record', () => {
    const result = findChainBreak({ seq: 0, hash: GENESIS_HASH }, givenChain(5))

    expect(result).toEqual({ previous: { seq: 5, hash: expect.any(String) } })
  })

  test('a changed result in record 3 is named as the first break', () => {
    const records = givenChain(5)
    const third = records[2] as (typeof records)[number]
    third.result = 'failure'

    expect(findChainBreak({ seq: 0, hash: GENESIS_HASH }, records)).toEqual({
      broken: { seq: 3, reason: '记录 3 的内容与其哈希不符（已被改动）' },
    })
  })

  test('a deleted record is found by the gap it leaves', () => {
    const records = givenChain(5)
    records.splice(1, 1)

    expect(findChainBreak({ seq: 0, hash: GENESIS_HASH }, records)).toMatchObject({ broken: { seq: 2 } })
  })

  test('the order of keys inside details does not change the hash', () => {
    const [record] = givenChain(1)
    const reordered = { ...(record as ChainedRecord), details: { a: 2, b: 1 } }

    expect(buildRecordHash(GENESIS_HASH, reordered)).toBe(record?.hash)
  })
})
