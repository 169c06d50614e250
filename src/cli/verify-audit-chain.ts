import { runAuditVerifyCommand } from '../modules/audit/index.js'
import { loadConfig } from '../platform/config/index.js'
import { loadMasterKey } from '../platform/crypto/index.js'
import { openDb } from '../platform/db/index.js'
import { runCli } from './run-cli.js'

/**
 * `npm run audit:verify`: walks the audit chain (HMAC-SM3 under the key derived from the master key) and compares it
 * with the newest signed checkpoint outside the database. Exit 0 when intact; 1 naming the first broken record or
 * the checkpoint, after raising an alert for the audit and security administrators.
 */
runCli(async () => {
  const config = loadConfig()
  const masterKey = loadMasterKey({
    masterKeyHex: config.masterKeyHex,
    masterKeyFile: config.masterKeyFile,
    createIfMissing: false,
  })
  const db = await openDb(config)
  try {
    const { exitCode, message } = await runAuditVerifyCommand({
      db,
      masterKey,
      checkpointDir: config.auditCheckpointDir,
      checkpointSeconds: config.auditCheckpointSeconds,
      syslogUrl: config.auditSyslogUrl,
    })
    console.log(message)
    process.exitCode = exitCode
  } finally {
    await db.close()
  }
})
