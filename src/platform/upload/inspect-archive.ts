import type { Readable } from 'node:stream'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { findTextProblem } from '../http/index.js'
import { createSignatureScanner } from './signatures.js'
import type { ArchiveLimits } from './upload-policy.js'
import { RefusalReason as Reason, type RefusalReason } from './upload-refusal.js'

/** What a ZIP container holds, as far as the allow-lists care. */
export type ArchiveFinding =
  | { kind: 'clean'; documentKind: 'docx' | 'xlsx' | 'ofd' | undefined }
  | { kind: 'refused'; reason: RefusalReason; why: string }

const RATIO_FLOOR_BYTES = 1024 * 1024
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024
// An archive inside the document: refused (its own bombs would be out of sight).
const NESTED_ARCHIVE_NAME = /\.(zip|jar|war|apk|rar|7z|gz|tgz|bz2|xz|tar|cab|docx|docm|xlsx|xlsm|xlsb|pptx|pptm|ofd)$/i
const EXECUTABLE_NAME = /\.(exe|dll|com|scr|msi|bat|cmd|ps1|vbs|js|jse|wsf|hta|sh|elf|so|dylib)$/i
// VBA projects, ActiveX controls and OLE embeddings: code that Office runs or offers to run.
const MACRO_NAME =
  /(^|\/)(vbaProject\.bin|vbaData\.xml|vbaProjectSignature\.bin)$|(^|\/)activeX\/|(^|\/)embeddings\/.*\.bin$/i
const MACRO_CONTENT_TYPE = /macroEnabled|vnd\.ms-office\.vbaProject|vnd\.ms-office\.activeX/i
const NESTED_MAGIC: Array<[Buffer, RefusalReason, string]> = [
  [Buffer.from('504b0304', 'hex'), Reason.archiveNested, '内含压缩包'],
  [Buffer.from('526172211a07', 'hex'), Reason.archiveNested, '内含压缩包'],
  [Buffer.from('377abcaf271c', 'hex'), Reason.archiveNested, '内含压缩包'],
  [Buffer.from('1f8b', 'hex'), Reason.archiveNested, '内含压缩包'],
  [Buffer.from('d0cf11e0a1b11ae1', 'hex'), Reason.oleCompound, '内含 OLE 复合文档（可能带宏）'],
  [Buffer.from('7f454c46', 'hex'), Reason.executable, '内含可执行程序'],
  [Buffer.from('4d5a', 'hex'), Reason.executable, '内含可执行程序'],
]

type Refusal = { reason: RefusalReason; why: string }
class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.why)
  }
}
const refuse = (reason: RefusalReason, why: string): never => {
  throw new Refused({ reason, why })
}

function checkEntryName(name: string): void {
  const segments = name.split('/')
  if (
    name.startsWith('/') ||
    name.includes('\\') ||
    /^[A-Za-z]:/.test(name) ||
    segments.includes('..') ||
    findTextProblem(name) !== undefined
  )
    refuse(Reason.archivePath, '压缩包内含不安全的路径')
  if (MACRO_NAME.test(name)) refuse(Reason.macro, '文档含有宏或控件')
  if (NESTED_ARCHIVE_NAME.test(name)) refuse(Reason.archiveNested, '内含压缩包')
  if (EXECUTABLE_NAME.test(name)) refuse(Reason.executable, '内含可执行程序')
}

function open(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true, decodeStrings: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    )
  })
}

function readCentralDirectory(zip: ZipFile, limits: ArchiveLimits): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = []
    const names = new Set<string>()
    let declaredTotal = 0
    zip.on('error', (error: Error) => reject(error))
    zip.on('end', () => resolve(entries))
    zip.on('entry', (entry: Entry) => {
      try {
        checkEntryName(entry.fileName)
        if (names.has(entry.fileName)) refuse(Reason.archivePath, '压缩包内有重名条目')
        names.add(entry.fileName)
        if (entry.isEncrypted()) refuse(Reason.archiveEncrypted, '压缩包已加密，无法检查')
        // The ratio first: a bomb is named as one, not as a merely large file.
        if (
          entry.uncompressedSize > RATIO_FLOOR_BYTES &&
          entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio
        )
          refuse(Reason.archiveRatio, '压缩比异常（疑似压缩炸弹）')
        if (entry.uncompressedSize > limits.maxEntryBytes) refuse(Reason.archiveTooLarge, '解压后过大')
        declaredTotal += entry.uncompressedSize
        if (declaredTotal > limits.maxTotalBytes) refuse(Reason.archiveTooLarge, '解压后过大')
        entries.push(entry)
        zip.readEntry()
      } catch (error) {
        reject(error)
      }
    })
    zip.readEntry()
  })
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))),
  )
}

