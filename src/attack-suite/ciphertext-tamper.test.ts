import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PEOPLE } from '../demo/demo-organization.js'
import { unwrapDataKey } from '../platform/crypto/key-ring.js'
import { deriveSealKeys, sealSm4 } from '../platform/crypto/sm4.js'
import { loginAs, startTestApp, type TestApp } from '../test-support/test-app.js'

// Someone with write access to the database, but not the master key, edits or moves encrypted personal data.
const masterKey = randomBytes(32)
const [sun, zhou] = DEMO_PEOPLE as [(typeof DEMO_PEOPLE)[number], (typeof DEMO_PEOPLE)[number]]

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp({ masterKey })
})
afterAll(() => tongban.close())

async function readAccount(loginName: string) {
  const { rows } = await tongban.db.query<{ id: string; id_number_cipher: string; phone_cipher: string }>(
    'SELECT id, id_number_cipher, phone_cipher FROM identity.accounts WHERE login_name = $1',
    [loginName],
  )
  return rows[0] as { id: string; id_number_cipher: string; phone_cipher: string }
}

async function setCipher(loginName: string, column: 'id_number_cipher' | 'phone_cipher', value: string) {
  await tongban.db.query(`UPDATE identity.accounts SET ${column} = $2 WHERE login_name = $1`, [loginName, value])
}

function flipOneBit(ciphertext: string): string {
  const [format, version, body] = ciphertext.split(':') as [string, string, string]
  const bytes = Buffer.from(body, 'base64')
  bytes[20] = (bytes[20] as number) ^ 0x01
  return `${format}:${version}:${bytes.toString('base64')}`
}

async function waitForAlerts(target: string): Promise<Array<{ kind: string; title: string; detail: string }>> {
  // The alert is written in its own transaction once the request's has ended.
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { rows } = await tongban.db.query<{ kind: string; title: string; detail: string }>(
      'SELECT kind, title, detail FROM audit.security_alerts WHERE target = $1',
      [target],
    )
    if (rows.length > 0) return rows
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return []
}

// What Tongban wrote before ADR 0017 under the active key: only the key version was authenticated.
async function legacyCipher(): Promise<(plaintext: string) => string> {
  const { rows } = await tongban.db.query<{ purpose: 'field'; version: number; wrapped_key: Uint8Array }>(
    `SELECT purpose, version, wrapped_key FROM platform.data_keys WHERE purpose = 'field' AND retired_at IS NULL`,
  )
  const key = rows[0] as { purpose: 'field'; version: number; wrapped_key: Uint8Array }
  const fieldKeys = deriveSealKeys(unwrapDataKey(masterKey, key), 'field')
  const prefix = `sm4:v${key.version}:`
  return (plaintext) => `${prefix}${sealSm4(fieldKeys, Buffer.from(plaintext), Buffer.from(prefix)).toString('base64')}`
}

