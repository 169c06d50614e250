import { randomBytes } from 'node:crypto'
import { cpSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { Queryable, Transaction } from '../../platform/db/index.js'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'
import { buildRecordHash, type ChainedRecord } from './audit-chain.js'
import { runAuditVerifyCommand } from './audit-verify-command.js'

const masterKey = randomBytes(32)
let tongban: TestApp
let checkpointDir: string

beforeAll(async () => {
  // Checkpoints are written when a test says so (the first link pass writes one), so no timer writes mid-tamper.
  tongban = await startTestApp({ masterKey, env: { TONGBAN_AUDIT_CHECKPOINT_SECONDS: '3600' } })
  checkpointDir = path.join(tongban.dataDir, 'audit')
  for (const who of ['zhangmin', 'liqiang', 'wangfang', 'chenjing']) await loginAs(tongban, who)
  await tongban.services.audit.writeCheckpointNow()
  await saveSnapshot('pristine')
})
afterAll(() => tongban.close())

// Every test tampers with the same trail, then puts the untouched one back (table, head and checkpoints).
beforeEach(async () => expect((await verifyByApi()).intact).toBe(true))
afterEach(async () => {
  await settle()
  await restoreSnapshot('pristine')
})

/** Waits until alerts raised in the background by the last checks are linked, so the restore is not raced. */
async function settle(): Promise<void> {
  let last = -1
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    const seq = await lastSeq()
    if (seq === last) return
    last = seq
  }
}

/** What a database superuser can do: switch off the append-only trigger for one transaction and edit rows. */
async function tamperAsSuperuser(work: (tx: Transaction) => Promise<unknown>): Promise<void> {
  await tongban.db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica')
    await work(tx)
  })
}

async function saveSnapshot(name: string): Promise<void> {
  await tamperAsSuperuser(async (tx) => {
    await tx.query(`DROP TABLE IF EXISTS public.records_${name}, public.head_${name}`)
    await tx.query(`CREATE TABLE public.records_${name} AS SELECT * FROM audit.records`)
    await tx.query(`CREATE TABLE public.head_${name} AS SELECT * FROM audit.chain_head`)
  })
  rmSync(`${checkpointDir}-${name}`, { recursive: true, force: true })
  cpSync(checkpointDir, `${checkpointDir}-${name}`, { recursive: true })
}

/** Puts a saved copy of the table back: what restoring a database backup of the audit tables does. */
async function restoreTable(name: string): Promise<void> {
  await tamperAsSuperuser(async (tx) => {
    // A link pass in flight finishes first (it holds this lock), so none writes on top of the restored table.
    await tx.query('SELECT 1 FROM audit.chain_head FOR UPDATE')
    await tx.query('DELETE FROM audit.pending_records')
    await tx.query('DELETE FROM audit.records')
    await tx.query(`INSERT INTO audit.records SELECT * FROM public.records_${name}`)
    await tx.query('DELETE FROM audit.chain_head')
    await tx.query(`INSERT INTO audit.chain_head SELECT * FROM public.head_${name}`)
  })
}

async function restoreSnapshot(name: string): Promise<void> {
  await restoreTable(name)
  rmSync(checkpointDir, { recursive: true, force: true })
  cpSync(`${checkpointDir}-${name}`, checkpointDir, { recursive: true })
}

async function verifyByApi() {
  const auditor = await loginAs(tongban, 'auditadmin')
  const response = await auditor.request({ method: 'POST', url: '/api/audit/verifications' })
  expect(response.statusCode).toBe(200)
  return response.json() as { intact: boolean; firstBroken: { seq: number; reason: string } | null }
}

/** `npm run audit:verify` on this database, with this installation's master key and checkpoint directory. */
function verifyByCommand() {
  return runAuditVerifyCommand({ db: tongban.db, masterKey, checkpointDir, checkpointSeconds: 30 })
}

/**
 * Both ways of verifying find the break and say why. The API is asked first and must name `seq`; each check adds
 * records of its own (the check, the alert), so after a cut tail the command may name a later place in the same cut.
 */
async function expectBrokenAt(seq: number, reason: RegExp, { tailMoves = false } = {}): Promise<void> {
  const byApi = await verifyByApi()
  expect(byApi.intact).toBe(false)
  expect(byApi.firstBroken?.seq).toBe(seq)
  expect(byApi.firstBroken?.reason).toMatch(reason)
  const byCommand = await verifyByCommand()
  expect(byCommand.exitCode).toBe(1)
  if (!tailMoves) expect(byCommand.message).toContain(`at record ${seq}:`)
  expect(byCommand.message).toMatch(tailMoves ? /签名检查点/ : reason)
}

