import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type BackupSummary, restoreBackup, verifyBackup, writeBackup } from '../../platform/backup/index.js'
import type { Db } from '../../platform/db/index.js'
import { createTestDb } from '../../platform/db/test-db.js'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'
import { writeRestoreMarkerWithKeys } from './audit-keys.js'
import { runAuditVerifyCommand } from './audit-verify-command.js'

const masterKey = randomBytes(32)
let workDir: string
let source: TestApp
// The checkpoint store as it is on the day of the restore: it kept growing after the backup was made.
let checkpointStore: string
let backupDir: string
let manifest: BackupSummary
let backupHead: number
let raceCheckpoint: { seq: number; at: string }
let laterCheckpoint: { seq: number; at: string }

async function chainHead(db: Db): Promise<{ seq: number; hash: string }> {
  const { rows } = await db.query<{ last_seq: number; last_hash: string }>(
    'SELECT last_seq, last_hash FROM audit.chain_head',
  )
  return { seq: Number(rows[0]?.last_seq), hash: rows[0]?.last_hash as string }
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'tongban-audit-restore-'))
  checkpointStore = path.join(workDir, 'checkpoint-store')
  const env = {
    TONGBAN_DATA_DIR: path.join(workDir, 'data'),
    TONGBAN_AUDIT_CHECKPOINT_DIR: checkpointStore,
    // Checkpoints are written when the story says so, not by a timer.
    TONGBAN_AUDIT_CHECKPOINT_SECONDS: '3600',
  }
  source = await startTestApp({ masterKey, env })
  for (const who of ['zhangmin', 'xuhui']) await loginAs(source, who)
  await source.services.audit.writeCheckpointNow()

  // A hot backup: between the database snapshot and the copy of the files, someone logs in and a checkpoint is
  // signed, so it points past the chain the backup holds.
  const racingDb: Db = {
    ...source.db,
    transaction: (async (...args: Parameters<Db['transaction']>) => {
      const snapshot = await source.db.transaction(...args)
      await loginAs(source, 'liqiang')
      const checkpoint = await source.services.audit.writeCheckpointNow()
      raceCheckpoint = { seq: checkpoint?.seq as number, at: checkpoint?.at as string }
      return snapshot
    }) as Db['transaction'],
  }
  backupDir = path.join(workDir, 'backup')
  manifest = await writeBackup({
    db: racingDb,
    masterKey,
    outDir: backupDir,
    dataDir: env.TONGBAN_DATA_DIR,
    tongbanVersion: '0.1.0',
  })

  // Life goes on after the backup: more records, more checkpoints.
  for (const who of ['wangfang', 'chenjing']) await loginAs(source, who)
  const later = await source.services.audit.writeCheckpointNow()
  laterCheckpoint = { seq: later?.seq as number, at: later?.at as string }
  await source.close()
})

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true })
})

/**
 * `npm run restore` into a database with the installation's checkpoint store: verify the backup, put it back, sign
 * the restore marker. Each story gets its own database and its own copy of the store.
 */
async function restoreFromBackup(
  markerKey = masterKey,
): Promise<{ db: Db; store: string; dataDir: string; markerAt: string }> {
  const store = mkdtempSync(path.join(workDir, 'store-'))
  cpSync(checkpointStore, store, { recursive: true })
  const dataDir = mkdtempSync(path.join(workDir, 'restored-data-'))
  const db = await createTestDb()
  await restoreBackup({ db, backup: verifyBackup({ dir: backupDir, masterKey }), dataDir, force: true })
  backupHead = (await chainHead(db)).seq
  const marker = await writeRestoreMarkerWithKeys({
    db,
    masterKey: markerKey,
    checkpointDir: store,
    backup: { backupId: manifest.backupId, createdAt: manifest.createdAt },
  })
  return { db, store, dataDir, markerAt: marker.at }
}

function verifyByCommand(db: Db, store: string) {
  return runAuditVerifyCommand({ db, masterKey, checkpointDir: store, checkpointSeconds: 3600 })
}

