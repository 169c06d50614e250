import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type DatabaseRoles, type Db, migrate, setUpDatabaseRoles } from '../../platform/db/index.js'
import { openPostgresDb } from '../../platform/db/postgres-db.js'
import { createTestPostgresUrl, testEngine, testPostgresUrl } from '../../platform/db/test-db.js'
import { startTestApp, type TestApp } from '../../test-support/test-app.js'
import { AUDIT_APP_ROLE_GRANTS } from './audit-database-roles.js'

const CONTEXT = { actor: null, clientAddress: '10.0.0.8', requestId: 'req-roles' }

// Roles are cluster-wide: each run makes its own, so parallel runs on one server never collide.
const suffix = randomBytes(4).toString('hex')
const roles: DatabaseRoles = {
  owner: { name: `tongban_test_owner_${suffix}`, password: randomBytes(12).toString('hex') },
  app: { name: `tongban_test_app_${suffix}`, password: randomBytes(12).toString('hex') },
}

function asRole(url: string, role: { name: string; password: string }): string {
  const parsed = new URL(url)
  parsed.username = role.name
  parsed.password = role.password
  return parsed.toString()
}

describe.skipIf(testEngine() !== 'postgres')('the audit tables on PostgreSQL with two roles', () => {
  let drop: () => Promise<void>
  let appDb: Db
  let tongban: TestApp

  beforeAll(async () => {
    const database = await createTestPostgresUrl()
    drop = database.drop
    await setUpDatabaseRoles(database.url, roles, AUDIT_APP_ROLE_GRANTS)
    // Run again, as after every upgrade: it must not fail on roles and grants that exist.
    await setUpDatabaseRoles(database.url, roles, AUDIT_APP_ROLE_GRANTS)
    appDb = await openPostgresDb(asRole(database.url, roles.app), 3)
    tongban = await startTestApp({ db: appDb, seed: false })
  })
  afterAll(async () => {
    await tongban?.close()
    await appDb?.close()
    await drop?.()
    const admin = new pg.Client({ connectionString: testPostgresUrl() })
    await admin.connect()
    for (const role of [roles.app.name, roles.owner.name]) await admin.query(`DROP ROLE IF EXISTS ${role}`)
    await admin.end()
  })

  test('the application role writes, links, checkpoints and verifies the trail', async () => {
    await appDb.transaction((tx) =>
      tongban.services.audit.record(tx, CONTEXT, { action: 'test.role', target: 'case:1', result: 'success' }),
    )

    expect(await tongban.services.audit.writeCheckpointNow()).toMatchObject({ seq: expect.any(Number) })
    expect(await tongban.services.audit.verifyChain()).toMatchObject({ intact: true })
    expect((await migrate(appDb)).applied).toEqual([])
  })

  test('PostgreSQL refuses the application role every way of changing or unprotecting the records', async () => {
    for (const sql of [
      "UPDATE audit.records SET result = 'success'",
      'DELETE FROM audit.records',
      'TRUNCATE audit.records',
      'ALTER TABLE audit.records DISABLE TRIGGER records_append_only',
      'ALTER TABLE audit.records DISABLE TRIGGER ALL',
      'DROP TRIGGER records_append_only ON audit.records',
      'DROP TABLE audit.records',
      `ALTER TABLE audit.records OWNER TO ${roles.app.name}`,
      'SET session_replication_role = replica',
      "UPDATE audit.security_alerts SET kind = 'nothing'",
      'DELETE FROM audit.security_alerts',
    ]) {
      await expect(appDb.query(sql), sql).rejects.toMatchObject({ code: '42501' })
    }
  })
})
