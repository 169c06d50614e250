import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createEncryptedFiles, deriveFileKeys } from './encrypted-files.js'
import { type FileStore, FileStoreErrorCode } from './file-store.js'
import { createFolderFileStore } from './folder-file-store.js'
import { createS3FileStore } from './s3-file-store.js'
import { startTestS3Server, type TestS3Server } from './test-s3-server.js'

type Engine = { store: FileStore; directory: string; close: () => Promise<void> }

async function startFolder(): Promise<Engine> {
  const directory = await mkdtemp(path.join(tmpdir(), 'tongban-files-'))
  return { store: await createFolderFileStore(directory), directory, close: () => rm(directory, { recursive: true }) }
}

async function startS3(): Promise<Engine> {
  const server: TestS3Server = await startTestS3Server()
  const store = createS3FileStore(server.options)
  return {
    store,
    directory: server.directory,
    close: async () => {
      store.close()
      await server.close()
    },
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function listFiles(directory: string): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(path.join(entry.parentPath, entry.name))
  }
  return found
}

describe.each([
  ['a folder in the data directory', startFolder],
  ['an S3-compatible bucket', startS3],
])('the file store in %s', (_name, start) => {
  let engine: Engine
  beforeAll(async () => {
    engine = await start()
  })
  afterAll(async () => engine?.close())

  test('a file put under a key comes back byte for byte, and is gone once deleted', async () => {
    const bytes = randomBytes(300_000)

    await engine.store.put('materials/case-1/a', bytes)

    expect(await engine.store.exists('materials/case-1/a')).toBe(true)
    expect(await readAll(await engine.store.get('materials/case-1/a'))).toEqual(bytes)
    await engine.store.delete('materials/case-1/a')
    expect(await engine.store.exists('materials/case-1/a')).toBe(false)
    await expect(engine.store.get('materials/case-1/a')).rejects.toMatchObject({ code: FileStoreErrorCode.notFound })
  })

  test('a stream is stored whole, and a second put replaces the first', async () => {
    await engine.store.put('materials/case-2/b', Readable.from([Buffer.from('first ')]))
    await engine.store.put('materials/case-2/b', Readable.from([Buffer.from('sec'), Buffer.from('ond')]))

    expect((await readAll(await engine.store.get('materials/case-2/b'))).toString()).toBe('second')
  })

  test('listing a folder names every key under it', async () => {
    await engine.store.put('listing/x/1', Buffer.from('1'))
    await engine.store.put('listing/x/2', Buffer.from('2'))

    const keys: string[] = []
    for await (const file of engine.store.list('listing/')) keys.push(file.key)

    expect(keys.sort()).toEqual(['listing/x/1', 'listing/x/2'])
  })

  test.each(['../outside', 'a/../../etc/passwd', '/etc/passwd', 'a\\b', '.hidden', 'a//b', '', 'a/\u0000b', 'a/b c'])(
    'the key %j is refused before anything is touched',
    async (key) => {
      await expect(engine.store.put(key, Buffer.from('x'))).rejects.toMatchObject({
        code: FileStoreErrorCode.keyInvalid,
      })
      await expect(engine.store.get(key)).rejects.toMatchObject({ code: FileStoreErrorCode.keyInvalid })
      await expect(engine.store.delete(key)).rejects.toMatchObject({ code: FileStoreErrorCode.keyInvalid })
    },
  )

  test('a source that fails half-way leaves nothing behind', async () => {
    const before = await listFiles(engine.directory)
    const failing = new Readable({
      read() {
        this.push(randomBytes(64 * 1024))
        this.destroy(new Error('connection reset'))
      },
    })

    await expect(engine.store.put('materials/case-3/broken', failing)).rejects.toThrow()

    expect(await engine.store.exists('materials/case-3/broken')).toBe(false)
    expect((await listFiles(engine.directory)).length).toBe(before.length)
  })

  test('through the encrypting wrapper the store holds ciphertext only, and reads back the plaintext', async () => {
    const files = createEncryptedFiles(engine.store, deriveFileKeys(randomBytes(32)))
    const marker = `申请人材料-${randomBytes(8).toString('hex')}`
    const plaintext = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(marker.repeat(20_000))])

    const put = await files.put(
      'materials/case-4/c',
      Readable.from([plaintext.subarray(0, 1000), plaintext.subarray(1000)]),
    )

    expect(put.size).toBe(plaintext.length)
    expect(put.sm3).toMatch(/^[0-9a-f]{64}$/)
    expect(await readAll(await files.get('materials/case-4/c'))).toEqual(plaintext)
    const raw = await readAll(await engine.store.get('materials/case-4/c'))
    expect(raw.subarray(0, 4).toString('latin1')).toBe('TBF1')
    for (const file of await listFiles(engine.directory)) {
      const content = await readFile(file)
      expect(content.includes(Buffer.from(marker))).toBe(false)
      expect(content.includes(Buffer.from('%PDF'))).toBe(false)
    }
  })
})

describe('encryption at rest', () => {
  let engine: Engine
  const files = () => createEncryptedFiles(engine.store, deriveFileKeys(Buffer.alloc(32, 7)))
  beforeAll(async () => {
    engine = await startFolder()
  })
  afterAll(async () => engine?.close())

  test('a ciphertext copied under another key does not open (files cannot be swapped)', async () => {
    await files().put('m/one', Buffer.from('材料一'))
    await engine.store.put('m/two', await engine.store.get('m/one'))

    await expect(readAll(await files().get('m/two'))).rejects.toMatchObject({ code: FileStoreErrorCode.corrupt })
  })

  test('a flipped byte or a file cut short is refused, not read', async () => {
    await files().put('m/three', randomBytes(200_000))
    const raw = await readAll(await engine.store.get('m/three'))
    const flipped = Buffer.from(raw)
    flipped[100_000] = (flipped[100_000] as number) ^ 1
    await engine.store.put('m/three', flipped)
    await expect(readAll(await files().get('m/three'))).rejects.toMatchObject({ code: FileStoreErrorCode.corrupt })

    await engine.store.put('m/three', raw.subarray(0, raw.length - 70_000 - 69))
    await expect(readAll(await files().get('m/three'))).rejects.toMatchObject({ code: FileStoreErrorCode.corrupt })
  })

  test('another master key cannot read the file', async () => {
    await files().put('m/four', Buffer.from('材料四'))
    const other = createEncryptedFiles(engine.store, deriveFileKeys(Buffer.alloc(32, 8)))

    await expect(readAll(await other.get('m/four'))).rejects.toMatchObject({ code: FileStoreErrorCode.corrupt })
  })

  test('an empty file and a file of exactly one segment both round-trip', async () => {
    for (const size of [0, 64 * 1024, 64 * 1024 + 1]) {
      const bytes = randomBytes(size)
      await files().put('m/edge', bytes)
      expect(await readAll(await files().get('m/edge'))).toEqual(bytes)
    }
  })

  test('files in the folder are 0600 and the SM3 digest is the plaintext digest', async () => {
    const result = await files().put('m/five', Buffer.from('abc'))

    expect(result.sm3).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0')
    expect((await stat(path.join(engine.directory, 'm', 'five'))).mode & 0o777).toBe(0o600)
  })
})
