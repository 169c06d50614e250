import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { hostname } from 'node:os'
import path from 'node:path'

/** Raised when another Tongban process already holds the embedded data directory. */
export class DataDirInUseError extends Error {
  constructor(dataDir: string, holder: string) {
    super(
      `数据目录 ${dataDir} 正被另一个 Tongban 进程使用（${holder}; data directory in use by another process）。` +
        '请先停止该进程，或用 TONGBAN_DATA_DIR 指定其他目录；多进程部署请使用 PostgreSQL（DATABASE_URL）。',
    )
    this.name = 'DataDirInUseError'
  }
}

/** Who holds the lock: enough to tell, from any later process on the same machine, whether it is still running. */
type LockHolder = { pid: number; startTime: string | null; bootId: string | null; host: string }

const LOCK_FILE = 'tongban.lock'
// The lock of Tongban versions before this one was a directory (proper-lockfile) refreshed every 5 s.
const LEGACY_STALE_MS = 15_000

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim()
  } catch {
    return null
  }
}

const bootId = readText('/proc/sys/kernel/random/boot_id')

/**
 * The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), so a pid reused by another
 * process is told apart; null for a zombie or a process that is gone, undefined where there is no /proc.
 */
function readStartTime(pid: number): string | null | undefined {
  if (bootId === null) return undefined
  const stat = readText(`/proc/${pid}/stat`)
  if (stat === null) return null
  // The command name (field 2) may contain spaces and parentheses: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  if (fields[0] === 'Z' || fields[0] === 'X') return null
  return fields[19] ?? null
}

function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}`
}

/** True unless the holder is certainly gone: a frozen (SIGSTOP) or busy holder is alive, however long it was silent. */
function isHolderAlive(holder: LockHolder): boolean {
  // Another machine (a shared volume) or another boot: we cannot look, so we never take its lock over by guess.
  if (holder.host !== hostname()) return true
  if (holder.bootId !== null && bootId !== null && holder.bootId !== bootId) return false
  const startTime = readStartTime(holder.pid)
  if (startTime !== undefined) return startTime !== null && startTime === holder.startTime
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function parseHolder(text: string | null): LockHolder | undefined {
  try {
    const value = JSON.parse(text ?? '') as Partial<LockHolder>
    if (!Number.isInteger(value.pid) || typeof value.host !== 'string') return undefined
    return {
      pid: value.pid as number,
      startTime: value.startTime ?? null,
      bootId: value.bootId ?? null,
      host: value.host,
    }
  } catch {
    return undefined
  }
}

/**
 * Creates the lock file only if there is none: written aside in full, then hard-linked into place, which fails if
 * the name exists (like O_EXCL), so of two processes racing exactly one succeeds and nobody reads a half-written lock.
 */
function tryCreate(lockFile: string, content: string): boolean {
  const draft = `${lockFile}.${process.pid}.draft`
  const fd = openSync(draft, 'w', 0o600)
  try {
    writeSync(fd, content)
  } finally {
    closeSync(fd)
  }
  try {
    linkSync(draft, lockFile)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    rmSync(draft, { force: true })
  }
}

/**
 * Moves a stale lock out of the way, but only the very file judged stale (same inode): if another process took
 * it over in between, its fresh lock is put back.
 */
function removeStale(lockFile: string, judgedInode: number): void {
  const aside = `${lockFile}.stale-${process.pid}`
  try {
    renameSync(lockFile, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  if (statSync(aside).ino !== judgedInode) {
    try {
      linkSync(aside, lockFile)
    } catch {
      // A third process created one meanwhile; it holds the directory now.
    }
  }
  rmSync(aside, { recursive: true, force: true })
}

/**
 * Locks the embedded data directory for this process: two PGlite openers corrupt the database. The lock file,
 * created atomically, names the holder's pid and start time; it is refused while that process lives, however long
 * it has been frozen, and taken over only once it is gone (a crash or SIGKILL leaves it behind). Returns the unlock.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const lockFile = path.join(dataDir, LOCK_FILE)
  const self: LockHolder = {
    pid: process.pid,
    startTime: readStartTime(process.pid) ?? null,
    bootId,
    host: hostname(),
  }
  const content = `${JSON.stringify(self)}\n`
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(lockFile, content)) {
      return async () => {
        // Only our own lock: never remove one another process took over.
        if (readText(lockFile) === content.trim()) rmSync(lockFile, { force: true })
      }
    }
    let found: ReturnType<typeof statSync>
    try {
      found = statSync(lockFile)
    } catch {
      continue
    }
    if (found.isDirectory()) {
      if (Date.now() - found.mtimeMs < LEGACY_STALE_MS) throw new DataDirInUseError(dataDir, 'an older Tongban version')
      removeStale(lockFile, found.ino)
      continue
    }
    const holder = parseHolder(readText(lockFile))
    if (holder && isHolderAlive(holder)) throw new DataDirInUseError(dataDir, describeHolder(holder))
    // An unreadable lock file (a disk filled up, a hand edit) is stale: nobody could tell who holds it.
    removeStale(lockFile, found.ino)
  }
  throw new DataDirInUseError(dataDir, 'another process keeps taking the lock')
}
