import { AsyncLocalStorage } from 'node:async_hooks'
import { createRequire } from 'node:module'
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFInvalidObject,
  PDFName,
  type PDFObject,
  PDFParser,
  PDFRawStream,
  PDFRef,
} from 'pdf-lib'

/** What the PDF inspection found: nothing, or the first active element and why. */
export type PdfFinding =
  | { kind: 'clean' }
  | { kind: 'active'; element: string }
  | { kind: 'encrypted' }
  | { kind: 'unreadable' }
  | { kind: 'tooComplex' }

/** Bounds on the work one PDF may cost: decoded bytes of object and cross-reference streams, objects, time. */
export type PdfLimits = { maxStreamBytes: number; maxDecodedBytes: number; maxObjects: number; maxMilliseconds: number }

// Object and cross-reference streams of real forms are kilobytes; pdf-lib inflates in JavaScript (about 5 MB/s
// under load), so these caps also keep a Flate bomb under a second.
export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxStreamBytes: 4 * 1024 * 1024,
  maxDecodedBytes: 8 * 1024 * 1024,
  maxObjects: 200_000,
  maxMilliseconds: 3000,
}

// Keys whose presence alone makes a document active: scripts, launch actions, automatic actions on events,
// embedded files, rich media (Flash, 3D with scripts), XFA forms (which carry scripts).
const ACTIVE_KEYS = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'AA',
  'EmbeddedFile',
  'EmbeddedFiles',
  'EF',
  'RichMedia',
  'RichMediaContent',
  'XFA',
])
// Action types (the /S of an action) that run code, start programs or send or fetch data without a click on a link.
const ACTIVE_ACTIONS = new Set([
  'JavaScript',
  'Launch',
  'ImportData',
  'SubmitForm',
  'RichMediaExecute',
  'GoToE',
  'Rendition',
  'EmbeddedFile',
])
const MAX_DEPTH = 64

type Inspection = {
  limits: PdfLimits
  deadline: number
  objects: number
  decodedBytes: number
  decodedByStream: WeakMap<object, number>
  /** Set when a limit was passed or a stream could not be decoded: the parser would skip what it could not read. */
  stopped?: 'tooComplex' | 'unreadable'
  active?: string
  openActionRefs: PDFRef[]
}

const inspections = new AsyncLocalStorage<Inspection>()

class InspectionStopped extends Error {}

// pdf-lib decodes object streams and cross-reference streams while it parses, with no limit of its own: a Flate
// bomb in an object stream would be inflated whole. Its CommonJS build calls these through shared prototypes and
// module objects, so the bounds are installed there, once, and act only inside an inspection (AsyncLocalStorage).
// Everything pdf-lib finds passes through PDFContext.assign, including objects from object streams and a second
// definition of the same object number (a reader may use either), so each object is inspected as it is assigned.
const require = createRequire(import.meta.url)
let isInstalled = false
function installBounds(): void {
  if (isInstalled) return
  isInstalled = true
  const { default: DecodeStream } = require('pdf-lib/cjs/core/streams/DecodeStream.js')
  const { default: ByteStream } = require('pdf-lib/cjs/core/parser/ByteStream.js')
  const ensureBuffer = DecodeStream.prototype.ensureBuffer
  DecodeStream.prototype.ensureBuffer = function (this: object, requested: number) {
    const inspection = inspections.getStore()
    if (inspection) {
      const before = inspection.decodedByStream.get(this) ?? 0
      inspection.decodedBytes += Math.max(0, requested - before)
      inspection.decodedByStream.set(this, Math.max(before, requested))
      if (requested > inspection.limits.maxStreamBytes || inspection.decodedBytes > inspection.limits.maxDecodedBytes)
        stop(inspection, 'tooComplex')
    }
    return ensureBuffer.call(this, requested)
  }
  const fromPDFRawStream = ByteStream.fromPDFRawStream
  ByteStream.fromPDFRawStream = (rawStream: unknown) => {
    const inspection = inspections.getStore()
    if (!inspection) return fromPDFRawStream(rawStream)
    try {
      return fromPDFRawStream(rawStream)
    } catch (error) {
      // An object stream we cannot decode (unknown filter, corrupt data) may hide objects a reader can decode.
      if (!inspection.stopped) inspection.stopped = 'unreadable'
      throw error
    }
  }
  const assign = PDFContext.prototype.assign
  PDFContext.prototype.assign = function (this: PDFContext, ref: PDFRef, object: PDFObject) {
    const inspection = inspections.getStore()
    if (inspection) {
      inspection.objects += 1
      if (inspection.objects > inspection.limits.maxObjects || Date.now() > inspection.deadline)
        stop(inspection, 'tooComplex')
      inspection.active ??= findActiveElement(object, inspection.openActionRefs)
    }
    return assign.call(this, ref, object)
  }
}

