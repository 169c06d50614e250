/**
 * The file kinds an upload may be, with the extensions and the media type each is stored and served as. A caller
 * accepts a subset (its allow-list); the kind is decided from the content, never from the name alone.
 */
export const FileKind = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  ofd: 'ofd',
  jpg: 'jpg',
  png: 'png',
} as const
export type FileKind = (typeof FileKind)[keyof typeof FileKind]

export const FILE_KINDS: Record<FileKind, { extensions: readonly string[]; contentType: string; label: string }> = {
  pdf: { extensions: ['pdf'], contentType: 'application/pdf', label: 'PDF' },
  docx: {
    extensions: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word（.docx）',
  },
  xlsx: {
    extensions: ['xlsx'],
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel（.xlsx）',
  },
  // GB/T 33190 版式文档; the media type the national OFD readers register.
  ofd: { extensions: ['ofd'], contentType: 'application/ofd', label: 'OFD' },
  jpg: { extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', label: 'JPEG' },
  png: { extensions: ['png'], contentType: 'image/png', label: 'PNG' },
}

/** The kinds that are ZIP containers and get the archive inspection. */
export const ARCHIVE_KINDS: ReadonlySet<FileKind> = new Set(['docx', 'xlsx', 'ofd'])

/** The extension of a file name, lower case, without the dot ('' when there is none). */
export function findExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot <= 0 ? '' : fileName.slice(dot + 1).toLowerCase()
}
