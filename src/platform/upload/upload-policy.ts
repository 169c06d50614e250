import type { FileKind } from './file-kinds.js'

/** Limits on a ZIP container (DOCX, XLSX, OFD), all checked from the central directory before anything is inflated. */
export type ArchiveLimits = {
  maxEntries: number
  /** Largest uncompressed size of one entry. */
  maxEntryBytes: number
  /** Largest uncompressed size of all entries together. */
  maxTotalBytes: number
  /** Largest uncompressed : compressed ratio of an entry bigger than 1 MiB (smaller ones may compress well). */
  maxRatio: number
}

/** What one use accepts: its allow-list and limits. */
export type UploadPolicy = {
  accept: readonly FileKind[]
  /** Largest file, in bytes; the stream is cut off past it. */
  maxBytes: number
  archive?: Partial<ArchiveLimits>
  /** Largest image, in pixels (width × height), read from the header. */
  maxImagePixels?: number
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 2000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
  maxRatio: 100,
}

/** 64 megapixels: an A3 page scanned at 600 dpi; far beyond a form or sample photo. */
export const DEFAULT_MAX_IMAGE_PIXELS = 64_000_000
/** Longest side of an image, whatever its area. */
export const MAX_IMAGE_SIDE = 20_000
