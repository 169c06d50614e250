import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Db, Engine } from './db.js'
import { migrate } from './migrations.js'
import { openPgliteDb } from './pglite-db.js'
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

export const TEMPLATE_DATABASE = 'tongban_test_template'
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

/** Builds the migrated template database once per PostgreSQL test run (vitest global setup). */
export async function preparePostgresTemplate(): Promise<void> {
  await onMaintenanceDb(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${TEST_DATABASE_PREFIX}%`,
    ])
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`)
  })
  const db = await openPostgresDb(withDatabase(testPostgresUrl(), TEMPLATE_DATABASE), 1)
  try {
    await migrate(db)
  } finally {
    await db.close()
  }
}

/**
 * A fresh, migrated database for one test file, on the engine the run uses. Close it in afterAll:
 * on PostgreSQL that also drops the database.
 */
export async function createTestDb(): Promise<Db> {
  if (testEngine() === 'pglite') {
    const db = await openPgliteDb(undefined)
    await migrate(db)
    return db
  }
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`
  // Cloning the migrated template is much faster than migrating each database.
  await onMaintenanceDb((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`))
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
  await onMaintenanceDb((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`))
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
