import { randomUUID } from 'node:crypto'

/** A multipart/form-data body with one file part named `file`, as a browser's FormData sends it. */
export function buildMultipart(
  fileName: string,
  content: Buffer,
  contentType = 'application/octet-stream',
): { payload: Buffer; headers: { 'content-type': string } } {
  const boundary = `----tongban${randomUUID().replaceAll('-', '')}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName.replaceAll('"', '%22')}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
    'utf8',
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}
