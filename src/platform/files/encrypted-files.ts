import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { deriveKey, deriveSealKeys, openSm4, type SealKeys, sealSm4 } from '../crypto/index.js'
import { type FileStore, FileStoreError, FileStoreErrorCode, type StoredFileInfo } from './file-store.js'

/*
 * Files at rest: SM4-CBC + HMAC-SM3 (the platform's sealSm4), in segments of 64 KiB so a file of any size is
 * encrypted and decrypted as a stream with bounded memory.
 *
 *   header   "TBF1" (4 bytes) | key version (1 byte)
 *   segment  final flag (1 byte: 0 more, 1 last) | sealed length (4 bytes, big-endian) | iv || ciphertext || tag
 *
 * Each segment's tag covers the file key, the key version, the segment's index and its final flag, so a file
 * copied under another key, segments reordered, dropped or spliced from another file, and a file cut short
 * all fail. The format and the key purpose are stored data: never change them; a new format gets a new magic.
 */

const MAGIC = Buffer.from('TBF1', 'latin1')
const KEY_VERSION = 1
const SEGMENT_BYTES = 64 * 1024
const SEGMENT_HEADER_BYTES = 5
// iv (16) + at most one padding block (16) + tag (32) on top of the plaintext.
const MAX_SEALED_BYTES = SEGMENT_BYTES + 64
const MIN_SEALED_BYTES = 16 + 16 + 32
/** HKDF purpose of the file key under the master key: part of what stored files mean. Never rename. */
const FILE_KEY_PURPOSE = 'files/sm4-at-rest'

/** What `put` learned while encrypting: the plaintext's SM3 digest (hex) and size. */
export type EncryptedPutResult = { sm3: string; size: number }

/** A FileStore seen through SM4: `put` takes plaintext and stores ciphertext; `get` gives plaintext back. */
export type EncryptedFiles = {
  /** Encrypts and stores `plaintext` under `key`; returns the SM3 digest and size of the plaintext. */
  put(key: string, plaintext: Buffer | Readable): Promise<EncryptedPutResult>
  /**
   * The plaintext as a stream, each segment checked before it is released; the stream fails with FILE_CORRUPT
   * when the stored bytes were altered, cut short or belong to another key. Throws FILE_NOT_FOUND.
   */
  get(key: string): Promise<Readable>
  delete(key: string): Promise<void>
  exists(key: string): Promise<boolean>
  list(prefix: string): AsyncIterable<StoredFileInfo>
}

function buildAssociatedData(key: string, index: number, isFinal: boolean): Buffer {
  return Buffer.from(JSON.stringify(['tongban-file', KEY_VERSION, key, index, isFinal]), 'utf8')
}

function corrupt(why: string): FileStoreError {
  return new FileStoreError(FileStoreErrorCode.corrupt, `stored file failed its integrity check: ${why}`)
}

async function* encrypt(
  source: AsyncIterable<Buffer>,
  keys: SealKeys,
  key: string,
  result: EncryptedPutResult,
): AsyncGenerator<Buffer> {
  const digest = createHash('sm3')
  yield Buffer.concat([MAGIC, Buffer.from([KEY_VERSION])])
  let pending: Buffer[] = []
  let pendingBytes = 0
  let index = 0
  const seal = (plaintext: Buffer, isFinal: boolean): Buffer => {
    const sealed = sealSm4(keys, plaintext, buildAssociatedData(key, index, isFinal))
    index += 1
    const head = Buffer.alloc(SEGMENT_HEADER_BYTES)
    head.writeUInt8(isFinal ? 1 : 0, 0)
    head.writeUInt32BE(sealed.length, 1)
    return Buffer.concat([head, sealed])
  }
  for await (const chunk of source) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
    digest.update(bytes)
    result.size += bytes.length
    pending.push(bytes)
    pendingBytes += bytes.length
    // Strictly more than a segment: the last segment is only known at the end, and it must be marked final.
    while (pendingBytes > SEGMENT_BYTES) {
      const all = Buffer.concat(pending)
      yield seal(all.subarray(0, SEGMENT_BYTES), false)
      pending = [all.subarray(SEGMENT_BYTES)]
      pendingBytes = all.length - SEGMENT_BYTES
    }
  }
  yield seal(Buffer.concat(pending), true)
  result.sm3 = digest.digest('hex')
}

async function* decrypt(source: AsyncIterable<Buffer>, keys: SealKeys, key: string): AsyncGenerator<Buffer> {
  let buffered = Buffer.alloc(0)
  let headerSeen = false
  let index = 0
  let finished = false
  for await (const chunk of source) {
    buffered = buffered.length === 0 ? Buffer.from(chunk) : Buffer.concat([buffered, chunk])
    if (!headerSeen) {
      if (buffered.length < MAGIC.length + 1) continue
      if (!buffered.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt('not an encrypted Tongban file')
      if (buffered[MAGIC.length] !== KEY_VERSION) throw corrupt(`unknown key version ${buffered[MAGIC.length]}`)
      buffered = buffered.subarray(MAGIC.length + 1)
      headerSeen = true
    }
    while (buffered.length >= SEGMENT_HEADER_BYTES) {
      if (finished) throw corrupt('data after the final segment')
      const flag = buffered.readUInt8(0)
      const length = buffered.readUInt32BE(1)
      if (flag > 1 || length < MIN_SEALED_BYTES || length > MAX_SEALED_BYTES) throw corrupt('bad segment header')
      if (buffered.length < SEGMENT_HEADER_BYTES + length) break
      const sealed = buffered.subarray(SEGMENT_HEADER_BYTES, SEGMENT_HEADER_BYTES + length)
      const plaintext = openSm4(keys, sealed, buildAssociatedData(key, index, flag === 1))
      if (!plaintext) throw corrupt(`segment ${index} was altered, moved or sealed under another key`)
      index += 1
      finished = flag === 1
      buffered = Buffer.from(buffered.subarray(SEGMENT_HEADER_BYTES + length))
      if (plaintext.length > 0) yield plaintext
    }
  }
  if (!headerSeen || !finished || buffered.length > 0) throw corrupt('the file is cut short')
}

/** Derives the file key from the master key (every process holding it can read every file; it is never stored). */
export function deriveFileKeys(masterKey: Uint8Array): SealKeys {
  return deriveSealKeys(deriveKey(masterKey, FILE_KEY_PURPOSE), 'file')
}

/**
 * Wraps `store` so that everything put is SM4-encrypted and bound to its key, and everything read is checked and
 * decrypted; `keys` from `deriveFileKeys(masterKey)`.
 */
export function createEncryptedFiles(store: FileStore, keys: SealKeys): EncryptedFiles {
  async function put(key: string, plaintext: Buffer | Readable): Promise<EncryptedPutResult> {
    const result: EncryptedPutResult = { sm3: '', size: 0 }
    const source: AsyncIterable<Buffer> = Buffer.isBuffer(plaintext) ? Readable.from([plaintext]) : plaintext
    await store.put(key, Readable.from(encrypt(source, keys, key, result), { objectMode: false }))
    return result
  }

  async function get(key: string): Promise<Readable> {
    const stored = await store.get(key)
    const plaintext = Readable.from(decrypt(stored, keys, key), { objectMode: false })
    // A reader that stops early (a closed connection) releases the stored stream too.
    plaintext.once('close', () => stored.destroy())
    return plaintext
  }

  return {
    put,
    get,
    delete: (key) => store.delete(key),
    exists: (key) => store.exists(key),
    list: (prefix) => store.list(prefix),
  }
}
