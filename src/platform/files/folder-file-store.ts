import { randomUUID } from 'node:crypto'
import { createWriteStream, type Dirent, readdirSync, statSync } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  assertFileKey,
  assertFilePrefix,
  type FileStore,
  FileStoreError,
  FileStoreErrorCode,
  type StoredFileInfo,
} from './file-store.js'

// Half-written files wait here; `.tmp` can never be a key segment (segments never start with a dot).
const TEMP_FOLDER = '.tmp'
// A temporary file older than this belongs to a writer that crashed.
const STALE_TEMP_MS = 60 * 60 * 1000

/**
 * A FileStore in a folder (by default `<dataDir>/files`): each file is written to a temporary file, flushed to disk
 * and renamed into place, so a reader or a crash never sees half a file; folders 0700, files 0600.
 */
export async function createFolderFileStore(root: string): Promise<FileStore> {
  const base = path.resolve(root)
  const tempDir = path.join(base, TEMP_FOLDER)
  await mkdir(tempDir, { recursive: true, mode: 0o700 })
  await removeStaleTemporaryFiles(tempDir)

  function resolve(key: string): string {
    assertFileKey(key)
    const target = path.resolve(base, ...key.split('/'))
    // The key syntax already forbids traversal; this is the second lock on the same door.
    if (!target.startsWith(`${base}${path.sep}`))
      throw new FileStoreError(FileStoreErrorCode.keyInvalid, 'file key leaves the store')
    return target
  }

  async function put(key: string, bytes: Buffer | Readable): Promise<void> {
    const target = resolve(key)
    const temp = path.join(tempDir, `${randomUUID()}.part`)
    try {
      await pipeline(
        Buffer.isBuffer(bytes) ? Readable.from([bytes]) : bytes,
        createWriteStream(temp, { mode: 0o600, flags: 'wx' }),
      )
      // Flushed before the rename, so after a power cut the name never points at missing data.
      const handle = await open(temp, 'r')
      try {
        await handle.sync()
      } finally {
        await handle.close()
      }
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 })
      await rename(temp, target)
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
  }

  async function get(key: string): Promise<Readable> {
    const target = resolve(key)
    try {
      // Opened now, so a missing file is reported here rather than half-way through a response.
      const handle = await open(target, 'r')
      return handle.createReadStream()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new FileStoreError(FileStoreErrorCode.notFound, 'no stored file under this key')
      throw error
    }
  }

  async function remove(key: string): Promise<void> {
    await rm(resolve(key), { force: true })
  }

  async function exists(key: string): Promise<boolean> {
    try {
      return (await stat(resolve(key))).isFile()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw error
    }
  }

  async function* list(prefix: string): AsyncIterable<StoredFileInfo> {
    assertFilePrefix(prefix)
    const start = prefix === '' ? base : path.join(base, ...prefix.slice(0, -1).split('/'))
    yield* walk(start, prefix)
  }

  // Listing (only the hourly orphan sweep uses it) reads each folder synchronously: under load libuv's thread pool
  // can stay busy for minutes (seen on the embedded engine), and the job queue runs one job at a time, so an
  // asynchronous readdir queued behind it held every other job, the daily audit verification included.
  async function* walk(folder: string, keyPrefix: string): AsyncIterable<StoredFileInfo> {
    let entries: Dirent[]
    try {
      entries = readdirSync(folder, { withFileTypes: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    for (const entry of entries) {
      if (entry.name === TEMP_FOLDER) continue
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) yield* walk(full, `${keyPrefix}${entry.name}/`)
      else if (entry.isFile()) yield { key: `${keyPrefix}${entry.name}`, modifiedAt: statSync(full).mtime }
    }
  }

  return { put, get, delete: remove, exists, list }
}

async function removeStaleTemporaryFiles(tempDir: string): Promise<void> {
  const now = Date.now()
  for (const name of await readdir(tempDir)) {
    const file = path.join(tempDir, name)
    const info = await stat(file).catch(() => undefined)
    if (info && now - info.mtimeMs > STALE_TEMP_MS) await rm(file, { force: true })
  }
}
