import { Readable } from 'node:stream'
import { deflateRawSync } from 'node:zlib'
import { PDFDocument, PDFName, PDFString } from 'pdf-lib'
import { PNG } from 'pngjs'
import yazl from 'yazl'

/*
 * Files for the upload tests, built in code (no binaries in the repository): good files of each kind, and the
 * attacks the review used — zip bombs, polyglots, active PDFs, EICAR, macro documents, huge image headers.
 */

export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'

type ZipEntry = { name: string; content: Buffer | (() => Readable); store?: boolean }

/** A ZIP built with yazl from in-memory entries or streams (a stream lets a 1 GiB entry cost no memory). */
export function buildZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (const entry of entries) {
    if (Buffer.isBuffer(entry.content)) zip.addBuffer(entry.content, entry.name, { compress: !entry.store })
    else zip.addReadStream(entry.content(), entry.name, { compressionLevel: 1 } as never)
  }
  zip.end()
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk))
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)))
    zip.outputStream.on('error', reject)
  })
}

/** `bytes` zero bytes as a stream, chunk by chunk. */
export function zeros(bytes: number): () => Readable {
  return () => {
    let left = bytes
    const chunk = Buffer.alloc(1024 * 1024)
    return new Readable({
      read() {
        if (left <= 0) return this.push(null)
        const size = Math.min(left, chunk.length)
        left -= size
        this.push(size === chunk.length ? chunk : chunk.subarray(0, size))
      },
    })
  }
}

const CENTRAL_HEADER = 0x02014b50

/** Rewrites every central-directory entry's uncompressed size: a header that lies about what the data inflates to. */
export function withLyingSizes(zip: Buffer, declaredSize: number): Buffer {
  const copy = Buffer.from(zip)
  for (let offset = 0; offset <= copy.length - 46; offset += 1) {
    if (copy.readUInt32LE(offset) === CENTRAL_HEADER) copy.writeUInt32LE(declaredSize, offset + 24)
  }
  return copy
}

/** Points every central-directory entry at the first local header: entries that share compressed bytes (Fifield's overlapping bomb). */
export function withOverlappingEntries(zip: Buffer): Buffer {
  const copy = Buffer.from(zip)
  for (let offset = 0; offset <= copy.length - 46; offset += 1) {
    if (copy.readUInt32LE(offset) === CENTRAL_HEADER) copy.writeUInt32LE(0, offset + 42)
  }
  return copy
}

const CONTENT_TYPES = (main: string, extra = '') =>
  Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/word/document.xml" ContentType="${main}"/>${extra}</Types>`,
  )