describe('tampered and moved ciphertexts', () => {
  test('a person whose stored phone was tampered with still logs in; the security administrator is alerted', async () => {
    const account = await readAccount('gaoyating')
    await setCipher('gaoyating', 'phone_cipher', flipOneBit(account.phone_cipher))

    const login = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { loginName: 'gaoyating', password: 'Tongban@2026' },
    })

    expect(login.statusCode).toBe(200)
    expect(login.json().account).toMatchObject({ maskedPhone: null, maskedIdNumber: expect.stringMatching(/\*/) })
    const alerts = await waitForAlerts(`identity.accounts:${account.id}`)
    expect(alerts).toEqual([expect.objectContaining({ kind: 'ciphertext_invalid', title: '加密数据完整性校验失败' })])
    expect(JSON.stringify(alerts)).not.toContain(DEMO_PEOPLE[2]?.phone)
  })

  test("one person's ID-number ciphertext copied into another's row is refused with the documented code", async () => {
    const source = await readAccount(sun.loginName)
    const victim = await readAccount(zhou.loginName)
    await setCipher(zhou.loginName, 'id_number_cipher', source.id_number_cipher)
    const clerk = await loginAs(tongban, 'zhangmin')

    const lookup = await clerk.request({ method: 'GET', url: `/api/identity/people?idNumber=${zhou.idNumber}` })

    expect(lookup.statusCode).toBe(500)
    expect(lookup.json()).toMatchObject({ code: 'CRYPTO_CIPHERTEXT_INVALID', requestId: expect.any(String) })
    expect(lookup.body).not.toContain(sun.idNumber.slice(-6))
    expect(await waitForAlerts(`identity.accounts:${victim.id}`)).toHaveLength(1)
    await setCipher(zhou.loginName, 'id_number_cipher', victim.id_number_cipher)
  })

  test('a fresh install refuses a value in the first, unbound format from the start', async () => {
    const company = await readAccount('qinchuantextile')
    const legacy = await legacyCipher()
    await setCipher('qinchuantextile', 'phone_cipher', legacy('13814926637'))

    const login = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { loginName: 'qinchuantextile', password: 'Tongban@2026' },
    })

    expect(tongban.services.keyRing.refusesUnboundFormat()).toBe(true)
    expect(login.statusCode).toBe(200)
    expect(login.json().account).toMatchObject({ maskedPhone: null })
    expect(await waitForAlerts(`identity.accounts:${company.id}`)).toEqual([
      expect.objectContaining({ kind: 'ciphertext_invalid' }),
    ])
    await setCipher('qinchuantextile', 'phone_cipher', company.phone_cipher)
  })

  test('before the upgrade a first-format value reads; after it, a saved copy pasted into another row is refused', async () => {
    // An install from before ADR 0017: the first format is still read.
    await tongban.db.query('DELETE FROM platform.crypto_settings')
    await tongban.services.keyRing.refresh()
    const legacy = await legacyCipher()
    const victim = await readAccount(sun.loginName)
    await setCipher(zhou.loginName, 'id_number_cipher', legacy(zhou.idNumber))
    await setCipher(zhou.loginName, 'phone_cipher', legacy(zhou.phone))
    // Someone with database access keeps a copy of Zhou's old value from before the upgrade.
    const savedBeforeUpgrade = (await readAccount(zhou.loginName)).id_number_cipher
    const clerk = await loginAs(tongban, 'zhangmin')
    const before = await clerk.request({ method: 'GET', url: `/api/identity/people?idNumber=${zhou.idNumber}` })

    const scheduled = await tongban.services.identity.scheduleStaleCiphertextUpgrade()
    while ((await tongban.services.jobs.runDueJobs()) > 0) {
      // drain the re-encryption batches
    }
    const upgraded = await readAccount(zhou.loginName)
    const after = await clerk.request({ method: 'GET', url: `/api/identity/people?idNumber=${zhou.idNumber}` })
    await setCipher(sun.loginName, 'id_number_cipher', savedBeforeUpgrade)
    const pasted = await clerk.request({ method: 'GET', url: `/api/identity/people?idNumber=${sun.idNumber}` })

    expect(before.json()).toMatchObject({ displayName: '周建国', maskedPhone: '159****3214' })
    expect(scheduled).toBeGreaterThanOrEqual(1)
    expect(upgraded.id_number_cipher).toMatch(/^sm4b:v\d+:/)
    expect(upgraded.phone_cipher).toMatch(/^sm4b:v\d+:/)
    expect(after.json()).toMatchObject({ displayName: '周建国', maskedPhone: '159****3214' })
    expect(pasted.statusCode).toBe(500)
    expect(pasted.json()).toMatchObject({ code: 'CRYPTO_CIPHERTEXT_INVALID' })
    expect(pasted.body).not.toContain(zhou.idNumber.slice(-6))
    expect(await waitForAlerts(`identity.accounts:${victim.id}`)).toEqual([
      expect.objectContaining({ kind: 'ciphertext_invalid' }),
    ])
    await setCipher(sun.loginName, 'id_number_cipher', victim.id_number_cipher)
  })
})
