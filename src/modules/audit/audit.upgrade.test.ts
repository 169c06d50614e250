import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { generateSm2KeyPair, signSm2 } from '../../platform/crypto/index.js'
import { startTestApp, type TestApp } from '../../test-support/test-app.js'
import { buildRecordHash, type ChainedRecord, GENESIS_HASH } from './audit-chain.js'
import { createAuditServiceWithKeys } from './audit-keys.js'

const masterKey = randomBytes(32)
let tongban: TestApp
let checkpointDir: string

// The upgraded release starts on a database whose chain the previous release wrote: plain SM3, with a daily anchor
// signed by a key kept in plain beside it. `seed: false` and no request keeps this app from linking anything first.
beforeEach(async () => {
  tongban = await startTestApp({ masterKey, seed: false })
  checkpointDir = path.join(tongban.dataDir, 'audit')
})
afterEach(() => tongban.close())

async function givenPlainChainOfOldRelease(length: number): Promise<{ lastHash: string }> {
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= length; seq += 1) {
    const record: ChainedRecord = {
      seq,
      occurredAt: new Date(Date.UTC(2026, 10, 30, 8, 0, seq)),
      actorId: null,
      actorName: '张敏',
      roles: ['window_clerk'],
      departmentId: null,
      departmentName: null,
      action: 'auth.login',
      target: null,
      result: 'success',
      clientAddress: '10.0.0.8',
      requestId: `req-${seq}`,
      details: null,
    }
    const hash = buildRecordHash(prevHash, record)
    await tongban.db.query(
      `INSERT INTO audit.records (seq, occurred_at, actor_name, roles, action, result, client_address, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        seq,
        record.occurredAt,
        record.actorName,
        record.roles,
        record.action,
        'success',
        '10.0.0.8',
        record.requestId,
        prevHash,
        hash,
      ],
    )
    prevHash = hash
  }
  await tongban.db.query('UPDATE audit.chain_head SET last_seq = $1, last_hash = $2, keyed_from_seq = NULL', [
    length,
    prevHash,
  ])
  const anchorKey = generateSm2KeyPair()
  mkdirSync(checkpointDir, { recursive: true })
  writeFileSync(path.join(checkpointDir, 'anchor-key.pem'), `${anchorKey.privateKeyPem}${anchorKey.publicKeyPem}`)
  const at = new Date().toISOString()
  const signature = signSm2(anchorKey.privateKeyPem, `tongban-audit-anchor|${length}|${prevHash}|${at}`).toString(
    'base64',
  )
  writeFileSync(
    path.join(checkpointDir, 'anchors.jsonl'),
    `${JSON.stringify({ seq: length, hash: prevHash, at, signature })}\n`,
  )
  return { lastHash: prevHash }
}

function startUpgradedRelease() {
  return createAuditServiceWithKeys({ db: tongban.db, masterKey, checkpointDir, checkpointSeconds: 30 })
}

describe('the first start after the upgrade to a keyed chain', () => {
  test('the old plain chain is checked, sealed by the record that starts the keyed segment, and signed at once', async () => {
    const { lastHash } = await givenPlainChainOfOldRelease(5)
    const audit = startUpgradedRelease()

    await tongban.db.transaction((tx) =>
      audit.record(
        tx,
        { actor: null, clientAddress: null, requestId: 'r' },
        { action: 'test.after', result: 'success' },
      ),
    )

    const { rows } = await tongban.db.query<{ seq: number; action: string; details: Record<string, unknown> }>(
      'SELECT seq::int AS seq, action, details FROM audit.records WHERE seq > 5 ORDER BY seq',
    )
    expect(rows.map((row) => row.action)).toEqual(['audit.chain.keyed_segment', 'test.after'])
    expect(rows[0]?.details).toMatchObject({ plainUntilSeq: 5, plainEndHash: lastHash, plainChainIntact: true })
    await expect.poll(() => existsSync(path.join(checkpointDir, 'anchor-key.pem'))).toBe(false)
    expect(await audit.verifyChain()).toMatchObject({ intact: true, checkpoint: { seq: expect.any(Number) } })
  })

  test('an old chain edited before the upgrade is named in the sealing record and raises an alert', async () => {
    await givenPlainChainOfOldRelease(5)
    await tongban.db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica')
      await tx.query(`UPDATE audit.records SET actor_name = '李四' WHERE seq = 2`)
    })
    const audit = startUpgradedRelease()

    await audit.linkPendingRecords()

    const { rows } = await tongban.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit.records WHERE action = 'audit.chain.keyed_segment'`,
    )
    expect(rows[0]?.details).toMatchObject({ plainChainIntact: false, plainFirstBroken: 2 })
    await expect
      .poll(async () => (await audit.listAlerts()).alerts[0])
      .toMatchObject({ kind: 'audit_chain_broken', target: 'audit_record:2' })
  })

  test('an old chain cut short of its anchor before the upgrade is caught by that anchor', async () => {
    await givenPlainChainOfOldRelease(5)
    await tongban.db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica')
      await tx.query('DELETE FROM audit.records WHERE seq > 3')
      await tx.query(
        'UPDATE audit.chain_head SET last_seq = 3, last_hash = (SELECT hash FROM audit.records WHERE seq = 3)',
      )
    })
    const audit = startUpgradedRelease()

    await audit.linkPendingRecords()

    const { rows } = await tongban.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit.records WHERE action = 'audit.chain.keyed_segment'`,
    )
    expect(rows[0]?.details).toMatchObject({ plainChainIntact: false, plainFirstBroken: 4 })
  })
})
