import { randomBytes, randomUUID } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeSync,
} from 'node:fs'
import path from 'node:path'
import { sealSm4, sm3Hex } from '../crypto/index.js'
import type { Db, Transaction } from '../db/index.js'
import { backupErrors } from './backup-errors.js'
import { listDataFiles } from './data-files.js'
import {
  insertableColumns,
  listForeignKeys,
  listSequences,
  listTables,
  orderByDependencies,
  primaryKeyColumns,
  qualifiedName,
  quoteIdent,
  type TableRef,
} from './database-catalog.js'
import {
  BACKUP_FORMAT,
  type BackupManifest,
  type DataFileEntry,
  deriveBackupKeys,
  ENCRYPTION_DESCRIPTION,
  MANIFEST_FILE,
  type PayloadEntry,
  payloadAssociatedData,
  type SequenceEntry,
  signManifest,
  type TableEntry,
} from './manifest.js'

export type WriteBackupOptions = {
  db: Db
  masterKey: Uint8Array
  /** A directory that does not exist yet or is empty; the backup appears there only once complete. */
  outDir: string
  /** The data directory whose files are copied (the embedded database and the lock are not). */
  dataDir: string
  /** Absolute paths never copied: the master key file above all. */
  excludeFiles?: string[]
  tongbanVersion: string
  /** Plaintext bytes of one table payload before the next part starts (bounds memory). */
  partBytes?: number
}

export type BackupSummary = {
  dir: string
  backupId: string
  createdAt: string
  migrationVersion: string
  tables: Array<{ schema: string; name: string; rowCount: number }>
  files: string[]
  payloadBytes: number
}

const FETCH_ROWS = 1000
const DEFAULT_PART_BYTES = 32 * 1024 * 1024

function writeDurably(file: string, data: Uint8Array): void {
  const fd = openSync(file, 'wx', 0o600)
  try {
    writeSync(fd, data)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_')
}

/**
 * Writes a consistent, encrypted backup: every table of every non-system schema read in ONE repeatable-read,
 * read-only transaction (one snapshot), as JSON Lines; the data directory's files; and a manifest with the
 * SM3 of each payload, authenticated with HMAC-SM3. The master key is never written.
 */
export async function writeBackup(options: WriteBackupOptions): Promise<BackupSummary> {
  const outDir = path.resolve(options.outDir)
  if (existsSync(outDir) && readdirSync(outDir).length > 0) throw backupErrors.outputNotEmpty(outDir)
  const staging = `${outDir}.partial-${randomBytes(4).toString('hex')}`
  mkdirSync(path.join(staging, 'tables'), { recursive: true, mode: 0o700 })
  mkdirSync(path.join(staging, 'files'), { mode: 0o700 })
  try {
    const summary = await writeInto(staging, outDir, options)
    if (existsSync(outDir)) rmdirSync(outDir)
    renameSync(staging, outDir)
    return summary
  } catch (error) {
    rmSync(staging, { recursive: true, force: true })
    throw error
  }
}

async function writeInto(staging: string, outDir: string, options: WriteBackupOptions): Promise<BackupSummary> {
  const keys = deriveBackupKeys(options.masterKey)
  const backupId = randomUUID()
  const createdAt = new Date().toISOString()
  const payloads: PayloadEntry[] = []

  const writePayload = (relative: string, plaintext: Buffer) => {
    const sealed = sealSm4(keys.payload, plaintext, payloadAssociatedData(backupId, relative))
    writeDurably(path.join(staging, relative), sealed)
    payloads.push({
      path: relative,
      bytes: sealed.length,
      plaintextBytes: plaintext.length,
      sm3Ciphertext: sm3Hex(sealed),
      sm3Plaintext: sm3Hex(plaintext),
    })
  }

  const snapshot = await options.db.transaction(async (tx) => {
    // One snapshot for every read: rows committed while the backup runs are either all in it or all out.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY')
    const { rows: clock } = await tx.query<{ ms: number }>('SELECT (extract(epoch FROM now()) * 1000)::float8 AS ms')
    const migrations = await readMigrations(tx)
    const foreignKeys = await listForeignKeys(tx)
    const tables: TableEntry[] = []
    let index = 0
    for (const table of orderByDependencies(await listTables(tx), foreignKeys)) {
      index += 1
      const prefix = `tables/${String(index).padStart(3, '0')}-${safeName(table.schema)}.${safeName(table.name)}`
      tables.push(await dumpTable(tx, table, prefix, options.partBytes ?? DEFAULT_PART_BYTES, writePayload))
    }
    const sequences: SequenceEntry[] = []
    for (const sequence of await listSequences(tx)) {
      const { rows } = await tx.query<{ lastValue: string; isCalled: boolean }>(
        `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${qualifiedName(sequence)}`,
      )
      sequences.push({ ...sequence, lastValue: rows[0]?.lastValue ?? '1', isCalled: rows[0]?.isCalled ?? false })
    }
    return { snapshotAt: new Date(Number(clock[0]?.ms)).toISOString(), migrations, tables, sequences }
  })

  // Files are read right after the snapshot: with the embedded database the server is stopped, so nothing moves.
  const files: DataFileEntry[] = []
  const exclude = [...(options.excludeFiles ?? []), outDir, staging]
  for (const [index, relative] of listDataFiles(options.dataDir, exclude).entries()) {
    const payload = `files/${String(index + 1).padStart(5, '0')}.sm4`
    writePayload(payload, readFileSync(path.join(options.dataDir, ...relative.split('/'))))
    files.push({ path: relative, payload })
  }

  // Migrations were read ordered by version, so the last one is the newest.
  const migrationVersion = snapshot.migrations.at(-1)?.version ?? ''
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    backupId,
    createdAt,
    snapshotAt: snapshot.snapshotAt,
    tongbanVersion: options.tongbanVersion,
    engine: options.db.engine,
    migrationVersion,
    migrations: snapshot.migrations.map(({ name, checksum }) => ({ name, checksum })),
    masterKeyIncluded: false,
    encryption: ENCRYPTION_DESCRIPTION,
    tables: snapshot.tables,
    sequences: snapshot.sequences,
    files,
    payloads,
  }
  writeDurably(path.join(staging, MANIFEST_FILE), Buffer.from(signManifest(manifest, keys), 'utf8'))
  return {
    dir: outDir,
    backupId,
    createdAt,
    migrationVersion,
    tables: snapshot.tables.map(({ schema, name, rowCount }) => ({ schema, name, rowCount })),
    files: files.map((file) => file.path),
    payloadBytes: payloads.reduce((sum, item) => sum + item.bytes, 0),
  }
}

