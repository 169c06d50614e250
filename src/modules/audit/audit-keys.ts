import { deriveKey, deriveSm2KeyPair } from '../../platform/crypto/index.js'
import { createSyslogSender } from '../../platform/syslog/index.js'
import * as records from './audit.repository.js'
import { createAuditService } from './audit.service.js'
import { createCheckpointStore, type RestoreMarker } from './audit-checkpoints.js'

// Key purposes: part of what the stored chain and checkpoints mean. Never rename one.
const CHAIN_KEY_PURPOSE = 'audit/chain-hmac-sm3'
const CHECKPOINT_KEY_PURPOSE = 'audit/checkpoint-signing'

/**
 * The audit service as every process builds it: the chain key and the checkpoint signing key are derived from the
 * master key (so all processes share them and neither is ever stored), checkpoints go to `checkpointDir` and, when
 * configured, to syslog.
 */
export function createAuditServiceWithKeys({
  db,
  masterKey,
  checkpointDir,
  checkpointSeconds,
  syslogUrl,
  onBackgroundError,
}: {
  db: Parameters<typeof createAuditService>[0]['db']
  masterKey: Uint8Array
  checkpointDir: string
  checkpointSeconds: number
  syslogUrl?: string | undefined
  onBackgroundError?: (error: unknown, what: string) => void
}) {
  const checkpoints = createCheckpointStore({
    dir: checkpointDir,
    signingKey: deriveSm2KeyPair(masterKey, CHECKPOINT_KEY_PURPOSE),
    syslog: syslogUrl ? createSyslogSender(syslogUrl) : undefined,
    onSyslogError: (error) => onBackgroundError?.(error, 'could not send the audit checkpoint to syslog'),
  })
  return createAuditService({
    db,
    chainKey: deriveKey(masterKey, CHAIN_KEY_PURPOSE),
    checkpoints,
    checkpointIntervalMs: checkpointSeconds * 1000,
    onBackgroundError,
  })
}

/**
 * What `npm run restore` does once the backup verified and the database was put back: signs a restore marker for
 * the restored chain head into the checkpoint store (and syslog), so verification takes the checkpoints of the
 * history the restore discarded as superseded instead of as a cut tail. Only the holder of the master key can.
 */
export async function writeRestoreMarkerWithKeys({
  db,
  masterKey,
  checkpointDir,
  syslogUrl,
  backup,
  onSyslogError,
}: {
  db: Parameters<typeof createAuditService>[0]['db']
  masterKey: Uint8Array
  checkpointDir: string
  syslogUrl?: string | undefined
  backup: { backupId: string; createdAt: string }
  onSyslogError?: (error: unknown) => void
}): Promise<RestoreMarker> {
  const checkpoints = createCheckpointStore({
    dir: checkpointDir,
    signingKey: deriveSm2KeyPair(masterKey, CHECKPOINT_KEY_PURPOSE),
    syslog: syslogUrl ? createSyslogSender(syslogUrl) : undefined,
    onSyslogError,
  })
  const head = await records.findChainHead(db)
  return checkpoints.writeRestoreMarker({
    restoredHead: { seq: head.lastSeq, hash: head.lastHash },
    backupId: backup.backupId,
    backupCreatedAt: backup.createdAt,
  })
}
