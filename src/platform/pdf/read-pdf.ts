// For tests only: pdfjs-dist is a development dependency (ADR 0023). Production code never imports this file.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** The text of each page, as a reader's copy-and-paste would give it (spaces between runs removed). */
export async function readPdfText(pdf: Uint8Array): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false })
    .promise
  try {
    const pages: string[] = []
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str : ''))
          .join('')
          .replace(/\s+/g, ''),
      )
    }
    return pages
  } finally {
    await document.destroy()
  }
}

/** Each image drawn on a page as RGBA pixels (for decoding a printed QR code). */
export async function readPdfImages(
  pdf: Uint8Array,
  pageNumber = 1,
): Promise<Array<{ width: number; height: number; rgba: Uint8ClampedArray }>> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise
  try {
    const page = await document.getPage(pageNumber)
    const operators = await page.getOperatorList()
    const images: Array<{ width: number; height: number; rgba: Uint8ClampedArray }> = []
    for (let index = 0; index < operators.fnArray.length; index++) {
      if (operators.fnArray[index] !== OPS.paintImageXObject) continue
      const name = operators.argsArray[index]?.[0] as string
      const image = await new Promise<{ width: number; height: number; data: Uint8ClampedArray; kind: number }>(
        (resolve) => page.objs.get(name, resolve),
      )
      images.push({ width: image.width, height: image.height, rgba: toRgba(image) })
    }
    return images
  } finally {
    await document.destroy()
  }
}

// pdf.js hands images over as grayscale (kind 1), RGB (kind 2) or RGBA (kind 3) rows.
function toRgba(image: { width: number; height: number; data: Uint8ClampedArray; kind: number }): Uint8ClampedArray {
  const pixels = image.width * image.height
  if (image.kind === 3) return image.data
  const rgba = new Uint8ClampedArray(pixels * 4)
  for (let pixel = 0; pixel < pixels; pixel++) {
    if (image.kind === 2) {
      rgba[pixel * 4] = image.data[pixel * 3] ?? 0
      rgba[pixel * 4 + 1] = image.data[pixel * 3 + 1] ?? 0
      rgba[pixel * 4 + 2] = image.data[pixel * 3 + 2] ?? 0
    } else {
      // 1 bit per pixel, rows padded to whole bytes.
      const rowBytes = Math.ceil(image.width / 8)
      const x = pixel % image.width
      const y = Math.floor(pixel / image.width)
      const bit = ((image.data[y * rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1
      rgba[pixel * 4] = rgba[pixel * 4 + 1] = rgba[pixel * 4 + 2] = bit ? 255 : 0
    }
    rgba[pixel * 4 + 3] = 255
  }
  return rgba
}
