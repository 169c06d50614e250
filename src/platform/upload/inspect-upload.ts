import { readFile } from 'node:fs/promises'
import { fileTypeFromFile } from 'file-type'
import { FILE_KINDS, type FileKind, findExtension } from './file-kinds.js'
import { inspectArchive } from './inspect-archive.js'
import { inspectImage } from './inspect-image.js'
import { inspectPdf } from './inspect-pdf.js'
import { hasMarkup } from './signatures.js'
import { DEFAULT_ARCHIVE_LIMITS, DEFAULT_MAX_IMAGE_PIXELS, type UploadPolicy } from './upload-policy.js'
import { RefusalReason as Reason, uploadRefusals } from './upload-refusal.js'

// Sniffed types that are programs: never a form, whatever the name says.
const EXECUTABLES = new Set([
  'elf',
  'exe',
  'mach',
  'class',
  'dex',
  'swf',
  'wasm',
  'msi',
  'cab',
  'deb',
  'rpm',
  'apk',
  'jar',
  'crx',
  'xpi',
  'lnk',
])
const MACRO_DOCUMENTS = new Set(['docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'pptm', 'potm', 'ppsm'])
const ZIP_MAGIC = Buffer.from('504b0304', 'hex')
const ZIP_FAMILY = new Set(['zip', 'docx', 'xlsx', 'pptx', 'dotx', 'xltx', 'potx', 'ppsx', 'odt', 'ods', 'epub'])

export type InspectedFile = { kind: FileKind; contentType: string }

/**
 * Decides what a received file is from its content and whether the policy accepts it: sniffed type (file-type),
 * then the kind's own inspection (PDF active content, archive structure, image header). `head` is the first
 * kilobyte and `hasEicar` the stream scanner's answer. Throws an UploadRefusal.
 */
export async function inspectUpload(
  path: string,
  fileName: string,
  head: Buffer,
  hasEicar: boolean,
  policy: UploadPolicy,
): Promise<InspectedFile> {
  const allowed = policy.accept.map((kind) => FILE_KINDS[kind].label).join('、')
  if (hasEicar) throw uploadRefusals.contentRefused(Reason.eicar, '检出病毒特征（EICAR 测试文件）')
  // HTML, SVG or script at the start: a page or a polyglot that a browser could run, whatever else it is.
  if (hasMarkup(head)) throw uploadRefusals.contentRefused(Reason.markup, '文件含有网页或脚本代码', 'markup')
  // A ZIP is judged from its central directory before anything (the sniffer included) reads into its entries.
  let documentKind: FileKind | undefined
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    const finding = await inspectArchive(path, { ...DEFAULT_ARCHIVE_LIMITS, ...policy.archive })
    if (finding.kind === 'refused') throw uploadRefusals.contentRefused(finding.reason, finding.why, 'zip')
    documentKind = finding.documentKind
  }
  const sniffed = await fileTypeFromFile(path)
  if (!sniffed) {
    if (head.subarray(0, 2).toString('latin1') === '#!')
      throw uploadRefusals.contentRefused(Reason.executable, '文件是可执行脚本', 'script')
    throw uploadRefusals.typeRefused(Reason.typeUnknown, allowed)
  }
  if (EXECUTABLES.has(sniffed.ext))
    throw uploadRefusals.contentRefused(Reason.executable, '文件是可执行程序', sniffed.ext)
  if (sniffed.ext === 'cfb')
    throw uploadRefusals.contentRefused(Reason.oleCompound, '不接受旧版 Office 文档（.doc/.xls 可能带宏）', 'cfb')
  if (MACRO_DOCUMENTS.has(sniffed.ext)) throw uploadRefusals.contentRefused(Reason.macro, '文档含有宏', sniffed.ext)

  let kind: FileKind | undefined
  if (sniffed.ext === 'pdf') kind = 'pdf'
  else if (sniffed.ext === 'jpg') kind = 'jpg'
  else if (sniffed.ext === 'png') kind = 'png'
  else if (ZIP_FAMILY.has(sniffed.ext)) kind = documentKind
  if (!kind || !policy.accept.includes(kind))
    throw uploadRefusals.typeRefused(Reason.typeNotAllowed, allowed, kind ?? sniffed.ext)
  if (!FILE_KINDS[kind].extensions.includes(findExtension(fileName)))
    throw uploadRefusals.typeRefused(Reason.extensionMismatch, allowed, kind)

  if (kind === 'pdf') {
    // Bounded by policy.maxBytes, which the stream already enforced.
    const finding = await inspectPdf(await readFile(path))
    if (finding.kind === 'active')
      throw uploadRefusals.contentRefused(
        Reason.pdfActiveContent,
        `PDF 含有脚本、自动动作或嵌入文件（${finding.element}）`,
        'pdf',
      )
    if (finding.kind === 'encrypted')
      throw uploadRefusals.contentRefused(Reason.pdfEncrypted, 'PDF 已加密，无法检查，请上传未加密的文件', 'pdf')
    if (finding.kind === 'tooComplex')
      throw uploadRefusals.contentRefused(Reason.pdfTooComplex, 'PDF 结构过于复杂或含有异常压缩数据', 'pdf')
    if (finding.kind === 'unreadable')
      throw uploadRefusals.contentRefused(Reason.pdfUnreadable, 'PDF 已损坏，无法读取', 'pdf')
  }
  if (kind === 'jpg' || kind === 'png') {
    const finding = await inspectImage(path, kind, policy.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS)
    if (finding.kind === 'tooLarge')
      throw uploadRefusals.contentRefused(
        Reason.imageTooLarge,
        `图片尺寸过大（${finding.width}×${finding.height}）`,
        kind,
      )
    if (finding.kind === 'trailingData')
      throw uploadRefusals.contentRefused(Reason.imageTrailingData, '图片末尾附带了其他数据', kind)
    if (finding.kind === 'unreadable')
      throw uploadRefusals.contentRefused(Reason.imageUnreadable, '图片已损坏，无法读取', kind)
  }
  return { kind, contentType: FILE_KINDS[kind].contentType }
}
