import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { type Db, listMigrations, migrate, type Transaction } from '../db/index.js'
import { backupErrors } from './backup-errors.js'
import { isNonRegular, resolveDataFile } from './data-files.js'
import {
  insertableColumns,
  listForeignKeys,
  listSchemas,
  listSequences,
  listTables,
  qualifiedName,
  quoteIdent,
  type TableRef,
} from './database-catalog.js'
import type { PayloadEntry } from './manifest.js'
import { readPayload, type VerifiedBackup } from './verify-backup.js'

type Migration = ReturnType<typeof listMigrations>[number]

export type RestoreOptions = {
  /** The target database; it must be empty unless `force` is set. */
  db: Db
  /** From `verifyBackup`: nothing is restored from a backup that was not verified first. */
  backup: VerifiedBackup
  /** Where the data directory's files are written back. */
  dataDir: string
  /** Replace a non-empty database (every non-system schema is dropped) and overwrite differing files. */
  force?: boolean
  /** The migrations this program knows; tests may pass a subset. */
  migrations?: Migration[]
}

export type RestoreSummary = {
  migrationVersion: string
  tables: Array<{ schema: string; name: string; rowCount: number }>
  rows: number
  files: number
}

const INSERT_BATCH = 500

/** The migrations to run: exactly the backup's, each of which this program must have with the same checksum. */
function selectMigrations(backup: VerifiedBackup, known: Migration[]): Migration[] {
  const byName = new Map(known.map((migration) => [migration.name, migration]))
  const wanted = new Set<string>()
  for (const { name, checksum } of backup.manifest.migrations) {
    const migration = byName.get(name)
    if (!migration) {
      throw backupErrors.migrationsIncompatible(
        `备份包含当前程序没有的迁移 ${name}，备份比程序新；请用不低于 ${backup.manifest.tongbanVersion} 的版本恢复 (backup is newer than this code)`,
      )
    }
    if (migration.checksum !== checksum) {
      throw backupErrors.migrationsIncompatible(`迁移 ${name} 的内容与备份时不同 (migration checksum differs)`)
    }
    wanted.add(name)
  }
  return known.filter((migration) => wanted.has(migration.name))
}

/** A Db view of one open transaction, so `migrate` runs inside the restore's single transaction. */
function transactionAsDb(tx: Transaction, engine: Db['engine']): Db {
  return {
    engine,
    query: (text, params) => tx.query(text, params),
    exec: (script) => tx.exec(script),
    transaction: (work) => work(tx),
    listen: () => Promise.reject(new Error('LISTEN is not available inside a restore')),
    close: async () => undefined,
  }
}

