import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'
import { type Db, listMigrations, migrate } from '../db/index.js'
import { openPgliteDb } from '../db/pglite-db.js'
import { openPostgresDb } from '../db/postgres-db.js'
import { TEST_DATABASE_PREFIX, testEngine, testPostgresUrl } from '../db/test-db.js'
import { BackupError, BackupErrorCode, type BackupManifest, restoreBackup, verifyBackup, writeBackup } from './index.js'

/** A database with nothing in it, like one an operator just created for a restore. */
async function createEmptyDb(): Promise<Db> {
  if (testEngine() === 'pglite') return openPgliteDb(undefined)
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_restore_${randomBytes(4).toString('hex')}`
  const onMaintenance = async (sql: string) => {
    const client = new pg.Client({ connectionString: testPostgresUrl() })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await onMaintenance(`CREATE DATABASE ${name}`)
  const url = new URL(testPostgresUrl())
  url.pathname = `/${name}`
  const db = await openPostgresDb(url.toString(), 3)
  return {
    ...db,
    async close() {
      await db.close()
      await onMaintenance(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}

async function countTables(db: Db): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  )
  return rows[0]?.count ?? -1
}

/** Every row as JSON text, sorted, so two tables compare equal only with equal contents. */
async function tableContents(db: Db, table: { schema: string; name: string }): Promise<string> {
  const { rows } = await db.query<{ contents: string | null }>(
    `SELECT string_agg(row_to_json(t)::text, E'\\n' ORDER BY row_to_json(t)::text) AS contents FROM "${table.schema}"."${table.name}" t`,
  )
  return rows[0]?.contents ?? ''
}

async function rowCount(db: Db, table: { schema: string; name: string }): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "${table.schema}"."${table.name}"`,
  )
  return rows[0]?.count ?? -1
}

const masterKey = randomBytes(32)
let source: TestApp
let workDir: string
let backupDir: string
let manifest: BackupManifest
const attachment = randomBytes(3000)

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'tongban-backup-'))
  const dataDir = path.join(workDir, 'data')
  source = await startTestApp({ masterKey, env: { TONGBAN_DATA_DIR: dataDir } })
  // Logins (one failed) leave audit records and sessions, so the chain has something to prove; the daily check
  // signs an anchor of the chain's end into the data directory.
  await loginAs(source, 'zhangmin')
  await loginAs(source, 'xuhui')
  await source.app.inject({ method: 'POST', url: '/api/auth/login', payload: { loginName: 'xuhui', password: 'nope' } })
  await source.services.audit.runDailyVerification()

  mkdirSync(path.join(dataDir, 'files', 'attachments'), { recursive: true })
  writeFileSync(path.join(dataDir, 'files', 'attachments', 'a.bin'), attachment)
  mkdirSync(path.join(dataDir, 'keys'))
  writeFileSync(path.join(dataDir, 'keys', 'master.key'), masterKey.toString('hex'))
  mkdirSync(path.join(dataDir, 'pglite'))
  writeFileSync(path.join(dataDir, 'pglite', 'PG_VERSION'), '17')
  mkdirSync(path.join(dataDir, 'tongban.lock'))

  backupDir = path.join(workDir, 'backup')
  await writeBackup({
    db: source.db,
    masterKey,
    outDir: backupDir,
    dataDir,
    excludeFiles: [path.join(dataDir, 'keys', 'master.key')],
    tongbanVersion: '0.1.0',
  })
  manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'))
})

afterAll(async () => {
  await source?.close()
  if (workDir) rmSync(workDir, { recursive: true, force: true })
})

/** A copy of the good backup to damage. */
function copyOfBackup(): string {
  const copy = path.join(workDir, `copy-${randomBytes(4).toString('hex')}`)
  cpSync(backupDir, copy, { recursive: true })
  return copy
}

describe('backup', () => {
  test('a backup holds every schema and the data files, but not the master key, the lock or PGlite files', () => {
    const schemas = new Set(manifest.tables.map((table) => table.schema))
    expect([...schemas]).toEqual(expect.arrayContaining(['platform', 'identity', 'audit']))
    expect(
      manifest.tables.find((table) => table.schema === 'audit' && table.name === 'records')?.rowCount,
    ).toBeGreaterThan(0)
    const files = manifest.files.map((file) => file.path)
    expect(files).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^audit\/checkpoints\/\d{4}-\d{2}-\d{2}\.jsonl$/),
        'files/attachments/a.bin',
      ]),
    )
    expect(files.filter((file) => /^(keys|pglite|tongban\.lock)\//.test(file))).toEqual([])
    expect(manifest.masterKeyIncluded).toBe(false)
    expect(manifest.migrationVersion).toBe(listMigrations().at(-1)?.version)
    // A table comes after the tables it references.
    const order = manifest.tables.map((table) => `${table.schema}.${table.name}`)
    expect(order.indexOf('identity.departments')).toBeLessThan(order.indexOf('identity.accounts'))
  })

  test('nothing in a backup is readable without the master key', () => {
    const everything = Buffer.concat(
      readdirSync(backupDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name !== 'manifest.json')
        .map((entry) => readFileSync(path.join(entry.parentPath, entry.name))),
    )
    expect(everything.includes('zhangmin')).toBe(false)
    expect(everything.includes('auth.login')).toBe(false)
    expect(everything.includes(attachment.subarray(0, 64))).toBe(false)
  })
})

