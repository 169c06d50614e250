import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Transaction } from '../../platform/db/index.js'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'
import { createAnchorStore } from './audit-anchors.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp()
  for (const who of ['zhangmin', 'liqiang', 'wangfang', 'chenjing']) await loginAs(tongban, who)
})
afterAll(() => tongban.close())

/** What a database superuser can do: switch off the append-only trigger for one transaction and edit rows. */
async function tamperAsSuperuser(work: (tx: Transaction) => Promise<unknown>): Promise<void> {
  await tongban.db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica')
    await work(tx)
  })
}

describe('audit tampering is refused or found', () => {
  test('the application cannot update, delete or truncate audit records', async () => {
    for (const sql of [
      "UPDATE audit.records SET result = 'success'",
      'DELETE FROM audit.records',
      'TRUNCATE audit.records',
    ]) {
      await expect(tongban.db.query(sql)).rejects.toThrow(/append-only/)
    }
  })

  test('a changed row is named by the verifier', async () => {
    await tamperAsSuperuser((tx) => tx.query(`UPDATE audit.records SET actor_name = '李四' WHERE seq = 3`))

    const verification = await tongban.services.audit.verifyChain()

    expect(verification.firstBroken).toEqual({ seq: 3, reason: '记录 3 的内容与其哈希不符（已被改动）' })
    await tamperAsSuperuser((tx) =>
      tx.query(
        `UPDATE audit.records SET actor_name = (SELECT display_name FROM identity.accounts WHERE id::text = actor_id) WHERE seq = 3`,
      ),
    )
    expect((await tongban.services.audit.verifyChain()).intact).toBe(true)
  })

  test('two swapped rows are found at the first of them', async () => {
    await tamperAsSuperuser(async (tx) => {
      await tx.query('UPDATE audit.records SET seq = -1 WHERE seq = 4')
      await tx.query('UPDATE audit.records SET seq = 4 WHERE seq = 5')
      await tx.query('UPDATE audit.records SET seq = 5 WHERE seq = -1')
    })

    expect((await tongban.services.audit.verifyChain()).firstBroken?.seq).toBe(4)

    await tamperAsSuperuser(async (tx) => {
      await tx.query('UPDATE audit.records SET seq = -1 WHERE seq = 4')
      await tx.query('UPDATE audit.records SET seq = 4 WHERE seq = 5')
      await tx.query('UPDATE audit.records SET seq = 5 WHERE seq = -1')
    })
  })

  test('a cut tail with the chain head rewound is found through the signed anchor kept outside the database', async () => {
    const verification = await tongban.services.audit.runDailyVerification()
    expect(verification.intact).toBe(true)
    const anchored = createAnchorStore(path.join(tongban.dataDir, 'audit')).findLatestAnchor()?.seq as number

    await tamperAsSuperuser(async (tx) => {
      await tx.query('DELETE FROM audit.records WHERE seq > $1', [anchored - 2])
      await tx.query(
        'UPDATE audit.chain_head SET last_seq = $1, last_hash = (SELECT hash FROM audit.records WHERE seq = $1)',
        [anchored - 2],
      )
    })
    const after = await tongban.services.audit.verifyChain()

    expect(anchored).toBeGreaterThanOrEqual(5)
    expect(after.intact).toBe(false)
    expect(after.firstBroken).toEqual({
      seq: anchored - 1,
      reason: `链尾被截断：签名锚点记录到第 ${anchored} 条，表中只到第 ${anchored - 2} 条`,
    })
  })

  test('the daily verification of a broken chain raises an alert the audit administrator sees', async () => {
    await tongban.services.audit.runDailyVerification()
    const auditor = await loginAs(tongban, 'auditadmin')

    const alerts = await auditor.request({ method: 'GET', url: '/api/audit/alerts' })

    expect(alerts.json()[0]).toMatchObject({ kind: 'chain_broken', message: expect.stringContaining('链尾被截断') })
  })
})

describe('exporting the trail', () => {
  test('the audit administrator exports CSV that a spreadsheet opens, and the export is itself audited', async () => {
    const auditor = await loginAs(tongban, 'auditadmin')

    const response = await auditor.request({ method: 'GET', url: '/api/audit/records/export?action=auth.login' })

    expect(response.headers['content-type']).toContain('text/csv')
    expect(response.body.startsWith('\uFEFF序号,时间,操作人')).toBe(true)
    expect(response.body).toContain('auth.login')
    const { rows } = await tongban.db.query(`SELECT 1 FROM audit.records WHERE action = 'audit.records.export'`)
    expect(rows).toHaveLength(1)
  })
})
