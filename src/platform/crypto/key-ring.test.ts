import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '../db/index.js'
import { createTestDb } from '../db/test-db.js'
import { createFieldCipher } from './field-cipher.js'
import { createKeyRing } from './index.js'
import { buildFieldKeys, unwrapDataKey } from './key-ring.js'

const idNumber = '11010519491231002X'

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
  return { ring: await createKeyRing(db, masterKey), masterKey }
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

    const ciphertext = ring.encrypt(idNumber)

    expect(ciphertext).toMatch(/^sm4:v1:[A-Za-z0-9+/]+=*$/)
    expect(ciphertext).not.toContain(idNumber)
    expect(ring.decrypt(ciphertext)).toBe(idNumber)
    expect(ring.decrypt(ring.encrypt('张三丰'))).toBe('张三丰')
    expect(ring.decrypt(ring.encrypt(''))).toBe('')
  })

  test('a tampered, truncated or re-labelled ciphertext is refused with a clear error', async () => {
    const { ring } = await givenFreshKeyRing()
    const ciphertext = ring.encrypt(idNumber)
    const body = Buffer.from(ciphertext.slice('sm4:v1:'.length), 'base64')
    body[20] = (body[20] as number) ^ 0x01

    expect(() => ring.decrypt(`sm4:v1:${body.toString('base64')}`)).toThrow(/failed its integrity check/)
    expect(() => ring.decrypt(ciphertext.slice(0, -8))).toThrow(
      expect.objectContaining({ code: 'CRYPTO_CIPHERTEXT_INVALID' }),
    )
    expect(() => ring.decrypt(idNumber)).toThrow(/not a field ciphertext/)
    expect(() => ring.decrypt(ciphertext.replace('sm4:v1:', 'sm4:v9:'))).toThrow(
      expect.objectContaining({ code: 'CRYPTO_KEY_VERSION_UNKNOWN' }),
    )
  })

  test('the same ID number encrypts differently each time while its blind index stays equal', async () => {
    const { ring } = await givenFreshKeyRing()

    const first = ring.encrypt(idNumber)
    const second = ring.encrypt(idNumber)

    expect(first).not.toBe(second)
    expect(ring.blindIndex(idNumber)).toBe(ring.blindIndex(idNumber))
    expect(ring.blindIndex(idNumber)).toMatch(/^[0-9a-f]{64}$/)
    expect(ring.blindIndex(idNumber)).not.toBe(ring.blindIndex(idNumber.toLowerCase()))
  })

  test('platform.data_keys holds wrapped keys, never the keys that encrypt and index the data', async () => {
    const { ring, masterKey } = await givenFreshKeyRing()
    const ciphertext = ring.encrypt(idNumber)

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
    expect(rebuilt.decrypt(ciphertext)).toBe(idNumber)
    expect(rebuilt.blindIndex(idNumber)).toBe(ring.blindIndex(idNumber))
    for (const row of rows) {
      expect(Buffer.from(row.wrapped_key).includes(fieldKey)).toBe(false)
      expect(Buffer.from(row.wrapped_key).includes(indexKey)).toBe(false)
    }
  })

  test('after a rotation new values use the new version and old ciphertexts still decrypt', async () => {
    const { ring } = await givenFreshKeyRing()
    const old = ring.encrypt(idNumber)
    const indexBefore = ring.blindIndex(idNumber)

    const version = await ring.rotateKey()

    expect(version).toBe(2)
    expect(ring.encrypt(idNumber)).toMatch(/^sm4:v2:/)
    expect(ring.decrypt(old)).toBe(idNumber)
    expect(ring.decrypt(ring.encrypt(idNumber))).toBe(idNumber)
    expect(ring.blindIndex(idNumber)).toBe(indexBefore)
    expect(await ring.rotateKey()).toBe(3)
  })

  test('another process sees the rotated key once it refreshes', async () => {
    const { ring, masterKey } = await givenFreshKeyRing()
    const other = await createKeyRing(db, masterKey)
    await ring.rotateKey()
    const newer = ring.encrypt(idNumber)

    expect(() => other.decrypt(newer)).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_VERSION_UNKNOWN' }))
    await other.refresh()
    expect(other.decrypt(newer)).toBe(idNumber)
    expect(other.encrypt(idNumber)).toMatch(/^sm4:v2:/)
  })

  test('two processes starting at once end up with one set of keys', async () => {
    await db.query('DELETE FROM platform.data_keys')
    const masterKey = randomBytes(32)

    const [first, second] = await Promise.all([createKeyRing(db, masterKey), createKeyRing(db, masterKey)])

    expect(second.decrypt(first.encrypt(idNumber))).toBe(idNumber)
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
