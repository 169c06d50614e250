import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { type Db, openDb } from '../src/platform/db/index.js'

const PG_URL = process.env.TONGBAN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

async function onMaintenanceDb(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    await work(client)
  } finally {
    await client.end()
  }
}

/**
 * A database of the bench's own: a fresh PGlite directory, or the PostgreSQL database `name` made anew (kept from
 * the last run instead when `reuse` is set and it exists). `url` is where other processes reach it (PostgreSQL only);
 * `cleanup` removes it unless reused.
 */
export async function openBenchDb(
  engine: 'pglite' | 'postgres',
  name: string,
  { reuse = false }: { reuse?: boolean } = {},
): Promise<{ db: Db; url: string | null; cleanup: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), `${name.replaceAll('_', '-')}-`))
    const db = await openDb({ databaseUrl: undefined, dataDir, databasePoolSize: 1 })
    return { db, url: null, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) }
  }
  await onMaintenanceDb(async (client) => {
    const exists = (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rows.length > 0
    if (reuse && exists) return
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${name}`)
  })
  const url = new URL(PG_URL)
  url.pathname = `/${name}`
  const db = await openDb({ databaseUrl: url.toString(), dataDir: '', databasePoolSize: 10 })
  return {
    db,
    url: url.toString(),
    cleanup: async () => {
      if (!reuse) await onMaintenanceDb((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
}
