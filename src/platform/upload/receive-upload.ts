import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import fastifyMultipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../errors/index.js'
import { assertCleanText } from '../http/index.js'
import type { FileKind } from './file-kinds.js'
import { inspectUpload } from './inspect-upload.js'
import { createSignatureScanner } from './signatures.js'
import type { UploadPolicy } from './upload-policy.js'
import { UploadRefusal, uploadRefusals } from './upload-refusal.js'

/** A file that passed every check, on disk until the callback given to `withUpload` returns. */
export type ReceivedUpload = {
  fileName: string
  kind: FileKind
  /** The media type of the sniffed kind: what the file is stored and served as. */
  contentType: string
  size: number
  /** A temporary file, deleted when the callback returns. */
  path: string
  /** The bytes, for stores that keep small files whole; at most the policy's maxBytes. */
  readContent(): Promise<Buffer>
}

const HEAD_BYTES = 1024
const MAX_FILE_NAME_LENGTH = 200

/**
 * Lets a scope of routes take multipart/form-data uploads: one file part, a few small text fields. Register it
 * inside the scope (`app.register(async (scope) => { await registerUploads(scope); scope.post(…) })`) so no other
 * route parses multipart.
 */
export async function registerUploads(scope: FastifyInstance): Promise<void> {
  await scope.register(fastifyMultipart, {
    limits: { files: 1, fields: 5, fieldSize: 1024, fieldNameSize: 100, parts: 6, headerPairs: 100 },
    throwFileSizeLimit: true,
  })
}

function checkFileName(fileName: string): void {
  try {
    assertCleanText(fileName, 'fileName')
  } catch {
    throw uploadRefusals.fileNameInvalid('含有控制字符')
  }
  if (!fileName.trim()) throw uploadRefusals.fileNameInvalid('文件名为空')
  if (fileName.length > MAX_FILE_NAME_LENGTH)
    throw uploadRefusals.fileNameInvalid(`不能超过 ${MAX_FILE_NAME_LENGTH} 个字符`)
  if (/[\\/]/.test(fileName) || fileName === '.' || fileName === '..')
    throw uploadRefusals.fileNameInvalid('不能含有路径')
}

function translateStreamError(error: unknown, policy: UploadPolicy): Error {
  if (error instanceof AppError) return error
  const code = (error as { code?: string }).code
  if (code === 'FST_REQ_FILE_TOO_LARGE') return uploadRefusals.tooLarge(policy.maxBytes)
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return uploadRefusals.missing()
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new UploadRefusal('UPLOAD_TOO_MANY_PARTS', 400, '一次只能上传一个文件', 'missing')
  return new AppError('UPLOAD_INTERRUPTED', 400, '文件上传未完成，请重试')
}

/**
 * Receives the request's one file part as a stream into a temporary file (cut off past `policy.maxBytes`, so memory
 * stays flat whatever is sent), decides its kind from the content and checks it against the policy, then calls
 * `use` and deletes the file. Throws an UploadRefusal (4xx, `isMalicious` for attempts) or AppError.
 */
export async function withUpload<T>(
  request: FastifyRequest,
  policy: UploadPolicy,
  use: (upload: ReceivedUpload) => Promise<T>,
): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), 'tongban-upload-'))
  try {
    const path = join(directory, 'file')
    let fileName: string
    let size = 0
    let head = Buffer.alloc(0)
    let hasEicar = false
    try {
      // One byte past the limit, so "exactly the limit" passes and anything larger is seen as larger.
      const part = await request.file({ limits: { fileSize: policy.maxBytes + 1 } })
      if (!part) throw uploadRefusals.missing()
      fileName = part.filename
      checkFileName(fileName)
      const scanner = createSignatureScanner()
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length
          if (size > policy.maxBytes) {
            callback(uploadRefusals.tooLarge(policy.maxBytes))
            return
          }
          if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)])
          if (scanner.push(chunk)) hasEicar = true
          callback(null, chunk)
        },
      })
      await pipeline(part.file, measure, createWriteStream(path, { mode: 0o600, flags: 'wx' }))
      if (part.file.truncated) throw uploadRefusals.tooLarge(policy.maxBytes)
    } catch (error) {
      throw translateStreamError(error, policy)
    }
    if (size === 0) throw uploadRefusals.empty()
    const inspected = await inspectUpload(path, fileName, head, hasEicar, policy)
    return await use({ fileName, ...inspected, size, path, readContent: () => readFile(path) })
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}