async function lastSeq(): Promise<number> {
  await tongban.services.audit.linkPendingRecords()
  const { rows } = await tongban.db.query<{ seq: number }>('SELECT max(seq)::int AS seq FROM audit.records')
  return Number(rows[0]?.seq)
}

type StoredRecord = ChainedRecord & { prevHash: string; hash: string }

async function readRecords(db: Queryable, fromSeq: number): Promise<StoredRecord[]> {
  const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM audit.records WHERE seq >= $1 ORDER BY seq', [
    fromSeq,
  ])
  return rows.map((row) => ({
    seq: Number(row.seq),
    occurredAt: row.occurred_at as Date,
    actorId: row.actor_id as string | null,
    actorName: row.actor_name as string | null,
    roles: row.roles as string[],
    departmentId: row.department_id as string | null,
    departmentName: row.department_name as string | null,
    action: row.action as string,
    target: row.target as string | null,
    result: row.result as string,
    clientAddress: row.client_address as string | null,
    requestId: row.request_id as string | null,
    details: row.details,
    prevHash: row.prev_hash as string,
    hash: row.hash as string,
  }))
}

/** Rewrites every link from `fromSeq` on with `hashOf` (an attacker who knows the algorithm but not the key). */
async function recomputeLinks(tx: Transaction, fromSeq: number, hashOf: (prev: string, r: ChainedRecord) => string) {
  const [before] = fromSeq > 1 ? await readRecords(tx, fromSeq - 1) : []
  let prevHash = before?.hash ?? '0'.repeat(64)
  for (const record of await readRecords(tx, fromSeq)) {
    const hash = hashOf(prevHash, record)
    await tx.query('UPDATE audit.records SET prev_hash = $2, hash = $3 WHERE seq = $1', [record.seq, prevHash, hash])
    prevHash = hash
  }
  await tx.query('UPDATE audit.chain_head SET last_hash = $1', [prevHash])
}