async function dropEverything(tx: Transaction): Promise<void> {
  for (const schema of await listSchemas(tx)) {
    if (schema !== 'public') await tx.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`)
  }
  // `public` stays (extensions such as pg_trgm live there); only its tables and sequences go.
  for (const table of (await listTables(tx)).filter((item) => item.schema === 'public')) {
    await tx.query(`DROP TABLE IF EXISTS ${qualifiedName(table)} CASCADE`)
  }
  for (const sequence of (await listSequences(tx)).filter((item) => item.schema === 'public')) {
    await tx.query(`DROP SEQUENCE IF EXISTS ${qualifiedName(sequence)} CASCADE`)
  }
}

async function loadTable(
  tx: Transaction,
  backup: VerifiedBackup,
  payloads: Map<string, PayloadEntry>,
  table: TableRef & { rowCount: number; payloads: string[] },
): Promise<void> {
  const columns = (await insertableColumns(tx, table)).map(quoteIdent).join(', ')
  // json_populate_recordset turns each JSON value back into the column's own type, on both engines.
  // OVERRIDING SYSTEM VALUE keeps the backed-up values of identity columns.
  const insert = `INSERT INTO ${qualifiedName(table)} (${columns}) OVERRIDING SYSTEM VALUE
    SELECT ${columns} FROM json_populate_recordset(NULL::${qualifiedName(table)}, $1::json)`
  let inserted = 0
  for (const payload of table.payloads) {
    const lines = readPayload(backup, payloads.get(payload) as PayloadEntry)
      .toString('utf8')
      .split('\n')
      .filter((line) => line !== '')
    for (let start = 0; start < lines.length; start += INSERT_BATCH) {
      const { rowCount } = await tx.query(insert, [`[${lines.slice(start, start + INSERT_BATCH).join(',')}]`])
      inserted += rowCount
    }
  }
  if (inserted !== table.rowCount) {
    throw backupErrors.targetSchemaMismatch(
      `表 ${table.schema}.${table.name} 写入 ${inserted} 行，备份有 ${table.rowCount} 行`,
    )
  }
}

/**
 * Restores a verified backup into an empty database in ONE transaction: the backup's migrations, then every
 * table's rows (foreign keys dropped and re-created, which re-checks them all; user triggers disabled so
 * rows come back exactly as they were), then the sequences. Any failure rolls everything back. The data
 * directory's files are written after the commit.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreSummary> {
  const { db, backup } = options
  const { manifest } = backup
  const migrations = selectMigrations(backup, options.migrations ?? listMigrations())

  const existing = await listTables(db)
  if (existing.length > 0 && !options.force) throw backupErrors.targetNotEmpty(existing.length)

  const payloads = new Map(manifest.payloads.map((entry) => [entry.path, entry]))
  const files = manifest.files.map((file) => ({
    target: resolveDataFile(options.dataDir, file.path),
    content: readPayload(backup, payloads.get(file.payload) as PayloadEntry),
    path: file.path,
  }))
  for (const file of files) {
    if (!existsSync(file.target)) continue
    const same = !isNonRegular(file.target) && readFileSync(file.target).equals(file.content)
    if (!same && !options.force) throw backupErrors.fileConflict(file.path)
  }

  await db.transaction(async (tx) => {
    if (options.force) await dropEverything(tx)
    await migrate(transactionAsDb(tx, db.engine), migrations)

    const present = new Set((await listTables(tx)).map((table) => `${table.schema}.${table.name}`))
    for (const table of manifest.tables) {
      if (!present.has(`${table.schema}.${table.name}`)) {
        throw backupErrors.targetSchemaMismatch(`迁移后没有表 ${table.schema}.${table.name}`)
      }
    }
    const foreignKeys = await listForeignKeys(tx)
    for (const key of foreignKeys) {
      await tx.query(`ALTER TABLE ${qualifiedName(key)} DROP CONSTRAINT ${quoteIdent(key.constraint)}`)
    }
    for (const table of manifest.tables) await tx.query(`ALTER TABLE ${qualifiedName(table)} DISABLE TRIGGER USER`)
    // Rows the migrations themselves inserted (bookkeeping, initial values) give way to the backed-up ones.
    for (const table of [...manifest.tables].reverse()) {
      const { rows } = await tx.query<{ found: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM ${qualifiedName(table)}) AS found`,
      )
      if (rows[0]?.found) await tx.query(`DELETE FROM ${qualifiedName(table)}`)
    }
    for (const table of manifest.tables) await loadTable(tx, backup, payloads, table)
    for (const key of foreignKeys) {
      await tx.query(`ALTER TABLE ${qualifiedName(key)} ADD CONSTRAINT ${quoteIdent(key.constraint)} ${key.definition}`)
    }
    for (const table of manifest.tables) await tx.query(`ALTER TABLE ${qualifiedName(table)} ENABLE TRIGGER USER`)
    for (const sequence of manifest.sequences) {
      await tx.query('SELECT setval($1::regclass, $2::bigint, $3)', [
        qualifiedName(sequence),
        sequence.lastValue,
        sequence.isCalled,
      ])
    }
  })

  for (const file of files) {
    mkdirSync(path.dirname(file.target), { recursive: true, mode: 0o700 })
    const draft = `${file.target}.restore-${randomBytes(4).toString('hex')}`
    try {
      writeFileSync(draft, file.content, { mode: 0o600 })
      if (isNonRegular(file.target)) rmSync(file.target, { recursive: true })
      renameSync(draft, file.target)
    } finally {
      rmSync(draft, { force: true })
    }
  }

  return {
    migrationVersion: manifest.migrationVersion,
    tables: manifest.tables.map(({ schema, name, rowCount }) => ({ schema, name, rowCount })),
    rows: manifest.tables.reduce((sum, table) => sum + table.rowCount, 0),
    files: files.length,
  }
}
