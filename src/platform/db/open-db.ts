import path from 'node:path'
import { lockDataDir } from './data-dir-lock.js'
import type { Db } from './db.js'
import { openPgliteDb } from './pglite-db.js'
import { openPostgresDb } from './postgres-db.js'

export type DbSettings = {
  databaseUrl: string | undefined
  dataDir: string
  databasePoolSize: number
  databaseConnectTimeoutMs?: number
  databaseQueryTimeoutMs?: number
}

/** Opens PostgreSQL when DATABASE_URL is set, else the embedded PGlite database in the data directory (locked). */
export async function openDb(settings: DbSettings): Promise<Db> {
  if (settings.databaseUrl) {
    return openPostgresDb(settings.databaseUrl, settings.databasePoolSize, {
      connectTimeoutMs: settings.databaseConnectTimeoutMs,
      queryTimeoutMs: settings.databaseQueryTimeoutMs,
    })
  }
  const unlock = await lockDataDir(settings.dataDir)
  try {
    const db = await openPgliteDb(path.join(settings.dataDir, 'pglite'))
    return {
      ...db,
      async close() {
        await db.close()
        await unlock()
      },
    }
  } catch (error) {
    await unlock()
    throw error
  }
}
