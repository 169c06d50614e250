import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { type Sm2KeyPair, signSm2, verifySm2 } from '../../platform/crypto/index.js'
import { type SyslogSender, SyslogSeverity } from '../../platform/syslog/index.js'

/** The chain's end at one moment, signed with SM2: kept outside the database, so a rewound table is caught. */
export type ChainCheckpoint = { seq: number; hash: string; at: string; signature: string }

/** A point the table must still reach, with the same hash: a checkpoint, or the head a restore put back. */
export type ChainPoint = { seq: number; hash: string; at: string }

/**
 * Written by `npm run restore` once the backup verified and the database was put back: the chain legitimately
 * restarts from `restoredHead`, so every checkpoint signed before `at` that points past that head is superseded by
 * this marker (`supersedes` names the newest of them, for people reading the file). Signed with the checkpoint key.
 */
export type RestoreMarker = {
  kind: 'restore'
  restoredHead: { seq: number; hash: string }
  backupId: string
  backupCreatedAt: string
  supersedes: { seq: number; at: string } | null
  at: string
  signature: string
}

/** The newest valid restore marker as verification reports it, with the checkpoints it superseded. */
export type RestoreFinding = {
  marker: RestoreMarker
  /** Superseded checkpoints, newest first (at most SUPERSEDED_LISTED, each signature checked). */
  superseded: ChainPoint[]
  /** How many checkpoint lines the marker supersedes in all. */
  supersededCount: number
}

const SUPERSEDED_LISTED = 20

// The signed text; its layout must never change, or older checkpoints stop verifying.
function checkpointMessage(checkpoint: Pick<ChainCheckpoint, 'seq' | 'hash' | 'at'>): string {
  return `tongban-audit-checkpoint|${checkpoint.seq}|${checkpoint.hash}|${checkpoint.at}`
}

// Another prefix than a checkpoint's, so neither signature can be passed off as the other.
function restoreMessage(marker: Omit<RestoreMarker, 'signature' | 'kind'>): string {
  const supersedes = marker.supersedes ? `${marker.supersedes.seq}@${marker.supersedes.at}` : '-'
  return [
    'tongban-audit-restore',
    marker.restoredHead.seq,
    marker.restoredHead.hash,
    marker.backupId,
    marker.backupCreatedAt,
    supersedes,
    marker.at,
  ].join('|')
}

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/

function isCheckpointLine(value: unknown): value is ChainCheckpoint {
  const line = value as ChainCheckpoint
  return (
    typeof value === 'object' &&
    value !== null &&
    Number.isSafeInteger(line.seq) &&
    typeof line.hash === 'string' &&
    typeof line.at === 'string' &&
    typeof line.signature === 'string'
  )
}

function isRestoreLine(value: unknown): value is RestoreMarker {
  const line = value as RestoreMarker
  return (
    typeof value === 'object' &&
    value !== null &&
    line.kind === 'restore' &&
    Number.isSafeInteger(line.restoredHead?.seq) &&
    typeof line.restoredHead?.hash === 'string' &&
    typeof line.at === 'string' &&
    typeof line.signature === 'string'
  )
}

/** Whether a checkpoint signed before this restore and pointing past its head is one the restore superseded. */
export function isSupersededBy(checkpoint: ChainPoint, marker: RestoreMarker): boolean {
  return Date.parse(checkpoint.at) < Date.parse(marker.at) && checkpoint.seq > marker.restoredHead.seq
}

