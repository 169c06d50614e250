import type { FastifyReply } from 'fastify'
import { FILE_KINDS } from './file-kinds.js'

const KNOWN_TYPES = new Set(Object.values(FILE_KINDS).map((kind) => kind.contentType))

/** `attachment` with an ASCII fallback name and the real name as RFC 5987 `filename*`. */
export function buildAttachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\;%]/g, '_')
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

/**
 * Sends a stored upload as a download: its sniffed media type (anything else as application/octet-stream),
 * `Content-Disposition: attachment`, `nosniff`, and a sandbox CSP in case a browser renders it anyway.
 */
export function sendUploadedFile(
  reply: FastifyReply,
  file: { fileName: string; contentType: string; content: Buffer },
): FastifyReply {
  return reply
    .type(KNOWN_TYPES.has(file.contentType) ? file.contentType : 'application/octet-stream')
    .header('content-disposition', buildAttachmentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.content)
}
