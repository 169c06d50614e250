import type { Db } from '../../platform/db/index.js'
import { createAuditServiceWithKeys } from './audit-keys.js'

/**
 * What `npm run audit:verify` does, given an open database: verify the chain against the newest checkpoint (raising
 * an alert when broken, and auditing the check itself). Returns the exit code and the line to print.
 */
export async function runAuditVerifyCommand({
  db,
  masterKey,
  checkpointDir,
  checkpointSeconds,
  syslogUrl,
}: {
  db: Db
  masterKey: Uint8Array
  checkpointDir: string
  checkpointSeconds: number
  syslogUrl?: string | undefined
}): Promise<{ exitCode: 0 | 1; message: string }> {
  const audit = createAuditServiceWithKeys({
    db,
    masterKey,
    checkpointDir,
    checkpointSeconds,
    syslogUrl,
    onBackgroundError: (error, what) => console.error(`${what}: ${(error as Error).message}`),
  })
  const result = await audit.verifyChainOnDemand({ actor: null, clientAddress: null, requestId: 'cli:audit:verify' })
  const against = result.checkpoint
    ? `，与签名检查点一致（第 ${result.checkpoint.seq} 条，${result.checkpoint.at}）`
    : '；未找到签名检查点，无法发现截断 (no checkpoint found)'
  // A restore is named: the checkpoints of the discarded history are superseded by its signed marker, not ignored.
  const restore = result.restore
    ? `；${result.restore.at} 从备份（创建于 ${result.restore.backupCreatedAt}）恢复到第 ${result.restore.restoredSeq} 条，` +
      `此前 ${result.restore.supersededCount} 个检查点被该恢复取代 (superseded by the restore at ${result.restore.at})`
    : ''
  if (result.intact) {
    return {
      exitCode: 0,
      message: `审计链完整 (audit chain intact): ${result.checked} 条记录已校验${against}${restore}`,
    }
  }
  return {
    exitCode: 1,
    message: `审计链断裂 (audit chain broken) at record ${result.firstBroken?.seq}: ${result.firstBroken?.reason}`,
  }
}
