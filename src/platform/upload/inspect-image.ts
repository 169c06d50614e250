import { open } from 'node:fs/promises'
import { imageSize } from 'image-size'
import { MAX_IMAGE_SIDE } from './upload-policy.js'

/** What the image header says, or why it cannot be accepted. */
export type ImageFinding =
  | { kind: 'clean'; width: number; height: number }
  | { kind: 'tooLarge'; width: number; height: number }
  | { kind: 'unreadable' }
  | { kind: 'trailingData' }

// Headers (JPEG's SOF can follow EXIF and ICC segments) fit in this; the pixels are never decoded here.
const HEADER_BYTES = 512 * 1024
const PNG_END = Buffer.from('0000000049454e44ae426082', 'hex')

/**
 * Reads an image's dimensions from its header, without decoding, and refuses it above `maxPixels` (or a side above
 * 20,000). A PNG must end with its IEND chunk: bytes after it are another file riding along (a polyglot).
 */
export async function inspectImage(path: string, type: 'png' | 'jpg', maxPixels: number): Promise<ImageFinding> {
  const file = await open(path, 'r')
  try {
    const { size } = await file.stat()
    const head = Buffer.alloc(Math.min(size, HEADER_BYTES))
    await file.read(head, 0, head.length, 0)
    let dimensions: { width?: number; height?: number; type?: string }
    try {
      dimensions = imageSize(head)
    } catch {
      return { kind: 'unreadable' }
    }
    const { width, height } = dimensions
    if (!width || !height || dimensions.type !== (type === 'jpg' ? 'jpg' : 'png')) return { kind: 'unreadable' }
    if (width * height > maxPixels || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE)
      return { kind: 'tooLarge', width, height }
    if (type === 'png') {
      const tail = Buffer.alloc(PNG_END.length)
      await file.read(tail, 0, tail.length, size - tail.length)
      if (!tail.equals(PNG_END)) return { kind: 'trailingData' }
    }
    return { kind: 'clean', width, height }
  } finally {
    await file.close()
  }
}
