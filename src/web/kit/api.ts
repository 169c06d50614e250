import { currentLanguage, i18n } from './i18n.js'

/** An error answered by the API in its one shape `{ code, message, details?, requestId }`. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: unknown
  readonly requestId: string | undefined

  constructor(status: number, code: string, message: string, details?: unknown, requestId?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
    this.requestId = requestId
  }
}

export type RequestOptions = {
  /** Query parameters; empty values are left out. */
  query?: Record<string, string | number | undefined | null>
  /** Do not show the error to the user: the caller shows it in place, or a failure is expected (e.g. 404, 401). */
  quiet?: boolean
  signal?: AbortSignal
}

type ApiBridge = {
  notifyError: (text: string) => void
  onStaffSessionLost: () => void
}

// Filled in by the shell once antd and the router are mounted (see ApiBridge.tsx).
let bridge: ApiBridge = {
  notifyError: (text) => console.error(text),
  onStaffSessionLost: () => window.location.assign('/staff/login'),
}

// The session's CSRF token, given by login, registration and /api/auth/me; never stored beyond this page.
let csrfToken: string | undefined

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function connectApi(connection: ApiBridge): void {
  bridge = connection
}

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token
}

/** The message to show for an error: the server's Chinese message, or an English one keyed by code. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`
    if (currentLanguage() === 'en' && i18n.exists(key)) return i18n.t(key)
    return error.message
  }
  return i18n.t('common.serverBusy')
}

function isStaffPage(): boolean {
  return window.location.pathname === '/workbench' || window.location.pathname.startsWith('/workbench/')
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value))
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

async function readError(response: Response): Promise<ApiError> {
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  if (body && typeof body === 'object' && 'code' in body && 'message' in body) {
    const { code, message, details, requestId } = body as Record<string, unknown>
    return new ApiError(
      response.status,
      String(code),
      String(message),
      details,
      typeof requestId === 'string' ? requestId : undefined,
    )
  }
  // Not our shape: a proxy or gateway answered.
  return new ApiError(response.status, 'INTERNAL_ERROR', i18n.t('common.serverBusy'))
}

async function request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  // A FormData body (a file upload) sets its own multipart content type with the boundary.
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json'
  if (STATE_CHANGING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      signal: options.signal,
    })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    const error = new ApiError(0, 'NETWORK_ERROR', i18n.t('common.networkError'))
    if (!options.quiet) bridge.notifyError(describeError(error))
    throw error
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T
    const text = await response.text()
    return (text ? JSON.parse(text) : undefined) as T
  }

  const error = await readError(response)
  // Only AUTH_REQUIRED means the session is gone; a 401 such as a wrong current password or TOTP code is an answer.
  if (response.status === 401 && error.code === 'AUTH_REQUIRED' && isStaffPage()) {
    // The staff session ended (timeout or logout elsewhere): back to the staff login, then here again.
    csrfToken = undefined
    bridge.onStaffSessionLost()
    if (!options.quiet) bridge.notifyError(i18n.t('common.sessionExpired'))
    throw error
  }
  if (!options.quiet) bridge.notifyError(describeError(error))
  throw error
}

/** The one way the web app calls the API: same-origin cookies, CSRF header, errors shown in Chinese. */
export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  /** Uploads a file as multipart/form-data (a FormData with the file in field `file`). */
  postForm: <T>(path: string, form: FormData, options?: RequestOptions) => request<T>('POST', path, form, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
}