/**
 * Signed checkpoints in `<dir>/checkpoints/YYYY-MM-DD.jsonl` (one JSON line each, appended by every process that
 * shares the directory), optionally copied to syslog. The signing key is derived from the master key and never
 * written; its public key lies in `<dir>/checkpoint-public-key.pem` for checks with other tools
 * (openssl pkeyutl -verify … -pkeyopt distid:1234567812345678). Restore markers go into the same files.
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

  function append(at: string, line: object): void {
    ensureDir()
    // One short write with O_APPEND: lines from several processes do not interleave.
    appendFileSync(path.join(checkpointsDir, `${at.slice(0, 10)}.jsonl`), `${JSON.stringify(line)}\n`, {
      mode: 0o600,
    })
  }

  /** Signs the chain's end and appends it to today's file (and sends it to syslog, not waiting for it). */
  function write(head: { seq: number; hash: string }, at = new Date()): ChainCheckpoint {
    const body = { seq: head.seq, hash: head.hash, at: at.toISOString() }
    const signature = signSm2(signingKey.privateKeyPem, checkpointMessage(body)).toString('base64')
    const checkpoint = { ...body, signature }
    append(body.at, checkpoint)
    syslog
      ?.send({ severity: SyslogSeverity.info, msgId: 'audit-checkpoint', text: JSON.stringify(checkpoint) })
      .catch((error) => onSyslogError?.(error))
    return checkpoint
  }

  /**
   * Signs a restore marker for the head a restore put back and appends it (and sends it to syslog, waiting for the
   * send: the restore command exits right after).
   */
  async function writeRestoreMarker(
    restore: { restoredHead: { seq: number; hash: string }; backupId: string; backupCreatedAt: string },
    at = new Date(),
  ): Promise<RestoreMarker> {
    const atText = at.toISOString()
    const newestSuperseded = listSuperseded({ restoredHead: restore.restoredHead, at: atText }, 1).superseded[0]
    const body = {
      restoredHead: { seq: restore.restoredHead.seq, hash: restore.restoredHead.hash },
      backupId: restore.backupId,
      backupCreatedAt: restore.backupCreatedAt,
      supersedes: newestSuperseded ? { seq: newestSuperseded.seq, at: newestSuperseded.at } : null,
      at: atText,
    }
    const signature = signSm2(signingKey.privateKeyPem, restoreMessage(body)).toString('base64')
    const marker: RestoreMarker = { kind: 'restore', ...body, signature }
    append(atText, marker)
    await syslog
      ?.send({ severity: SyslogSeverity.notice, msgId: 'audit-restore', text: JSON.stringify(marker) })
      .catch((error) => onSyslogError?.(error))
    return marker
  }

  /** Day files, newest first. */
  function listDays(): string[] {
    if (!existsSync(checkpointsDir)) return []
    return readdirSync(checkpointsDir)
      .filter((name) => DAY_FILE.test(name))
      .sort()
      .reverse()
  }

  function readDay(day: string): { checkpoints: ChainCheckpoint[]; markers: RestoreMarker[] } {
    const checkpoints: ChainCheckpoint[] = []
    const markers: RestoreMarker[] = []
    for (const line of readFileSync(path.join(checkpointsDir, day), 'utf8').split('\n')) {
      try {
        const parsed: unknown = JSON.parse(line)
        if (isRestoreLine(parsed)) markers.push(parsed)
        else if (isCheckpointLine(parsed)) checkpoints.push(parsed)
      } catch {
        // A damaged or partial line is not a checkpoint.
      }
    }
    return { checkpoints, markers }
  }

  /** The newest marker in the list whose signature holds. */
  function newestValidMarker(markers: RestoreMarker[]): RestoreMarker | undefined {
    return [...markers].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).find((marker) => isRestoreSigned(marker))
  }

  /**
   * The point the table must reach: the checkpoint that reached furthest among those signed by our key (forged or
   * damaged lines are skipped), or the head a restore put back, leaving out the checkpoints that restore superseded.
   * The newest day file that holds a valid line decides: a whole day is hundreds of lines, so only candidates are
   * verified. A marker can only supersede checkpoints of its own day or older ones, so that day is enough.
   */
  function findLatest(): ChainPoint | undefined {
    for (const day of listDays()) {
      const { checkpoints, markers } = readDay(day)
      const marker = newestValidMarker(markers)
      const candidates = checkpoints
        .filter((checkpoint) => !marker || !isSupersededBy(checkpoint, marker))
        .sort((a, b) => b.seq - a.seq)
      const valid = candidates.find((candidate) => isSigned(candidate))
      const restored = marker ? { ...marker.restoredHead, at: marker.at } : undefined
      const best = valid && (!restored || valid.seq >= restored.seq) ? valid : restored
      // Checkpoints only move forward (from the restored head on, after a restore), so an older day cannot decide.
      if (best) return { seq: best.seq, hash: best.hash, at: best.at }
    }
    return undefined
  }

  /**
   * The newest restore marker whose signature holds, with the checkpoints it superseded. Reads every day file (only
   * lines that look like markers are parsed): for verification, not for every link pass.
   */
  function findRestore(): RestoreFinding | undefined {
    for (const day of listDays()) {
      const text = readFileSync(path.join(checkpointsDir, day), 'utf8')
      if (!text.includes('"kind":"restore"')) continue
      const marker = newestValidMarker(readDay(day).markers)
      if (marker) return { marker, ...listSuperseded(marker, SUPERSEDED_LISTED) }
    }
    return undefined
  }

  /** Unsigned or forged restore markers (lines that claim to be one but whose signature fails). */
  function countForgedRestoreMarkers(): number {
    let forged = 0
    for (const day of listDays()) {
      const text = readFileSync(path.join(checkpointsDir, day), 'utf8')
      if (!text.includes('"kind":"restore"')) continue
      for (const line of text.split('\n')) {
        if (!line.includes('"kind":"restore"')) continue
        try {
          const parsed: unknown = JSON.parse(line)
          if (!isRestoreLine(parsed) || !isRestoreSigned(parsed)) forged += 1
        } catch {
          forged += 1
        }
      }
    }
    return forged
  }

  /**
   * Checkpoints signed before `marker.at` that point past its restored head, newest first. They lie in the marker's
   * day and the days before it, back to the day a checkpoint reached no further than the restored head (the
   * backup's own time).
   */
  function listSuperseded(
    marker: Pick<RestoreMarker, 'restoredHead' | 'at'>,
    limit: number,
  ): { superseded: ChainPoint[]; supersededCount: number } {
    const lines: ChainCheckpoint[] = []
    const markerDay = `${marker.at.slice(0, 10)}.jsonl`
    for (const day of listDays()) {
      if (day > markerDay) continue
      const before = readDay(day).checkpoints.filter((checkpoint) => Date.parse(checkpoint.at) < Date.parse(marker.at))
      const past = before.filter((checkpoint) => checkpoint.seq > marker.restoredHead.seq)
      lines.push(...past)
      if (past.length < before.length) break
    }
    lines.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    const superseded = lines
      .slice(0, limit)
      .filter((checkpoint) => isSigned(checkpoint))
      .map(({ seq, hash, at }) => ({ seq, hash, at }))
    return { superseded, supersededCount: lines.length }
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

  function isRestoreSigned(marker: RestoreMarker): boolean {
    try {
      return verifySm2(signingKey.publicKeyPem, restoreMessage(marker), Buffer.from(marker.signature, 'base64'))
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

  return {
    write,
    writeRestoreMarker,
    findLatest,
    findRestore,
    countForgedRestoreMarkers,
    writeReport,
    sendAlarm,
    dir,
  }
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
