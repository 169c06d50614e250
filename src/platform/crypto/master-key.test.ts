import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { buildMasterKeyPath, loadMasterKey } from './index.js'

const workDir = mkdtempSync(path.join(tmpdir(), 'tongban-master-key-'))
afterAll(() => rmSync(workDir, { recursive: true, force: true }))

function givenDataDir(): string {
  return mkdtempSync(path.join(workDir, 'data-'))
}

describe('loadMasterKey', () => {
  test('on first start the key file is created readable by the owner only, and later starts read the same key', () => {
    const masterKeyFile = buildMasterKeyPath(givenDataDir())

    const first = loadMasterKey({ masterKeyFile, createIfMissing: true })
    const second = loadMasterKey({ masterKeyFile, createIfMissing: false })

    expect(first).toHaveLength(32)
    expect(second.equals(first)).toBe(true)
    expect(statSync(masterKeyFile).mode & 0o777).toBe(0o600)
    expect(statSync(path.dirname(masterKeyFile)).mode & 0o777).toBe(0o700)
    expect(readFileSync(masterKeyFile, 'utf8').trim()).toBe(first.toString('hex'))
  })

  test('a key given as hex wins over the file', () => {
    const masterKeyHex = 'ab'.repeat(32)

    const key = loadMasterKey({ masterKeyHex, masterKeyFile: path.join(workDir, 'absent.key'), createIfMissing: false })

    expect(key.toString('hex')).toBe(masterKeyHex)
  })

  test('a key of the wrong length is refused with a one-line reason', () => {
    const masterKeyFile = path.join(givenDataDir(), 'short.key')
    writeFileSync(masterKeyFile, 'abcd\n')

    expect(() => loadMasterKey({ masterKeyHex: 'abcd', masterKeyFile, createIfMissing: false })).toThrow(
      'master key hex must be 64 hex digits (32 bytes), got 4 characters',
    )
    expect(() => loadMasterKey({ masterKeyFile, createIfMissing: false })).toThrow(/short\.key must be 64 hex digits/)
  })

  test('a missing file is never replaced by a new key while the database holds data wrapped by the old one', () => {
    const masterKeyFile = buildMasterKeyPath(givenDataDir())

    const attempt = () =>
      loadMasterKey({
        masterKeyFile,
        createIfMissing: false,
        existingData: 'the database already holds 2 data keys wrapped by a master key',
      })

    expect(attempt).toThrow(/is missing but the database already holds 2 data keys .*no new key is created/)
    expect(existsSync(masterKeyFile)).toBe(false)
  })

  test('a missing file is refused when creating it is not allowed, and an unreadable one names the reason', () => {
    const dataDir = givenDataDir()
    mkdirSync(path.join(dataDir, 'keys', 'master.key'), { recursive: true })

    expect(() => loadMasterKey({ masterKeyFile: path.join(dataDir, 'none.key'), createIfMissing: false })).toThrow(
      expect.objectContaining({ code: 'CRYPTO_MASTER_KEY_INVALID', message: expect.stringMatching(/does not exist/) }),
    )
    expect(() => loadMasterKey({ masterKeyFile: buildMasterKeyPath(dataDir), createIfMissing: true })).toThrow(
      /cannot read master key file .*EISDIR/,
    )
  })
})
