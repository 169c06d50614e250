import path from 'node:path'
import { createAnchorStore, createAuditService } from '../modules/audit/index.js'
import { loadConfig } from '../platform/config/index.js'
import { openDb } from '../platform/db/index.js'
import { runCli } from './run-cli.js'

/** `npm run audit:verify`: walks the audit chain; exit 0 when intact, 1 naming the first broken record. */
runCli(async () => {
  const config = loadConfig()
  const db = await openDb(config)
  try {
    const anchors = createAnchorStore(path.join(config.dataDir, 'audit'))
    const result = await createAuditService({ db, anchors }).verifyChain()
    if (result.intact) {
      console.log(`审计链完整 (audit chain intact): ${result.checked} 条记录已校验`)
    } else {
      console.log(`审计链断裂 (audit chain broken) at record ${result.firstBroken?.seq}: ${result.firstBroken?.reason}`)
      process.exitCode = 1
    }
  } finally {
    await db.close()
  }
})