const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'
const DOCM_MAIN = 'application/vnd.ms-word.document.macroEnabled.main+xml'
const RELS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
)
const DOCUMENT = (text: string) =>
  Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      `<w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
  )

/** A minimal Word document; `extra` entries ride along (a macro project, a nested archive). */
export function buildDocx(extra: readonly ZipEntry[] = [], main = DOCX_MAIN, text = '申请书（空白）'): Promise<Buffer> {
  return buildZip([
    { name: '[Content_Types].xml', content: CONTENT_TYPES(main) },
    { name: '_rels/.rels', content: RELS },
    { name: 'word/document.xml', content: DOCUMENT(text) },
    ...extra,
  ])
}

export function buildDocm(): Promise<Buffer> {
  return buildDocx([{ name: 'word/vbaProject.bin', content: Buffer.from('d0cf11e0a1b11ae1', 'hex') }], DOCM_MAIN)
}

/** A minimal OFD (GB/T 33190): a ZIP with OFD.xml at its root. */
export function buildOfd(): Promise<Buffer> {
  return buildZip([
    {
      name: 'OFD.xml',
      content: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD">' +
          '<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
      ),
    },
    { name: 'Doc_0/Document.xml', content: Buffer.from('<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>') },
  ])
}

/** A one-page PDF from pdf-lib (which writes object streams); `change` may add active content first. */
export async function buildPdf(change?: (document: PDFDocument) => void): Promise<Buffer> {
  const document = await PDFDocument.create()
  document.addPage([595, 842])
  change?.(document)
  return Buffer.from(await document.save({ useObjectStreams: true }))
}

/** A PDF that runs JavaScript when opened; the action sits compressed inside an object stream. */
export function buildPdfWithHiddenJavaScript(): Promise<Buffer> {
  return buildPdf((document) => {
    const action = document.context.register(
      document.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("pwned")') }),
    )
    document.catalog.set(PDFName.of('OpenAction'), action)
  })
}

/** A PDF whose page link launches a program. */
export function buildPdfWithLaunch(): Promise<Buffer> {
  return buildPdf((document) => {
    const launch = document.context.obj({ S: 'Launch', F: PDFString.of('cmd.exe') })
    const annotation = document.context.register(
      document.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 100, 100], A: launch }),
    )
    document.getPage(0).node.set(PDFName.of('Annots'), document.context.obj([annotation]))
  })
}

/** A hand-written PDF (no object streams) from its object bodies; offsets in the xref are not needed by readers that scan. */
export function buildRawPdf(objects: readonly string[], streams: Record<number, Buffer> = {}): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  objects.forEach((body, index) => {
    const number = index + 1
    const stream = streams[number]
    parts.push(Buffer.from(`${number} 0 obj\n${body}\n`, 'latin1'))
    if (stream) parts.push(Buffer.from('stream\n', 'latin1'), stream, Buffer.from('\nendstream\n', 'latin1'))
    parts.push(Buffer.from('endobj\n', 'latin1'))
  })
  parts.push(Buffer.from(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\n%%EOF\n`, 'latin1'))
  return Buffer.concat(parts)
}

/** A PDF whose only object stream inflates to `bytes` bytes: a Flate bomb the parser would otherwise inflate whole. */
export function buildPdfWithObjectStreamBomb(bytes: number): Buffer {
  const compressed = deflateRawSync(Buffer.alloc(bytes), { level: 9 })
  // zlib wrapper (FlateDecode is zlib, not raw deflate): header 78 9c, then the raw stream; the checksum is omitted.
  const data = Buffer.concat([Buffer.from([0x78, 0x9c]), compressed])
  return buildRawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>`,
    ],
    { 3: data },
  )
}

/** A small PNG drawn with pngjs. */
export function buildPng(width = 8, height = 8): Buffer {
  const png = new PNG({ width, height })
  png.data.fill(200)
  return PNG.sync.write(png)
}

/** A PNG header claiming `width` × `height` pixels (never decodable: the header alone is the attack). */
export function buildPngHeader(width: number, height: number): Buffer {
  const png = buildPng(1, 1)
  const copy = Buffer.from(png)
  // IHDR data starts at byte 16: width, height (the CRC is not checked by header readers).
  copy.writeUInt32BE(width, 16)
  copy.writeUInt32BE(height, 20)
  return copy
}

/** A minimal JPEG: SOI, APP0 (JFIF), SOF0 with its dimensions, EOI. Enough for header readers. */
export function buildJpeg(width = 16, height = 16): Buffer {
  const app0 = Buffer.from('ffe000104a46494600010100000100010000', 'hex')
  const sof = Buffer.from('ffc0000b080000000001011100', 'hex')
  sof.writeUInt16BE(height, 5)
  sof.writeUInt16BE(width, 7)
  return Buffer.concat([Buffer.from('ffd8', 'hex'), app0, sof, Buffer.from('ffd9', 'hex')])
}

/** The start of an ELF executable. */
export function buildElf(): Buffer {
  const elf = Buffer.alloc(128)
  Buffer.from('7f454c46020101000000000000000000', 'hex').copy(elf)
  elf.writeUInt16LE(2, 16)
  elf.writeUInt16LE(0x3e, 18)
  return elf
}

/** The header of an OLE compound file (.doc/.xls/.msi). */
export function buildOleFile(): Buffer {
  const ole = Buffer.alloc(1024)
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(ole)
  return ole
}
