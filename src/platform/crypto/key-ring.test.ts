import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '../db/index.js'
import { createTestDb } from '../db/test-db.js'
import { type CipherBinding, createFieldCipher } from './field-cipher.js'
import { createKeyRing } from './index.js'
import { buildFieldKeys, unwrapDataKey } from './key-ring.js'
import { deriveSealKeys, sealSm4 } from './sm4.js'

const idNumber = '11010519491231002X'
// The row and column a value belongs to: sealed into its tag.
const alice: CipherBinding = { table: 'identity.accounts', column: 'id_number_cipher', rowId: 'row-alice' }

let db: Db
beforeAll(async () => {
  db = await createTestDb()
})
afterAll(async () => {
  await db.close()
})

// Each test gets its own key ring: the table is emptied so "first use" really is the first.
async function givenFreshKeyRing(masterKey = randomBytes(32)) {
  await db.query('DELETE FROM platform.data_keys')
  await db.query('DELETE FROM platform.crypto_settings')
  return { ring: await createKeyRing(db, masterKey), masterKey }
}

// An install from before ADR 0017: its keys existed before the bound format, so the first format is still read.
async function givenInstallFromBeforeTheBoundFormat(masterKey = randomBytes(32)) {
  const { ring } = await givenFreshKeyRing(masterKey)
  await db.query('DELETE FROM platform.crypto_settings')
  await ring.refresh()
  return { ring, masterKey }
}

// What the first format wrote: sealed with only the key version as associated data.
async function sealInFirstFormat(masterKey: Buffer, plaintext: string): Promise<string> {
  const rows = await listRows()
  const fieldKey = unwrapDataKey(masterKey, rows.find((row) => row.purpose === 'field') as (typeof rows)[number])
  return `sm4:v1:${sealSm4(deriveSealKeys(fieldKey, 'field'), Buffer.from(plaintext), Buffer.from('sm4:v1:')).toString('base64')}`
}

async function listRows() {
  const { rows } = await db.query<{ purpose: 'field' | 'blind-index'; version: number; wrapped_key: Uint8Array }>(
    'SELECT purpose, version, wrapped_key FROM platform.data_keys ORDER BY purpose, version',
  )
  return rows
}