describe('restore drill', () => {
  test('a backup restores into an empty database: same rows, a demo user logs in, the audit chain verifies', async () => {
    const target = await createEmptyDb()
    const restoredDataDir = path.join(workDir, 'restored-data')
    try {
      const summary = await restoreBackup({
        db: target,
        backup: verifyBackup({ dir: backupDir, masterKey }),
        dataDir: restoredDataDir,
      })

      expect(summary.rows).toBeGreaterThan(0)
      for (const table of manifest.tables) {
        expect({ table: `${table.schema}.${table.name}`, rows: await rowCount(target, table) }).toEqual({
          table: `${table.schema}.${table.name}`,
          rows: await rowCount(source.db, table),
        })
      }
      for (const table of manifest.tables) {
        expect(await tableContents(target, table), `${table.schema}.${table.name}`).toBe(
          await tableContents(source.db, table),
        )
      }
      for (const sequence of manifest.sequences) {
        const read = (db: Db) => db.query(`SELECT last_value, is_called FROM "${sequence.schema}"."${sequence.name}"`)
        expect((await read(target)).rows).toEqual((await read(source.db)).rows)
      }
      expect(readFileSync(path.join(restoredDataDir, 'files', 'attachments', 'a.bin')).equals(attachment)).toBe(true)
      expect(existsSync(path.join(restoredDataDir, 'keys', 'master.key'))).toBe(false)

      // The audit module is reached through the app, as platform code may not import modules.
      const restored = await startTestApp({
        db: target,
        seed: false,
        masterKey,
        env: { TONGBAN_DATA_DIR: restoredDataDir },
      })
      try {
        // Checked against the signed checkpoint that came back with the data files, too.
        expect(await restored.services.audit.verifyChain()).toMatchObject({
          intact: true,
          firstBroken: null,
          checkpoint: { seq: expect.any(Number) },
        })
        const session = await loginAs(restored, 'zhangmin')
        const me = await session.request({ method: 'GET', url: '/api/auth/me' })
        expect(me.statusCode).toBe(200)
        // New records chain on from the restored head.
        expect(await restored.services.audit.verifyChain()).toMatchObject({ intact: true })
      } finally {
        await restored.close()
      }
    } finally {
      await target.close()
    }
  })

  test('a non-empty database is refused, and replaced only with --force', async () => {
    const target = await createEmptyDb()
    try {
      await migrate(target)
      const backup = verifyBackup({ dir: backupDir, masterKey })
      const dataDir = path.join(workDir, `forced-${randomBytes(4).toString('hex')}`)

      await expect(restoreBackup({ db: target, backup, dataDir })).rejects.toMatchObject({
        code: BackupErrorCode.targetNotEmpty,
      })
      await restoreBackup({ db: target, backup, dataDir, force: true })

      const accounts = manifest.tables.find((table) => table.schema === 'identity' && table.name === 'accounts')
      expect(await rowCount(target, accounts as BackupManifest['tables'][number])).toBe(accounts?.rowCount)
      const restored = await startTestApp({ db: target, seed: false, masterKey, env: { TONGBAN_DATA_DIR: dataDir } })
      expect(await restored.services.audit.verifyChain()).toMatchObject({ intact: true })
      await restored.close()
    } finally {
      await target.close()
    }
  })
})

describe('a damaged backup is refused before anything is touched', () => {
  let target: Db
  beforeAll(async () => {
    target = await createEmptyDb()
  })
  afterAll(() => target?.close())

  /** What `npm run restore` does: verify, then restore; returns the refusal. */
  async function restoreFromDirectory(dir: string, key = masterKey): Promise<BackupError> {
    try {
      await restoreBackup({ db: target, backup: verifyBackup({ dir, masterKey: key }), dataDir: path.join(dir, 'x') })
    } catch (error) {
      if (error instanceof BackupError) return error
      throw error
    }
    throw new Error('expected the restore to be refused')
  }

  test('one flipped byte in a payload file is refused, naming that file, and the target stays empty', async () => {
    const copy = copyOfBackup()
    const victim = manifest.tables.find((table) => table.schema === 'audit' && table.name === 'records')
      ?.payloads[0] as string
    const file = path.join(copy, victim)
    const bytes = readFileSync(file)
    const middle = Math.floor(bytes.length / 2)
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle)
    writeFileSync(file, bytes)

    const error = await restoreFromDirectory(copy)

    expect(error.code).toBe(BackupErrorCode.payloadDamaged)
    expect(error.message).toContain(victim)
    expect(await countTables(target)).toBe(0)
  })

  test('a manifest whose row count was edited is refused as not authentic', async () => {
    const copy = copyOfBackup()
    const edited = JSON.parse(readFileSync(path.join(copy, 'manifest.json'), 'utf8')) as BackupManifest
    const records = edited.tables.find((table) => table.schema === 'audit' && table.name === 'records')
    if (records) records.rowCount -= 1
    writeFileSync(path.join(copy, 'manifest.json'), JSON.stringify(edited, null, 2))

    expect((await restoreFromDirectory(copy)).code).toBe(BackupErrorCode.manifestNotAuthentic)
    expect(await countTables(target)).toBe(0)
  })

  test('the wrong master key is refused', async () => {
    const error = await restoreFromDirectory(backupDir, randomBytes(32))

    expect(error.code).toBe(BackupErrorCode.manifestNotAuthentic)
    expect(error.message).toContain('主密钥')
    expect(await countTables(target)).toBe(0)
  })

  test('a backup from newer code than this program is refused', async () => {
    const backup = verifyBackup({ dir: backupDir, masterKey })
    await expect(
      restoreBackup({ db: target, backup, dataDir: workDir, migrations: listMigrations().slice(0, -1) }),
    ).rejects.toMatchObject({ code: BackupErrorCode.migrationsIncompatible })
    expect(await countTables(target)).toBe(0)
  })
})