describe('a legitimate restore from backup', () => {
  test('after a restore, audit:verify and the API report the chain intact and name the restore', async () => {
    const { db, store, dataDir, markerAt } = await restoreFromBackup()
    try {
      expect(raceCheckpoint.seq).toBeGreaterThan(backupHead)
      expect(laterCheckpoint.seq).toBeGreaterThan(raceCheckpoint.seq)

      const byCommand = await verifyByCommand(db, store)

      expect(byCommand).toMatchObject({ exitCode: 0 })
      expect(byCommand.message).toContain('审计链完整')
      expect(byCommand.message).toContain(`恢复到第 ${backupHead} 条`)
      expect(byCommand.message).toContain(`superseded by the restore at ${markerAt}`)

      const restored = await startTestApp({
        db,
        seed: false,
        masterKey,
        env: {
          TONGBAN_DATA_DIR: dataDir,
          TONGBAN_AUDIT_CHECKPOINT_DIR: store,
          TONGBAN_AUDIT_CHECKPOINT_SECONDS: '3600',
        },
      })
      try {
        const auditor = await loginAs(restored, 'auditadmin')
        // New records chain on and are checkpointed on top of the restored head.
        expect((await restored.services.audit.writeCheckpointNow())?.seq).toBeGreaterThan(backupHead)

        const byApi = await auditor.request({ method: 'POST', url: '/api/audit/verifications' })

        expect(byApi.statusCode).toBe(200)
        expect(byApi.json()).toMatchObject({
          intact: true,
          firstBroken: null,
          restore: { at: markerAt, restoredSeq: backupHead, backupId: manifest.backupId, supersededCount: 2 },
        })
        // Both the checkpoint signed during the hot backup and the one signed after it are listed as superseded.
        expect(byApi.json().restore.superseded).toEqual([laterCheckpoint, raceCheckpoint])

        const trail = await auditor.request({ method: 'GET', url: '/api/audit/records?action=audit.chain.restored' })
        expect(trail.json().records).toEqual([
          expect.objectContaining({
            action: 'audit.chain.restored',
            details: expect.objectContaining({ markerAt, restoredSeq: backupHead, backupId: manifest.backupId }),
          }),
        ])
      } finally {
        await restored.close()
      }
    } finally {
      await db.close()
    }
  })

  test('a restore marker signed with another key is refused: the checkpoints past the restored chain still count', async () => {
    // Someone without this installation's master key puts an old copy back and excuses it with a marker of their own.
    const { db, store } = await restoreFromBackup(randomBytes(32))
    try {
      const byCommand = await verifyByCommand(db, store)

      expect(byCommand.exitCode).toBe(1)
      expect(byCommand.message).toContain('链尾被截断')
      expect(byCommand.message).toContain('1 个签名无效的恢复标记')
      const { rows } = await db.query(`SELECT 1 FROM audit.records WHERE action = 'audit.chain.restored'`)
      expect(rows).toEqual([])
    } finally {
      await db.close()
    }
  })

  test('cutting the tail of the restored chain below the marker’s head is still found', async () => {
    const { db, store } = await restoreFromBackup()
    try {
      await db.transaction(async (tx) => {
        await tx.query('SET LOCAL session_replication_role = replica')
        await tx.query('DELETE FROM audit.records WHERE seq > $1', [backupHead - 2])
        await tx.query(
          'UPDATE audit.chain_head SET last_seq = $1, last_hash = (SELECT hash FROM audit.records WHERE seq = $1)',
          [backupHead - 2],
        )
      })

      const byCommand = await verifyByCommand(db, store)

      expect(byCommand.exitCode).toBe(1)
      expect(byCommand.message).toContain(`at record ${backupHead - 1}:`)
      expect(byCommand.message).toMatch(/链尾被截断：签名恢复标记.*记录到第 \d+ 条/)
    } finally {
      await db.close()
    }
  })
})
