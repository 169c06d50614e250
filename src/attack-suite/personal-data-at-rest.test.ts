import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PEOPLE, DEMO_STAFF } from '../demo/demo-organization.js'
import { migrate } from '../platform/db/index.js'
import { openDumpablePgliteDb } from '../platform/db/pglite-db.js'
import { testEngine, testPostgresUrl } from '../platform/db/test-db.js'
import { loginAs, startTestApp, type TestApp } from '../test-support/test-app.js'

let tongban: TestApp
let dumpPglite: (() => Promise<Blob>) | undefined
beforeAll(async () => {
  if (testEngine() === 'pglite') {
    // A PGlite whose raw data directory (the page files a copied disk would hold) can be dumped.
    const dumpable = await openDumpablePgliteDb()
    await migrate(dumpable.db)
    dumpPglite = dumpable.dump
    tongban = await startTestApp({ db: dumpable.db })
  } else {
    tongban = await startTestApp()
  }
  // Use the data: logins, a lookup by ID number, a registration.
  await loginAs(tongban, 'sunxiaomei')
  const clerk = await loginAs(tongban, 'zhangmin')
  await clerk.request({ method: 'GET', url: `/api/identity/people?idNumber=${DEMO_PEOPLE[1]?.idNumber}` })
})
afterAll(async () => {
  await tongban.close()
  if (dumpPglite) await tongban.db.close()
})

/** The whole database as bytes: pg_dump on PostgreSQL, the raw data directory on PGlite. */
async function dumpDatabase(): Promise<Buffer> {
  if (testEngine() === 'postgres') {
    const { rows } = await tongban.db.query<{ db: string }>('SELECT current_database() AS db')
    const url = new URL(testPostgresUrl())
    url.pathname = `/${rows[0]?.db}`
    return execFileSync('pg_dump', ['--no-owner', url.toString()], { maxBuffer: 512 * 1024 * 1024 })
  }
  // CHECKPOINT writes every change into the page files the dump holds.
  await tongban.db.query('CHECKPOINT')
  return Buffer.from(await (await (dumpPglite as () => Promise<Blob>)()).arrayBuffer())
}

describe('personal data at rest', () => {
  test('a dump of the demo database contains no demo person’s ID number or phone in clear text', async () => {
    const dump = (await dumpDatabase()).toString('latin1')

    expect(dump.length).toBeGreaterThan(10_000)
    for (const person of DEMO_PEOPLE) {
      expect(dump, person.name).not.toContain(person.idNumber)
      expect(dump, person.name).not.toContain(person.phone)
    }
    for (const staff of DEMO_STAFF) expect(dump, staff.displayName).not.toContain(staff.phone)
    expect(dump).toContain('sm4b:v')
    expect(dump).toContain('zhangmin')
  })
})
