import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { AdvisoryLock } from './advisory-locks.js'
import type { Db } from './db.js'

/** One SQL migration file of a module: `<UTC timestamp>_<verb>-<object>.sql`. */
export type Migration = { module: string; name: string; version: string; sql: string; checksum: string }

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const MIGRATION_FILE = /^(\d{14})_[a-z0-9-]+\.sql$/

/** Finds every module's and platform piece's migrations, in timestamp order across the whole tree. */
export function listMigrations(root = srcDir): Migration[] {
  const migrations: Migration[] = []
  for (const area of ['platform', 'modules']) {
    const areaDir = path.join(root, area)
    for (const owner of readdirSync(areaDir, { withFileTypes: true })) {
      if (!owner.isDirectory()) continue
      const dir = path.join(areaDir, owner.name, 'migrations')
      let files: string[]
      try {
        files = readdirSync(dir)
      } catch {
        continue
      }
      for (const file of files) {
        const match = MIGRATION_FILE.exec(file)
        if (!match) {
          if (file.endsWith('.sql'))
            throw new Error(`migration ${owner.name}/${file} is not named <14-digit UTC time>_<verb>-<object>.sql`)
          continue
        }
        const sql = readFileSync(path.join(dir, file), 'utf8')
        const checksum = createHash('sm3').update(sql).digest('hex')
        migrations.push({
          module: owner.name,
          name: `${owner.name}/${file}`,
          version: match[1] as string,
          sql,
          checksum,
        })
      }
    }
  }
  return migrations.sort((a, b) => a.version.localeCompare(b.version) || a.name.localeCompare(b.name))
}

const BOOKKEEPING = `
CREATE SCHEMA IF NOT EXISTS platform;
CREATE TABLE IF NOT EXISTS platform.schema_migrations (
  name text PRIMARY KEY,
  version text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE platform.schema_migrations IS 'Migrations applied to this database, one row per file';
`

/**
 * Applies the migrations not yet applied, all in one transaction (all or nothing); several processes starting at
 * once wait on one advisory lock. A changed file that was already applied is refused: migrations are append-only.
 */
export async function migrate(db: Db, migrations = listMigrations()): Promise<{ applied: string[]; version: string }> {
  // Only a role that may create it runs the bookkeeping DDL: the application role of a two-role PostgreSQL may not
  // (see docs/operations/audit-integrity.md), and with nothing to apply it must still start.
  const { rows: ready } = await db.query<{ exists: boolean }>(
    "SELECT to_regclass('platform.schema_migrations') IS NOT NULL AS exists",
  )
  if (!ready[0]?.exists) await db.exec(BOOKKEEPING)
  const applied: string[] = []
  await db.transaction(async (tx) => {
    // Waiting for another process's migrations, or building an index, may take longer than a request may.
    await tx.exec('SET LOCAL statement_timeout = 0')
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AdvisoryLock.migrations])
    const { rows } = await tx.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM platform.schema_migrations',
    )
    const done = new Map(rows.map((row) => [row.name, row.checksum]))
    for (const migration of migrations) {
      const checksum = done.get(migration.name)
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`migration ${migration.name} was changed after it was applied; add a new migration instead`)
        }
        continue
      }
      await tx.exec(migration.sql)
      await tx.query('INSERT INTO platform.schema_migrations (name, version, checksum) VALUES ($1, $2, $3)', [
        migration.name,
        migration.version,
        migration.checksum,
      ])
      applied.push(migration.name)
    }
  })
  return { applied, version: await currentMigrationVersion(db) }
}

/** The timestamp of the newest applied migration, or '' on an empty database. */
export async function currentMigrationVersion(db: Db): Promise<string> {
  const { rows } = await db.query<{ version: string | null }>(
    'SELECT max(version) AS version FROM platform.schema_migrations',
  )
  return rows[0]?.version ?? ''
}
