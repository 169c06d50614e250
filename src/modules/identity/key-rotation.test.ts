import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PEOPLE } from '../../demo/demo-organization.js'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp()
})
afterAll(() => tongban.close())

describe('rotating the personal-data key', () => {
  test('the security administrator rotates the key; a background job re-encrypts every account; lookups keep working', async () => {
    const security = await loginAs(tongban, 'secadmin')
    const before = (await security.request({ method: 'GET', url: '/api/security/keys' })).json()

    const rotation = await security.request({ method: 'POST', url: '/api/security/keys/rotation' })
    const pending = (await security.request({ method: 'GET', url: '/api/security/keys' })).json()
    while ((await tongban.services.jobs.runDueJobs()) > 0) {
      // drain the re-encryption batches
    }
    const after = (await security.request({ method: 'GET', url: '/api/security/keys' })).json()

    expect(rotation.json().version).toBe(before.activeVersion + 1)
    expect(pending.accountsToReencrypt).toBeGreaterThan(10)
    expect(after).toEqual({ activeVersion: before.activeVersion + 1, accountsToReencrypt: 0 })
    expect(tongban.services.keyRing.refusesUnboundFormat()).toBe(true)
    const { rows } = await tongban.db.query<{ id_number_cipher: string }>(
      `SELECT id_number_cipher FROM identity.accounts WHERE kind = 'person'`,
    )
    expect(rows.every((row) => row.id_number_cipher.startsWith(`sm4b:v${after.activeVersion}:`))).toBe(true)
    const clerk = await loginAs(tongban, 'zhangmin')
    const found = await clerk.request({
      method: 'GET',
      url: `/api/identity/people?idNumber=${DEMO_PEOPLE[0]?.idNumber}`,
    })
    expect(found.json().displayName).toBe('孙晓梅')
  })

  test('an install from before the bound format whose values are all bound refuses the first format at start', async () => {
    await tongban.db.query('DELETE FROM platform.crypto_settings')
    await tongban.services.keyRing.refresh()
    const acceptedBefore = !tongban.services.keyRing.refusesUnboundFormat()

    const stale = await tongban.services.identity.scheduleStaleCiphertextUpgrade()

    const { rows } = await tongban.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM platform.crypto_settings',
    )
    expect(acceptedBefore).toBe(true)
    expect(stale).toBe(0)
    expect(rows[0]?.count).toBe(1)
    expect(tongban.services.keyRing.refusesUnboundFormat()).toBe(true)
  })

  test('only the security administrator may rotate keys', async () => {
    const admin = await loginAs(tongban, 'sysadmin')

    expect((await admin.request({ method: 'POST', url: '/api/security/keys/rotation' })).statusCode).toBe(403)
  })
})
