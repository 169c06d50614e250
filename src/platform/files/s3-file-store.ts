import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import {
  assertFileKey,
  assertFilePrefix,
  type FileStore,
  FileStoreError,
  FileStoreErrorCode,
  type StoredFileInfo,
} from './file-store.js'

/** Where an S3-compatible bucket is and how to sign requests to it. */
export type S3FileStoreOptions = {
  /** e.g. `http://10.0.0.8:9000`; path-style addressing, so any S3-compatible server works. */
  endpoint: string
  bucket: string
  accessKey: string
  secretKey: string
  region: string
  /** Where a stream is spooled to learn its length before the upload (defaults to the system's temp folder). */
  spoolDir?: string
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException)
    return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404
  return false
}

function translate(error: unknown, what: string): Error {
  if (error instanceof FileStoreError) return error
  if (isNotFound(error)) return new FileStoreError(FileStoreErrorCode.notFound, 'no stored file under this key')
  // The SDK's message names the endpoint and the reason, never the file's content.
  return new FileStoreError(FileStoreErrorCode.unavailable, `S3 ${what} failed: ${(error as Error).message}`, {
    cause: error,
  })
}

/**
 * A FileStore in an S3-compatible bucket, for several servers on several machines sharing one store. A single
 * PutObject is atomic: readers see the old object or the whole new one. Streams are spooled to a 0600 temporary
 * file first, so the upload has a known length and memory stays flat.
 */
export function createS3FileStore(options: S3FileStoreOptions): FileStore & { close(): void } {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    credentials: { accessKeyId: options.accessKey, secretAccessKey: options.secretKey },
    forcePathStyle: true,
    // The SDK's default trailing checksums (aws-chunked uploads) are not understood by every S3-compatible server;
    // integrity is ours anyway (HMAC-SM3 per segment).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  })
  const bucket = options.bucket
  // A bucket-level request (a listing) goes to `/bucket`, not `/bucket/`: S3 and MinIO accept both, but some
  // S3-compatible servers (s3rver among them) compute the signature over the path without the slash.
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path?: unknown }
      if (request.path === `/${bucket}/`) request.path = `/${bucket}`
      return next(args)
    },
    { step: 'build', name: 'tongbanBucketPath' },
  )

  async function put(key: string, bytes: Buffer | Readable): Promise<void> {
    assertFileKey(key)
    if (Buffer.isBuffer(bytes)) {
      try {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentLength: bytes.length }))
      } catch (error) {
        throw translate(error, 'put')
      }
      return
    }
    const folder = await mkdtemp(path.join(options.spoolDir ?? tmpdir(), 'tongban-s3-'))
    try {
      const spool = path.join(folder, 'object')
      await pipeline(bytes, createWriteStream(spool, { mode: 0o600, flags: 'wx' }))
      const { size } = await stat(spool)
      try {
        await client.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: createReadStream(spool), ContentLength: size }),
        )
      } catch (error) {
        throw translate(error, 'put')
      }
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  }

  async function get(key: string): Promise<Readable> {
    assertFileKey(key)
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      if (!(answer.Body instanceof Readable))
        throw new FileStoreError(FileStoreErrorCode.unavailable, 'S3 get returned no stream')
      return answer.Body
    } catch (error) {
      throw translate(error, 'get')
    }
  }

  async function remove(key: string): Promise<void> {
    assertFileKey(key)
    try {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
    } catch (error) {
      if (!isNotFound(error)) throw translate(error, 'delete')
    }
  }

  async function exists(key: string): Promise<boolean> {
    assertFileKey(key)
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
      return true
    } catch (error) {
      if (isNotFound(error)) return false
      throw translate(error, 'head')
    }
  }

  async function* list(prefix: string): AsyncIterable<StoredFileInfo> {
    assertFilePrefix(prefix)
    let token: string | undefined
    do {
      let page: ListObjectsV2CommandOutput
      try {
        page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
        )
      } catch (error) {
        throw translate(error, 'list')
      }
      for (const object of page.Contents ?? []) {
        if (object.Key?.startsWith(prefix)) yield { key: object.Key, modifiedAt: object.LastModified ?? new Date(0) }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
  }

  return { put, get, delete: remove, exists, list, close: () => client.destroy() }
}