/**
 * Inspects a ZIP container (DOCX, XLSX, OFD) from its central directory first — entry count, per-entry and total
 * uncompressed size, compression ratio, names (path traversal, nested archives, macros), overlapping entries —
 * and only then inflates each entry with a hard byte cap (declared sizes can lie: a stream that passes its
 * declared size or the total is cut off), looking for nested archives, executables, OLE files and the EICAR
 * signature, and reading [Content_Types].xml to tell DOCX, XLSX and macro documents apart.
 */
export async function inspectArchive(path: string, limits: ArchiveLimits): Promise<ArchiveFinding> {
  let zip: ZipFile | undefined
  try {
    zip = await open(path)
    if (zip.entryCount > limits.maxEntries) refuse(Reason.archiveTooManyEntries, '压缩包条目过多')
    const entries = await readCentralDirectory(zip, limits)

    // Entries that share compressed bytes (the overlapping-file bomb) would each inflate the same data again.
    const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader)
    for (let index = 1; index < byOffset.length; index += 1) {
      const previous = byOffset[index - 1] as Entry
      const minimumEnd = previous.relativeOffsetOfLocalHeader + 30 + previous.compressedSize
      if ((byOffset[index] as Entry).relativeOffsetOfLocalHeader < minimumEnd)
        refuse(Reason.archiveOverlap, '压缩包条目相互重叠（疑似压缩炸弹）')
    }

    let inflatedTotal = 0
    let contentTypes = ''
    let hasOfdRoot = false
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue
      if (entry.fileName === 'OFD.xml') hasOfdRoot = true
      const isContentTypes = entry.fileName === '[Content_Types].xml'
      const stream = await openEntry(zip, entry)
      const scanner = createSignatureScanner()
      let head = Buffer.alloc(0)
      let inflated = 0
      const contentTypeChunks: Buffer[] = []
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (chunk: Buffer) => {
          inflated += chunk.length
          inflatedTotal += chunk.length
          if (inflated > limits.maxEntryBytes || inflatedTotal > limits.maxTotalBytes) {
            stream.destroy(new Refused({ reason: Reason.archiveTooLarge, why: '解压后过大' }))
            return
          }
          if (head.length < 8) head = Buffer.concat([head, chunk.subarray(0, 8)])
          if (scanner.push(chunk)) {
            stream.destroy(new Refused({ reason: Reason.eicar, why: '检出病毒特征（EICAR 测试文件）' }))
            return
          }
          if (isContentTypes && inflated <= MAX_CONTENT_TYPES_BYTES) contentTypeChunks.push(chunk)
        })
        stream.on('error', reject)
        stream.on('end', resolve)
      })
      for (const [magic, reason, why] of NESTED_MAGIC) {
        if (head.subarray(0, magic.length).equals(magic)) refuse(reason, why)
      }
      if (isContentTypes) contentTypes = Buffer.concat(contentTypeChunks).toString('utf8')
    }

    if (MACRO_CONTENT_TYPE.test(contentTypes)) refuse(Reason.macro, '文档含有宏或控件')
    if (contentTypes.includes('wordprocessingml.document.main+xml')) return { kind: 'clean', documentKind: 'docx' }
    if (contentTypes.includes('spreadsheetml.sheet.main+xml')) return { kind: 'clean', documentKind: 'xlsx' }
    if (hasOfdRoot && !contentTypes) return { kind: 'clean', documentKind: 'ofd' }
    return { kind: 'clean', documentKind: undefined }
  } catch (error) {
    if (error instanceof Refused) return { kind: 'refused', ...error.refusal }
    const message = error instanceof Error ? error.message : ''
    // yauzl's own checks: sizes that do not match what the directory declared, unsafe names.
    if (/too many bytes|too few bytes|size mismatch/i.test(message))
      return { kind: 'refused', reason: Reason.archiveSizeMismatch, why: '压缩包声明的大小与实际不符（疑似压缩炸弹）' }
    if (/relative path|absolute path|invalid characters in fileName/i.test(message))
      return { kind: 'refused', reason: Reason.archivePath, why: '压缩包内含不安全的路径' }
    return { kind: 'refused', reason: Reason.archiveUnreadable, why: '压缩包已损坏，无法读取' }
  } finally {
    zip?.close()
  }
}
