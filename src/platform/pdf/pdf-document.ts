import PDFDocument from 'pdfkit'
import { loadCjkFonts } from './cjk-fonts.js'

/** The names under which `createPdfDocument` registers the Chinese fonts: `doc.font(PdfFont.bold)`. */
export const PdfFont = { regular: 'regular', bold: 'bold' } as const

export type PdfDocumentOptions = PDFKit.PDFDocumentOptions & {
  /**
   * The document's creation date. pdfkit otherwise writes the current time into the info dictionary and derives the
   * file identifier from it, so two renderings of the same data differ; pass a stored date for identical bytes.
   */
  createdAt?: Date
}

/**
 * A pdfkit document with the Chinese fonts registered, and a promise of its bytes once `doc.end()` is called.
 * With `createdAt` the same drawing gives the same bytes every time (no clock, no randomness).
 */
export function createPdfDocument({ createdAt, ...options }: PdfDocumentOptions): {
  doc: PDFKit.PDFDocument
  done: Promise<Buffer>
} {
  const { regular, bold } = loadCjkFonts()
  const doc = new PDFDocument({
    ...options,
    info: { ...options.info, ...(createdAt ? { CreationDate: createdAt } : {}) },
  })
  // pdfkit takes a parsed fontkit font wherever it takes font bytes; its types only list the bytes.
  doc.registerFont(PdfFont.regular, regular as unknown as Buffer)
  doc.registerFont(PdfFont.bold, bold as unknown as Buffer)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  return { doc, done }
}
