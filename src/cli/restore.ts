import { parseArgs } from 'node:util'
import { writeRestoreMarkerWithKeys } from '../modules/audit/index.js'
import { BackupError, restoreBackup, verifyBackup } from '../platform/backup/index.js'
import { loadConfig } from '../platform/config/index.js'
import { CryptoError, loadMasterKey } from '../platform/crypto/index.js'
import { openDb } from '../platform/db/index.js'
import { runCli } from './run-cli.js'

const USAGE = '用法 (usage): npm run restore -- --from <备份目录 backup directory> [--force]'

/**
 * `npm run restore -- --from <dir> [--force]`: verifies the whole backup with the master key first, then
 * restores it into the configured database, which must be empty (or is replaced with --force).
 */
runCli(async () => {
  let values: { from?: string; force?: boolean }
  try {
    values = parseArgs({ options: { from: { type: 'string' }, force: { type: 'boolean', default: false } } }).values
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    process.exitCode = 1
    return
  }
  if (!values.from) {
    console.error(USAGE)
    process.exitCode = 1
    return
  }
  const config = loadConfig()
  try {
    const masterKey = loadMasterKey({
      masterKeyHex: config.masterKeyHex,
      masterKeyFile: config.masterKeyFile,
      createIfMissing: false,
    })
    // Everything is checked before the database is even opened.
    const backup = verifyBackup({ dir: values.from, masterKey })
    const { manifest } = backup
    console.log(
      `备份校验通过 (backup verified): ${manifest.payloads.length} 个文件的 SM3 与 HMAC-SM3 均正确；` +
        `创建于 ${manifest.createdAt}，Tongban ${manifest.tongbanVersion}，迁移版本 ${manifest.migrationVersion}`,
    )
    // A maintenance command may run statements longer than any request should: no statement timeout.
    const db = await openDb({ ...config, databaseQueryTimeoutMs: 0 })
    try {
      const summary = await restoreBackup({ db, backup, dataDir: config.dataDir, force: values.force })
      console.log(
        `恢复完成 (restore done): ${summary.tables.length} 张表 ${summary.rows} 行，${summary.files} 个数据文件，` +
          `数据库处于迁移版本 ${summary.migrationVersion}`,
      )
      // Only now, with the backup verified and restored: the restore's own rewind of the audit chain is signed, so
      // the checkpoints of the discarded history are reported as superseded by it rather than as a cut tail.
      const marker = await writeRestoreMarkerWithKeys({
        db,
        masterKey,
        checkpointDir: config.auditCheckpointDir,
        syslogUrl: config.auditSyslogUrl,
        backup: { backupId: manifest.backupId, createdAt: manifest.createdAt },
        onSyslogError: (error) => console.error(`恢复标记未能发往 syslog: ${(error as Error).message}`),
      })
      console.log(
        `恢复标记已签名 (restore marker signed): 审计链恢复到第 ${marker.restoredHead.seq} 条` +
          (marker.supersedes
            ? `，取代此前指向更远处的检查点（最新一个为第 ${marker.supersedes.seq} 条，${marker.supersedes.at}）`
            : ''),
      )
      console.log('  建议：启动 Tongban 后运行 npm run audit:verify 确认审计链完整。')
    } finally {
      await db.close()
    }
  } catch (error) {
    if (!(error instanceof BackupError || error instanceof CryptoError)) throw error
    console.error(`恢复被拒绝 (restore refused): ${error.message}`)
    process.exitCode = 1
  }
})