describe('an audit trail that survives a database administrator', () => {
  test('the application cannot update, delete or truncate audit records', async () => {
    for (const sql of [
      "UPDATE audit.records SET result = 'success'",
      'DELETE FROM audit.records',
      'TRUNCATE audit.records',
    ]) {
      await expect(tongban.db.query(sql)).rejects.toThrow(/append-only/)
    }
  })

  test('the untouched trail verifies by the command too, against the newest checkpoint', async () => {
    const byCommand = await verifyByCommand()

    expect(byCommand.exitCode).toBe(0)
    expect(byCommand.message).toMatch(/审计链完整.*与签名检查点一致/)
  })

  test('a changed record is named', async () => {
    await tamperAsSuperuser((tx) => tx.query(`UPDATE audit.records SET actor_name = '李四' WHERE seq = 3`))

    await expectBrokenAt(3, /记录 3 的内容与其哈希不符/)
  })

  test('a deleted record is named', async () => {
    await tamperAsSuperuser((tx) => tx.query('DELETE FROM audit.records WHERE seq = 4'))

    await expectBrokenAt(4, /记录 4 缺失/)
  })

  test('two swapped records are found at the first of them', async () => {
    await tamperAsSuperuser(async (tx) => {
      await tx.query('UPDATE audit.records SET seq = -1 WHERE seq = 4')
      await tx.query('UPDATE audit.records SET seq = 4 WHERE seq = 5')
      await tx.query('UPDATE audit.records SET seq = 5 WHERE seq = -1')
    })

    await expectBrokenAt(4, /记录 4/)
  })

  test('a tail cut older than the checkpoint interval, with the head rewound, is found through the signed checkpoint', async () => {
    const checkpointed = await lastSeq()
    await tongban.services.audit.writeCheckpointNow()

    await tamperAsSuperuser(async (tx) => {
      await tx.query('DELETE FROM audit.records WHERE seq > $1', [checkpointed - 3])
      await tx.query(
        'UPDATE audit.chain_head SET last_seq = $1, last_hash = (SELECT hash FROM audit.records WHERE seq = $1)',
        [checkpointed - 3],
      )
    })

    await expectBrokenAt(checkpointed - 2, /链尾被截断：签名检查点.*记录到第 \d+ 条，表中只到第 \d+ 条/, {
      tailMoves: true,
    })
  })

  test('an edited record with every later link recomputed in plain SM3 (the old algorithm) is named', async () => {
    await tamperAsSuperuser(async (tx) => {
      await tx.query(`UPDATE audit.records SET result = 'success' WHERE seq = 6`)
      await recomputeLinks(tx, 6, buildRecordHash)
    })

    await expectBrokenAt(6, /记录 6 的内容与其哈希不符/)
  })

  test('moving the start of the keyed segment past an edit, to pass it off as an old plain record, is named', async () => {
    const end = await lastSeq()
    await tamperAsSuperuser(async (tx) => {
      await tx.query(`UPDATE audit.records SET action = 'audit.chain.keyed_segment' WHERE seq = $1`, [end])
      await tx.query(
        `UPDATE audit.records SET action = 'auth.logout' WHERE seq < $1 AND action = 'audit.chain.keyed_segment'`,
        [end],
      )
      await tx.query(`UPDATE audit.records SET result = 'success' WHERE seq = 6`)
      await recomputeLinks(tx, 1, buildRecordHash)
    })

    await expectBrokenAt(end, /记录 \d+ 的内容与其哈希不符/)
  })

  test('an older copy of the table put back is found through the checkpoint', async () => {
    await saveSnapshot('older')
    for (const who of ['zhangmin', 'liqiang', 'wangfang', 'chenjing']) await loginAs(tongban, who)
    const reached = await lastSeq()
    await tongban.services.audit.writeCheckpointNow()

    await restoreTable('older')

    const { rows } = await tongban.db.query<{ seq: number }>('SELECT max(seq)::int AS seq FROM audit.records')
    await expectBrokenAt(Number(rows[0]?.seq) + 1, new RegExp(`记录到第 ${reached} 条`), { tailMoves: true })
  })

  test('a copy put back and then written on past the checkpoint (a newer table) is named at the checkpoint', async () => {
    await saveSnapshot('older')
    await loginAs(tongban, 'zhangmin')
    const checkpoint = await tongban.services.audit.writeCheckpointNow()
    await restoreTable('older')

    for (const who of ['liqiang', 'wangfang', 'chenjing']) await loginAs(tongban, who)

    expect(await lastSeq()).toBeGreaterThan(checkpoint?.seq as number)
    await expectBrokenAt(checkpoint?.seq as number, /与签名检查点.*不符：审计表被替换或回滚/)
  })

  test('the checkpoint writer refuses to sign over a rewound table and raises an alert at once', async () => {
    await loginAs(tongban, 'zhangmin')
    const checkpoint = await tongban.services.audit.writeCheckpointNow()
    await tamperAsSuperuser(async (tx) => {
      await tx.query('DELETE FROM audit.records WHERE seq = $1', [checkpoint?.seq])
      await tx.query(
        'UPDATE audit.chain_head SET last_seq = last_seq - 1, last_hash = (SELECT hash FROM audit.records WHERE seq = $1)',
        [(checkpoint?.seq as number) - 1],
      )
    })

    const written = await tongban.services.audit.writeCheckpointNow()

    expect(written).toBeUndefined()
    const { alerts } = await tongban.services.audit.listAlerts()
    expect(alerts[0]).toMatchObject({ kind: 'audit_chain_broken', target: `audit_record:${checkpoint?.seq}` })
  })

  test('a failed verification raises an alert the audit and the security administrator see', async () => {
    await tamperAsSuperuser((tx) => tx.query(`UPDATE audit.records SET actor_name = '李四' WHERE seq = 2`))

    await tongban.services.audit.runDailyVerification()

    for (const who of ['auditadmin', 'secadmin']) {
      const alerts = await (await loginAs(tongban, who)).request({ method: 'GET', url: '/api/audit/alerts' })
      expect(alerts.json().alerts[0]).toMatchObject({
        kind: 'audit_chain_broken',
        title: '审计链校验失败',
        target: 'audit_record:2',
        detail: expect.stringContaining('记录 2 的内容与其哈希不符'),
      })
    }
  })
})

describe('the auditor’s own reads', () => {
  test('the export is CSV a spreadsheet opens; listing, exporting and verifying are each audited', async () => {
    const auditor = await loginAs(tongban, 'auditadmin')

    const response = await auditor.request({ method: 'GET', url: '/api/audit/records/export?action=auth.login' })
    await auditor.request({ method: 'GET', url: '/api/audit/records?result=failure' })

    expect(response.headers['content-type']).toContain('text/csv')
    expect(response.body.startsWith('\uFEFF序号,时间,操作人')).toBe(true)
    expect(response.body).toContain('auth.login')
    await tongban.services.audit.linkPendingRecords()
    const { rows } = await tongban.db.query<{ action: string }>(
      `SELECT DISTINCT action FROM audit.records WHERE actor_name = '郑丽' AND action LIKE 'audit.%'`,
    )
    expect(rows.map((row) => row.action).sort()).toEqual(
      expect.arrayContaining(['audit.chain.verify', 'audit.records.export', 'audit.records.list']),
    )
  })
})
