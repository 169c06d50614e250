import type { Readable } from 'node:stream'

/**
 * Where stored files live: a folder in the data directory, or an S3-compatible bucket shared by several servers.
 * Keys are checked by `assertFileKey`; the bytes given to `put` are already encrypted (see `createEncryptedFiles`).
 */
export interface FileStore {
  /** Stores the bytes under `key`, replacing what was there; readers see the old file or the whole new one. */
  put(key: string, bytes: Buffer | Readable): Promise<void>
  /** The stored bytes as a stream; throws FILE_NOT_FOUND (FileStoreError) when there is nothing under `key`. */
  get(key: string): Promise<Readable>
  /** Removes the file; nothing under `key` is not an error. */
  delete(key: string): Promise<void>
  exists(key: string): Promise<boolean>
  /** Every key under `prefix` (a folder such as `materials/`) with when it was written, for sweeping orphans. */
  list(prefix: string): AsyncIterable<StoredFileInfo>
}

export type StoredFileInfo = { key: string; modifiedAt: Date }

// Codes operators match on; never change once shipped.
export const FileStoreErrorCode = {
  keyInvalid: 'FILE_KEY_INVALID',
  notFound: 'FILE_NOT_FOUND',
  unavailable: 'FILE_STORE_UNAVAILABLE',
  corrupt: 'FILE_CORRUPT',
} as const
export type FileStoreErrorCode = (typeof FileStoreErrorCode)[keyof typeof FileStoreErrorCode]

/** A failure of the file store; the message is for operators and never holds file content or personal data. */
export class FileStoreError extends Error {
  readonly code: FileStoreErrorCode

  constructor(code: FileStoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'FileStoreError'
    this.code = code
  }
}

// Segments of letters, digits, `_` and `-`, with inner dots; never `.` or `..`, never a leading `/` or a backslash.
const SEGMENT = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/
const MAX_KEY_LENGTH = 512
const MAX_SEGMENTS = 8

/** Throws FILE_KEY_INVALID unless `key` is `segment(/segment)*` with safe characters: no traversal is expressible. */
export function assertFileKey(key: string): void {
  const segments = key.split('/')
  if (
    key.length === 0 ||
    key.length > MAX_KEY_LENGTH ||
    segments.length > MAX_SEGMENTS ||
    !segments.every((segment) => SEGMENT.test(segment))
  ) {
    throw new FileStoreError(
      FileStoreErrorCode.keyInvalid,
      `file key is not allowed: ${JSON.stringify(key.slice(0, 80))}`,
    )
  }
}

/** Like assertFileKey for a listing prefix: empty, or safe segments ending in `/`. */
export function assertFilePrefix(prefix: string): void {
  if (prefix === '') return
  if (!prefix.endsWith('/')) throw new FileStoreError(FileStoreErrorCode.keyInvalid, 'a prefix must end with /')
  assertFileKey(prefix.slice(0, -1))
}
