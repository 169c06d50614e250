import { ApiError } from '../../../web/kit/api.js'
import { i18n } from '../../../web/kit/i18n.js'

/**
 * Fetches a file from the API with the session cookie (a GET needs no CSRF token) and saves it under `fileName`.
 * Throws ApiError with the server's code and Chinese message when the server refuses.
 */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  let response: Response
  try {
    response = await fetch(path, { credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('common.networkError'))
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined
    if (body && typeof body.code === 'string' && typeof body.message === 'string') {
      throw new ApiError(response.status, body.code, body.message, body.details)
    }
    throw new ApiError(response.status, 'INTERNAL_ERROR', i18n.t('common.serverBusy'))
  }
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoking at once can cancel the save in some browsers; the object lives only as long as this page anyway.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
