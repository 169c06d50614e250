import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Db, Engine } from './db.js'
import { migrate } from './migrations.js'
import { openDumpablePgliteDb, openPgliteDb } from './pglite-db.js'
import { openPostgresDb } from './postgres-db.js'

/** The engine the test run uses: TONGBAN_TEST_DB=pglite (default) or postgres. */
export function testEngine(): Engine {
  const engine = process.env.TONGBAN_TEST_DB ?? 'pglite'
  if (engine !== 'pglite' && engine !== 'postgres')
    throw new Error(`TONGBAN_TEST_DB must be pglite or postgres, got ${engine}`)
  return engine
}

/** Where the test run reaches PostgreSQL (a maintenance database the tests may create databases from). */
export function testPostgresUrl(): string {
  return process.env.TONGBAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
}

export const TEST_DATABASE_PREFIX = 'tongban_test_'

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

async function onMaintenanceDb<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl() })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Migrates an in-memory PGlite once per test run and dumps it to a file that every test file loads. */
export async function preparePgliteTemplate(): Promise<string> {
  const file = path.join(tmpdir(), `tongban-pglite-template-${process.pid}.tar`)
  const { db, dump } = await openDumpablePgliteDb()
  try {
    await migrate(db)
    writeFileSync(file, Buffer.from(await (await dump()).arrayBuffer()))
  } finally {
    await db.close()
  }
  return file
}

// Each run has its own template, so two runs on one server (two engineers, or CI and a developer) never clash.
function templateDatabase(): string {
  const name = process.env.TONGBAN_TEST_PG_TEMPLATE
  if (!name) throw new Error('TONGBAN_TEST_PG_TEMPLATE is not set: run the tests through vitest (global setup)')
  return name
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Builds this run's migrated template database (vitest global setup) and removes test databases that earlier runs
 * left behind: those whose creating process (its pid is in the name) is gone and that nobody is connected to. A
 * template has no connections while a run uses it, so the pid is what keeps another run's databases safe.
 */
export async function preparePostgresTemplate(): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = `${TEST_DATABASE_PREFIX}template_${process.pid}_${randomBytes(3).toString('hex')}`
  await onMaintenanceDb(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database d WHERE datname LIKE $1
          AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
      [`${TEST_DATABASE_PREFIX}%`],
    )
    for (const { datname } of rows) {
      const pid = Number(/^tongban_test_(?:template_)?(\d+)_/.exec(datname)?.[1])
      if (Number.isInteger(pid) && isProcessAlive(pid)) continue
      await client.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined)
    }
    await client.query(`CREATE DATABASE ${name}`)
  })
  const db = await openPostgresDb(withDatabase(testPostgresUrl(), name), 1)
  try {
    await migrate(db)
  } finally {
    await db.close()
  }
  return {
    name,
    drop: () =>
      onMaintenanceDb((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  }
}

/**
 * A fresh, migrated database for one test file, on the engine the run uses. Close it in afterAll:
 * on PostgreSQL that also drops the database.
 */
export async function createTestDb(): Promise<Db> {
  if (testEngine() === 'pglite') {
    const template = process.env.TONGBAN_TEST_PGLITE_TEMPLATE
    // Loading the migrated template's dump takes a fraction of the time migrating afresh does.
    const db = await openPgliteDb(
      undefined,
      template && existsSync(template) ? new Blob([readFileSync(template)]) : undefined,
    )
    await migrate(db)
    return db
  }
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`
  // Cloning the migrated template is much faster than migrating each database.
  await onMaintenanceDb((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`))
  const db = await openPostgresDb(withDatabase(testPostgresUrl(), name), 5)
  return {
    ...db,
    async close() {
      await db.close()
      await onMaintenanceDb((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
}

/** The connection string of a fresh PostgreSQL test database (for tests that start real server processes). */
export async function createTestPostgresUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`
  await onMaintenanceDb((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`))
  return {
    url: withDatabase(testPostgresUrl(), name),
    drop: () =>
      onMaintenanceDb((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  }
}

/** True when the PostgreSQL the tests would use answers. */
export async function isTestPostgresReachable(): Promise<boolean> {
  try {
    await onMaintenanceDb((client) => client.query('SELECT 1'))
    return true
  } catch {
    return false
  }
}
