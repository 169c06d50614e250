/** The kinds the server accepts (it decides by content; the browser checks the name first to answer at once). */
const ACCEPTED = /\.(pdf|jpe?g|png|ofd)$/i

export function describeSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} 字节`
}

/** Why a chosen file cannot be uploaded, in plain Chinese, or undefined when it may be sent. */
export function findFileProblem(file: { name: string; size: number }, maxBytes: number): string | undefined {
  if (!ACCEPTED.test(file.name)) return `“${file.name}”不是 PDF、JPG、PNG 或 OFD 文件，请转换后再上传。`
  if (file.size === 0) return `“${file.name}”是空文件，请重新选择。`
  if (file.size > maxBytes)
    return `“${file.name}”有 ${describeSize(file.size)}，超过了 ${describeSize(maxBytes)} 的上限。`
  return undefined
}
