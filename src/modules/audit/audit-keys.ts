import { deriveKey, deriveSm2KeyPair } from '../../platform/crypto/index.js'
import { createSyslogSender } from '../../platform/syslog/index.js'
import { createAuditService } from './audit.service.js'
import { createCheckpointStore } from './audit-checkpoints.js'

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