describe('field encryption with the key ring', () => {
  test('an encrypted ID number decrypts to the original and names its key version', async () => {
    const { ring } = await givenFreshKeyRing()

    const ciphertext = ring.encrypt(idNumber, alice)

    expect(ciphertext).toMatch(/^sm4b:v1:[A-Za-z0-9+/]+=*$/)
    expect(ciphertext).not.toContain(idNumber)
    expect(ring.decrypt(ciphertext, alice)).toBe(idNumber)
    expect(ring.decrypt(ring.encrypt('张三丰', alice), alice)).toBe('张三丰')
    expect(ring.decrypt(ring.encrypt('', alice), alice)).toBe('')
  })

  test('a tampered, truncated or re-labelled ciphertext is refused with a clear error', async () => {
    const { ring } = await givenFreshKeyRing()
    const ciphertext = ring.encrypt(idNumber, alice)
    const body = Buffer.from(ciphertext.slice('sm4b:v1:'.length), 'base64')
    body[20] = (body[20] as number) ^ 0x01

    expect(() => ring.decrypt(`sm4b:v1:${body.toString('base64')}`, alice)).toThrow(/failed its integrity check/)
    expect(() => ring.decrypt(ciphertext.slice(0, -8), alice)).toThrow(
      expect.objectContaining({ code: 'CRYPTO_CIPHERTEXT_INVALID' }),
    )
    expect(() => ring.decrypt(idNumber, alice)).toThrow(/not a field ciphertext/)
    expect(() => ring.decrypt(ciphertext.replace('sm4b:v1:', 'sm4b:v9:'), alice)).toThrow(
      expect.objectContaining({ code: 'CRYPTO_KEY_VERSION_UNKNOWN' }),
    )
  })

  test('a ciphertext copied into another row or another column fails its integrity check', async () => {
    const failures: unknown[] = []
    await db.query('DELETE FROM platform.data_keys')
    const ring = await createKeyRing(db, randomBytes(32), { onIntegrityFailure: (failure) => failures.push(failure) })
    const alicesNumber = ring.encrypt(idNumber, alice)

    const intoBob = () => ring.decrypt(alicesNumber, { ...alice, rowId: 'row-bob' })
    const intoPhone = () => ring.decrypt(alicesNumber, { ...alice, column: 'phone_cipher' })

    expect(intoBob).toThrow(expect.objectContaining({ code: 'CRYPTO_CIPHERTEXT_INVALID' }))
    expect(intoPhone).toThrow(expect.objectContaining({ code: 'CRYPTO_CIPHERTEXT_INVALID' }))
    expect(failures).toEqual([
      { table: 'identity.accounts', column: 'id_number_cipher', rowId: 'row-bob', keyVersion: 1 },
      { table: 'identity.accounts', column: 'phone_cipher', rowId: 'row-alice', keyVersion: 1 },
    ])
    expect(ring.decrypt(alicesNumber, alice)).toBe(idNumber)
  })

  test('on an install from before the bound format, a first-format value still opens and is marked stale', async () => {
    const { ring, masterKey } = await givenInstallFromBeforeTheBoundFormat()
    const legacy = await sealInFirstFormat(masterKey, idNumber)

    expect(ring.refusesUnboundFormat()).toBe(false)
    expect(ring.decrypt(legacy, alice)).toBe(idNumber)
    expect(ring.isCurrentCiphertext(legacy)).toBe(false)
    expect(ring.isCurrentCiphertext(ring.encrypt(idNumber, alice))).toBe(true)
    expect(ring.currentCiphertextPrefix()).toBe('sm4b:v1:')
  })

  test('a fresh install refuses the first format from the start, as a moved ciphertext', async () => {
    const failures: unknown[] = []
    await db.query('DELETE FROM platform.data_keys')
    await db.query('DELETE FROM platform.crypto_settings')
    const masterKey = randomBytes(32)
    const ring = await createKeyRing(db, masterKey, { onIntegrityFailure: (failure) => failures.push(failure) })
    const legacy = await sealInFirstFormat(masterKey, idNumber)

    expect(ring.refusesUnboundFormat()).toBe(true)
    expect(() => ring.decrypt(legacy, alice)).toThrow(expect.objectContaining({ code: 'CRYPTO_CIPHERTEXT_INVALID' }))
    expect(failures).toEqual([{ ...alice, keyVersion: 1 }])
  })

  test('once the first format is refused, another process refuses it too without restarting', async () => {
    const { ring, masterKey } = await givenInstallFromBeforeTheBoundFormat()
    const other = await createKeyRing(db, masterKey)
    const stopFollowing = await other.followRotations()
    const legacy = await sealInFirstFormat(masterKey, idNumber)
    const openedBefore = other.decrypt(legacy, alice)

    await db.transaction((tx) => ring.refuseUnboundFormat(tx))
    for (let attempt = 0; attempt < 50 && !other.refusesUnboundFormat(); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await stopFollowing()

    expect(openedBefore).toBe(idNumber)
    expect(ring.refusesUnboundFormat()).toBe(true)
    expect(() => ring.decrypt(legacy, alice)).toThrow(expect.objectContaining({ code: 'CRYPTO_CIPHERTEXT_INVALID' }))
    expect(() => other.decrypt(legacy, alice)).toThrow(expect.objectContaining({ code: 'CRYPTO_CIPHERTEXT_INVALID' }))
    expect(other.decrypt(other.encrypt(idNumber, alice), alice)).toBe(idNumber)
  })

  test('the same ID number encrypts differently each time while its blind index stays equal', async () => {
    const { ring } = await givenFreshKeyRing()

    const first = ring.encrypt(idNumber, alice)
    const second = ring.encrypt(idNumber, alice)

    expect(first).not.toBe(second)
    expect(ring.blindIndex(idNumber)).toBe(ring.blindIndex(idNumber))
    expect(ring.blindIndex(idNumber)).toMatch(/^[0-9a-f]{64}$/)
    expect(ring.blindIndex(idNumber)).not.toBe(ring.blindIndex(idNumber.toLowerCase()))
  })

  test('platform.data_keys holds wrapped keys, never the keys that encrypt and index the data', async () => {
    const { ring, masterKey } = await givenFreshKeyRing()
    const ciphertext = ring.encrypt(idNumber, alice)

    const rows = await listRows()
    const fieldKey = unwrapDataKey(masterKey, rows.find((row) => row.purpose === 'field') as (typeof rows)[number])
    const indexKey = unwrapDataKey(
      masterKey,
      rows.find((row) => row.purpose === 'blind-index') as (typeof rows)[number],
    )
    const rebuilt = createFieldCipher(() => buildFieldKeys(new Map([[1, fieldKey]]), 1, indexKey))

    expect(rows.map((row) => [row.purpose, row.version])).toEqual([
      ['blind-index', 1],
      ['field', 1],
    ])
    expect(rebuilt.decrypt(ciphertext, alice)).toBe(idNumber)
    expect(rebuilt.blindIndex(idNumber)).toBe(ring.blindIndex(idNumber))
    for (const row of rows) {
      expect(Buffer.from(row.wrapped_key).includes(fieldKey)).toBe(false)
      expect(Buffer.from(row.wrapped_key).includes(indexKey)).toBe(false)
    }
  })

  test('after a rotation new values use the new version and old ciphertexts still decrypt', async () => {
    const { ring } = await givenFreshKeyRing()
    const old = ring.encrypt(idNumber, alice)
    const indexBefore = ring.blindIndex(idNumber)

    const version = await ring.rotateKey()

    expect(version).toBe(2)
    expect(ring.encrypt(idNumber, alice)).toMatch(/^sm4b:v2:/)
    expect(ring.decrypt(old, alice)).toBe(idNumber)
    expect(ring.decrypt(ring.encrypt(idNumber, alice), alice)).toBe(idNumber)
    expect(ring.blindIndex(idNumber)).toBe(indexBefore)
    expect(await ring.rotateKey()).toBe(3)
  })

  test('another process sees the rotated key once it refreshes', async () => {
    const { ring, masterKey } = await givenFreshKeyRing()
    const other = await createKeyRing(db, masterKey)
    await ring.rotateKey()
    const newer = ring.encrypt(idNumber, alice)

    expect(() => other.decrypt(newer, alice)).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_VERSION_UNKNOWN' }))
    await other.refresh()
    expect(other.decrypt(newer, alice)).toBe(idNumber)
    expect(other.encrypt(idNumber, alice)).toMatch(/^sm4b:v2:/)
  })

  test('two processes starting at once end up with one set of keys', async () => {
    await db.query('DELETE FROM platform.data_keys')
    const masterKey = randomBytes(32)

    const [first, second] = await Promise.all([createKeyRing(db, masterKey), createKeyRing(db, masterKey)])

    expect(second.decrypt(first.encrypt(idNumber, alice), alice)).toBe(idNumber)
    expect(second.blindIndex(idNumber)).toBe(first.blindIndex(idNumber))
    expect(await listRows()).toHaveLength(2)
  })

  test('a different master key cannot unwrap the data keys', async () => {
    await givenFreshKeyRing()

    await expect(createKeyRing(db, randomBytes(32))).rejects.toThrow(
      expect.objectContaining({ code: 'CRYPTO_DATA_KEY_UNWRAP_FAILED' }),
    )
  })

  test('a master key of the wrong length is refused', async () => {
    await expect(createKeyRing(db, randomBytes(16))).rejects.toThrow(
      expect.objectContaining({ code: 'CRYPTO_MASTER_KEY_INVALID' }),
    )
  })
})
