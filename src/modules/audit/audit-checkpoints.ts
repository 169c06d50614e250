import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { type Sm2KeyPair, signSm2, verifySm2 } from '../../platform/crypto/index.js'
import { type SyslogSender, SyslogSeverity } from '../../platform/syslog/index.js'

/** The chain's end at one moment, signed with SM2: kept outside the database, so a rewound table is caught. */
export type ChainCheckpoint = { seq: number; hash: string; at: string; signature: string }

// The signed text; its layout must never change, or older checkpoints stop verifying.
function checkpointMessage(checkpoint: Pick<ChainCheckpoint, 'seq' | 'hash' | 'at'>): string {
  return `tongban-audit-checkpoint|${checkpoint.seq}|${checkpoint.hash}|${checkpoint.at}`
}

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/

/**
 * Signed checkpoints in `<dir>/checkpoints/YYYY-MM-DD.jsonl` (one JSON line each, appended by every process that
 * shares the directory), optionally copied to syslog. The signing key is derived from the master key and never
 * written; its public key lies in `<dir>/checkpoint-public-key.pem` for checks with other tools
 * (openssl pkeyutl -verify … -pkeyopt distid:1234567812345678).
 */
export function createCheckpointStore({
  dir,
  signingKey,
  syslog,
  onSyslogError,
}: {
  dir: string
  signingKey: Sm2KeyPair
  syslog?: SyslogSender
  onSyslogError?: (error: unknown) => void
}) {
  const checkpointsDir = path.join(dir, 'checkpoints')

  function ensureDir(): void {
    mkdirSync(checkpointsDir, { recursive: true, mode: 0o700 })
    const publicKeyFile = path.join(dir, 'checkpoint-public-key.pem')
    if (!existsSync(publicKeyFile)) writeFileSync(publicKeyFile, signingKey.publicKeyPem, { mode: 0o600 })
  }

  /** Signs the chain's end and appends it to today's file (and sends it to syslog, not waiting for it). */
  function write(head: { seq: number; hash: string }, at = new Date()): ChainCheckpoint {
    ensureDir()
    const body = { seq: head.seq, hash: head.hash, at: at.toISOString() }
    const signature = signSm2(signingKey.privateKeyPem, checkpointMessage(body)).toString('base64')
    const checkpoint = { ...body, signature }
    // One short write with O_APPEND: lines from several processes do not interleave.
    appendFileSync(path.join(checkpointsDir, `${body.at.slice(0, 10)}.jsonl`), `${JSON.stringify(checkpoint)}\n`, {
      mode: 0o600,
    })
    syslog
      ?.send({ severity: SyslogSeverity.info, msgId: 'audit-checkpoint', text: JSON.stringify(checkpoint) })
      .catch((error) => onSyslogError?.(error))
    return checkpoint
  }

  /**
   * The checkpoint that reached furthest, among those signed by our key (forged or damaged lines are skipped). The
   * newest day file that holds a valid one decides: a whole day is hundreds of lines, so only candidates are verified.
   */
  function findLatest(): ChainCheckpoint | undefined {
    if (!existsSync(checkpointsDir)) return undefined
    const days = readdirSync(checkpointsDir)
      .filter((name) => DAY_FILE.test(name))
      .sort()
      .reverse()
    let best: ChainCheckpoint | undefined
    for (const day of days) {
      const candidates: ChainCheckpoint[] = []
      for (const line of readFileSync(path.join(checkpointsDir, day), 'utf8').split('\n')) {
        try {
          const parsed = JSON.parse(line) as ChainCheckpoint
          if (Number.isSafeInteger(parsed.seq) && typeof parsed.hash === 'string') candidates.push(parsed)
        } catch {
          // A damaged or partial line is not a checkpoint.
        }
      }
      candidates.sort((a, b) => b.seq - a.seq)
      const valid = candidates.find((candidate) => isSigned(candidate))
      if (valid && (!best || valid.seq > best.seq)) best = valid
      // Checkpoints only move forward, so an older day cannot reach further than a newer day's valid one.
      if (best) return best
    }
    return best
  }

  function isSigned(checkpoint: ChainCheckpoint): boolean {
    try {
      return verifySm2(
        signingKey.publicKeyPem,
        checkpointMessage(checkpoint),
        Buffer.from(checkpoint.signature, 'base64'),
      )
    } catch {
      return false
    }
  }

  /** Writes a verification report to `<dir>/reports/YYYY-MM-DD.json`. */
  function writeReport(at: Date, report: object): string {
    const reportsDir = path.join(dir, 'reports')
    mkdirSync(reportsDir, { recursive: true, mode: 0o700 })
    const file = path.join(reportsDir, `${at.toISOString().slice(0, 10)}.json`)
    writeFileSync(file, `${JSON.stringify({ at: at.toISOString(), ...report }, null, 2)}\n`, { mode: 0o600 })
    return file
  }

  /** Sends an alarm line to syslog (a broken chain), when syslog is configured. */
  function sendAlarm(text: string): void {
    syslog
      ?.send({ severity: SyslogSeverity.critical, msgId: 'audit-alarm', text })
      .catch((error) => onSyslogError?.(error))
  }

  return { write, findLatest, writeReport, sendAlarm, dir }
}

export type CheckpointStore = ReturnType<typeof createCheckpointStore>

/**
 * The newest anchor of the release before keyed chains (`anchors.jsonl`, signed with `anchor-key.pem` kept in plain
 * beside it). Read once, when the keyed segment starts, to check the old chain one last time.
 */
export function findLegacyAnchor(dir: string): { seq: number; hash: string; at: string } | undefined {
  const anchorsFile = path.join(dir, 'anchors.jsonl')
  const keyFile = path.join(dir, 'anchor-key.pem')
  if (!existsSync(anchorsFile) || !existsSync(keyFile)) return undefined
  const keyText = readFileSync(keyFile, 'utf8')
  const publicKeyPem = keyText.slice(keyText.indexOf('-----BEGIN PUBLIC KEY-----'))
  const lines = readFileSync(anchorsFile, 'utf8').split('\n').filter(Boolean).reverse()
  for (const line of lines) {
    try {
      const anchor = JSON.parse(line) as { seq: number; hash: string; at: string; signature: string }
      const message = `tongban-audit-anchor|${anchor.seq}|${anchor.hash}|${anchor.at}`
      if (verifySm2(publicKeyPem, message, Buffer.from(anchor.signature, 'base64'))) return anchor
    } catch {
      // A damaged line is not an anchor.
    }
  }
  return undefined
}

/** Removes the old plain-text anchor signing key: once the keyed segment is sealed, it could only forge anchors. */
export function removeLegacyAnchorKey(dir: string): void {
  rmSync(path.join(dir, 'anchor-key.pem'), { force: true })
}
