import { mkdirSync } from 'node:fs'
import path from 'node:path'
import lockfile from 'proper-lockfile'

/** Raised when another Tongban process already holds the embedded data directory. */
export class DataDirInUseError extends Error {
  constructor(dataDir: string) {
    super(
      `数据目录 ${dataDir} 正被另一个 Tongban 进程使用（data directory in use by another process）。` +
        '请先停止该进程，或用 TONGBAN_DATA_DIR 指定其他目录；多进程部署请使用 PostgreSQL（DATABASE_URL）。',
    )
    this.name = 'DataDirInUseError'
  }
}

/**
 * Locks the embedded data directory for this process: two PGlite openers corrupt the database.
 * The lock is refreshed every few seconds, so one left by a crashed process goes stale and is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true })
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, 'tongban.lock'),
      stale: 15_000,
      update: 5_000,
      retries: 0,
      onCompromised: (error) => {
        // Someone removed or took our lock: stop rather than risk two writers.
        process.emitWarning(`data directory lock lost: ${error.message}`)
        process.exit(1)
      },
    })
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirInUseError(dataDir)
    throw error
  }
}
