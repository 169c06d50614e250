import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { BackupError, writeBackup } from '../platform/backup/index.js'
import { loadConfig } from '../platform/config/index.js'
import { CryptoError, loadMasterKey } from '../platform/crypto/index.js'
import { openDb } from '../platform/db/index.js'
import { runCli } from './run-cli.js'

const USAGE = '用法 (usage): npm run backup -- --out <新目录 new directory>'
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** `npm run backup -- --out <dir>`: a consistent, SM4-encrypted backup of the database and the data files. */
runCli(async () => {
  let out: string | undefined
  try {
    out = parseArgs({ options: { out: { type: 'string' } } }).values.out
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    process.exitCode = 1
    return
  }
  if (!out) {
    console.error(USAGE)
    process.exitCode = 1
    return
  }
  const config = loadConfig()
  const { version } = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { version: string }
  try {
    const masterKey = loadMasterKey({
      masterKeyHex: config.masterKeyHex,
      masterKeyFile: config.masterKeyFile,
      createIfMissing: false,
    })
    // With the embedded database this fails while Tongban runs (the data directory is locked): stop it first.
    // A maintenance command may run statements longer than any request should: no statement timeout.
    const db = await openDb({ ...config, databaseQueryTimeoutMs: 0 })
    try {
      const summary = await writeBackup({
        db,
        masterKey,
        outDir: out,
        dataDir: config.dataDir,
        excludeFiles: [config.masterKeyFile],
        tongbanVersion: version,
      })
      const rows = summary.tables.reduce((sum, table) => sum + table.rowCount, 0)
      console.log(`备份完成 (backup written): ${summary.dir}`)
      console.log(
        `  ${summary.tables.length} 张表 ${rows} 行，${summary.files.length} 个数据文件，` +
          `迁移版本 ${summary.migrationVersion}，加密后 ${summary.payloadBytes} 字节`,
      )
      console.log(
        '  注意：备份不含主密钥 (the master key is NOT in the backup)。恢复时需要同一把主密钥，请另行妥善保管。',
      )
    } finally {
      await db.close()
    }
  } catch (error) {
    if (!(error instanceof BackupError || error instanceof CryptoError)) throw error
    console.error(`备份失败 (backup refused): ${error.message}`)
    process.exitCode = 1
  }
})