async function readMigrations(tx: Transaction): Promise<Array<{ name: string; version: string; checksum: string }>> {
  const { rows: exists } = await tx.query<{ found: boolean }>(
    `SELECT to_regclass('platform.schema_migrations') IS NOT NULL AS found`,
  )
  if (!exists[0]?.found) return []
  const { rows } = await tx.query<{ name: string; version: string; checksum: string }>(
    'SELECT name, version, checksum FROM platform.schema_migrations ORDER BY version, name',
  )
  return rows
}

async function dumpTable(
  tx: Transaction,
  table: TableRef,
  prefix: string,
  partBytes: number,
  writePayload: (relative: string, plaintext: Buffer) => void,
): Promise<TableEntry> {
  const key = await primaryKeyColumns(tx, table)
  const columns = await insertableColumns(tx, table)
  const orderBy = key.length > 0 ? ` ORDER BY ${key.map((column) => `t.${quoteIdent(column)}`).join(', ')}` : ''
  // Only the columns a restore can write; row_to_json keeps every value exact (numeric digits, bytea as \x hex,
  // timestamps with their offset) and reads the same on PGlite and PostgreSQL.
  const select = columns.map((column) => `t.${quoteIdent(column)}`).join(', ')
  await tx.query(
    `DECLARE tongban_backup_rows NO SCROLL CURSOR FOR
     SELECT row_to_json(r)::text AS line FROM (SELECT ${select} FROM ${qualifiedName(table)} t${orderBy}) r`,
  )
  const entry: TableEntry = { schema: table.schema, name: table.name, rowCount: 0, payloads: [] }
  let lines: string[] = []
  let size = 0
  const flush = () => {
    if (lines.length === 0) return
    const relative = `${prefix}.${entry.payloads.length + 1}.jsonl.sm4`
    writePayload(relative, Buffer.from(`${lines.join('\n')}\n`, 'utf8'))
    entry.payloads.push(relative)
    lines = []
    size = 0
  }
  for (;;) {
    const { rows } = await tx.query<{ line: string }>(`FETCH FORWARD ${FETCH_ROWS} FROM tongban_backup_rows`)
    for (const { line } of rows) {
      lines.push(line)
      size += Buffer.byteLength(line) + 1
      entry.rowCount += 1
      if (size >= partBytes) flush()
    }
    if (rows.length < FETCH_ROWS) break
  }
  flush()
  await tx.query('CLOSE tongban_backup_rows')
  return entry
}