function stop(inspection: Inspection, why: 'tooComplex' | 'unreadable'): never {
  inspection.stopped ??= why
  throw new InspectionStopped(why)
}

/** A name as a reader sees it: `#xx` escapes decoded in either case (pdf-lib decodes upper-case hex only). */
function readName(name: PDFName): string {
  return name
    .decodeText()
    .replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
}

function findActiveElement(root: PDFObject, openActionRefs: PDFRef[]): string | undefined {
  const pending: Array<[PDFObject, number]> = [[root, 0]]
  while (pending.length > 0) {
    const [object, depth] = pending.pop() as [PDFObject, number]
    if (depth > MAX_DEPTH) return 'nesting'
    if (object instanceof PDFRawStream) {
      pending.push([object.dict, depth + 1])
    } else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const name = readName(key)
        if (ACTIVE_KEYS.has(name)) return `/${name}`
        if (name === 'OpenAction') {
          // A destination (an array) only opens a page; an action dictionary does something.
          if (value instanceof PDFDict) return '/OpenAction'
          if (value instanceof PDFRef) openActionRefs.push(value)
        }
        if (name === 'S' && value instanceof PDFName && ACTIVE_ACTIONS.has(readName(value)))
          return `/S /${readName(value)}`
        pending.push([value, depth + 1])
      }
    } else if (object instanceof PDFArray) {
      for (const item of object.asArray()) pending.push([item, depth + 1])
    } else if (object instanceof PDFName) {
      const name = readName(object)
      if (name === 'JavaScript' || name === 'Launch') return `/${name}`
    } else if (object instanceof PDFInvalidObject) {
      // Bytes pdf-lib could not parse: a reader may still, so look for the names in the raw text.
      const text = Buffer.from((object as unknown as { data: Uint8Array }).data).toString('latin1')
      const decoded = text.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      )
      const match = /\/(JavaScript|JS|Launch|AA|OpenAction|EmbeddedFiles?|EF|RichMedia|XFA|ImportData)\b/.exec(decoded)
      if (match) return `/${match[1]}`
    }
  }
  return undefined
}

/**
 * Parses a whole PDF (every object, including those inside compressed object streams and any object defined twice)
 * within `limits`, and reports the first active element: JavaScript, launch, automatic or open actions,
 * embedded files, rich media, XFA. Encrypted PDFs are reported as such: their streams cannot be inspected.
 */
export async function inspectPdf(content: Uint8Array, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<PdfFinding> {
  installBounds()
  const inspection: Inspection = {
    limits,
    deadline: Date.now() + limits.maxMilliseconds,
    objects: 0,
    decodedBytes: 0,
    decodedByStream: new WeakMap(),
    openActionRefs: [],
  }
  let context: PDFContext
  try {
    context = await inspections.run(inspection, async () => {
      // 500 objects per tick: the event loop keeps serving other requests while a large PDF is parsed.
      const parser = PDFParser.forBytesWithOptions(content, 500, false, false)
      return parser.parseDocument()
    })
  } catch {
    if (inspection.active) return { kind: 'active', element: inspection.active }
    return { kind: inspection.stopped ?? 'unreadable' }
  }
  if (inspection.active) return { kind: 'active', element: inspection.active }
  if (inspection.stopped) return { kind: inspection.stopped }
  for (const ref of inspection.openActionRefs) {
    if (context.lookup(ref) instanceof PDFDict) return { kind: 'active', element: '/OpenAction' }
  }
  if (context.trailerInfo.Encrypt) return { kind: 'encrypted' }
  if (!context.trailerInfo.Root || context.enumerateIndirectObjects().length === 0) return { kind: 'unreadable' }
  return { kind: 'clean' }
}
