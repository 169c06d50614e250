import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CryptoError, CryptoErrorCode } from '../crypto/index.js'
import {
  DatabaseUnavailableError,
  isDatabaseUnavailable,
  isLockNotAvailable,
  isTransactionConflict,
  isUniqueViolation,
} from '../db/index.js'
import { AppError } from '../errors/index.js'
import { describeSchemaErrors, type SchemaError } from './validation-messages.js'

type Rendered = { status: number; code: string; message: string; details?: unknown }

const FASTIFY_CODES: Record<string, Omit<Rendered, 'status'>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'MALFORMED_JSON', message: '请求体为空，但声明了 JSON 类型' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', message: '请求长度与内容不符' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' },
  FST_ERR_CTP_EMPTY_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' },
  FST_ERR_BAD_URL: { code: 'BAD_REQUEST', message: '请求地址不合法' },
  // find-my-way refuses a path parameter over maxParamLength before any route runs; its own body echoes the path.
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URI_TOO_LONG', message: '请求地址中的参数过长' },
}

const STATUS_OF_CODE: Record<string, number> = {
  FST_ERR_CTP_INVALID_TYPE: 415,
  FST_ERR_CTP_EMPTY_TYPE: 415,
  FST_ERR_MAX_PARAM_LENGTH: 414,
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

function render(error: FastifyError | AppError | Error): Rendered {
  if (error instanceof AppError) {
    return { status: error.statusCode, code: error.code, message: error.message, details: error.details }
  }
  if (error instanceof CryptoError && error.code === CryptoErrorCode.ciphertextInvalid) {
    // Stored data failed its integrity check: not the caller's fault and not cured by a retry. The key ring has
    // reported it, which alerts the security administrator; the code lets a client say what happened.
    return {
      status: 500,
      code: error.code,
      message: '存储的加密数据未通过完整性校验，已通知安全管理员，请联系管理员处理',
    }
  }
  const fastifyError = error as FastifyError & { validation?: SchemaError[]; validationContext?: string }
  if (fastifyError.validation) {
    const { message, details } = describeSchemaErrors(fastifyError.validationContext ?? 'body', fastifyError.validation)
    return { status: 400, code: 'VALIDATION_FAILED', message, details }
  }
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined
  if (known) return { status: STATUS_OF_CODE[fastifyError.code] ?? fastifyError.statusCode ?? 400, ...known }
  if (fastifyError.statusCode === 429) return { status: 429, code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return { status: 400, code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON' }
  }
  // Two people acting at once: the loser learns it, instead of a 500 or a silent overwrite.
  if (isUniqueViolation(error))
    return { status: 409, code: 'CONFLICT', message: '数据已存在或已被他人修改，请刷新后重试' }
  if (isLockNotAvailable(error)) return { status: 409, code: 'CONFLICT', message: '该记录正被他人处理，请稍后重试' }
  if (isTransactionConflict(error))
    return { status: 409, code: 'CONFLICT', message: '与他人同时操作发生冲突，未作任何更改，请重试' }
  // An outage is the database's, not the request's: 503 at once (never a hang or a 500), and the client retries.
  if (isDatabaseUnavailable(error)) {
    const isOutcomeUnknown = error instanceof DatabaseUnavailableError && error.isCommitOutcomeUnknown
    return {
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: isOutcomeUnknown
        ? '数据库连接中断，无法确认操作是否已保存，请稍后刷新查看'
        : '数据库暂时无法连接，请稍后再试',
    }
  }
  const status = fastifyError.statusCode
  if (status === 405) return { status, code: 'METHOD_NOT_ALLOWED', message: '该接口不支持此请求方法' }
  if (status === 406) return { status, code: 'NOT_ACCEPTABLE', message: '无法按所要求的格式返回' }
  if (status === 414) return { status, code: 'URI_TOO_LONG', message: '请求地址过长' }
  if (status === 431) return { status, code: 'HEADERS_TOO_LARGE', message: '请求头过大' }
  if (status && status >= 400 && status < 500) return { status, code: 'BAD_REQUEST', message: '请求不正确' }
  return { status: 500, code: 'INTERNAL_ERROR', message: '系统繁忙，请稍后再试' }
}

/** Sends any error in the one error shape; never a stack trace or SQL. */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: Error): FastifyReply {
  const rendered = render(error)
  // An outage fails every request alike: one line each without the driver's error object and stack.
  if (rendered.code === 'DATABASE_UNAVAILABLE') request.log.warn({ code: rendered.code }, 'database unavailable')
  else if (rendered.status >= 500) request.log.error({ err: error }, 'request failed')
  else request.log.info({ code: rendered.code, status: rendered.status }, 'request refused')
  const body: Record<string, unknown> = { code: rendered.code, message: rendered.message, requestId: request.id }
  if (rendered.details !== undefined) body.details = rendered.details
  if (rendered.status === 429) reply.header('retry-after', reply.getHeader('retry-after') ?? '60')
  if (rendered.code === 'DATABASE_UNAVAILABLE') reply.header('retry-after', '5')
  return reply.status(rendered.status).type('application/json; charset=utf-8').send(body)
}

/** The methods a path answers to, other than `method`; empty for an unknown path or a page (catch-all) route. */
/** Our path parameters are ids and codes; a longer one is refused with 414. */
export const MAX_PARAM_LENGTH = 100

function hasOverlongSegment(pathname: string): boolean {
  return pathname.split('/').some((segment) => segment.length > MAX_PARAM_LENGTH)
}

function listOtherMethods(app: FastifyInstance, method: string, pathname: string): string[] {
  return METHODS.filter((other) => {
    if (other === method) return false
    const found = app.findRoute({ method: other, url: pathname })
    return found !== null && !('*' in (found.params as Record<string, unknown>))
  })
}

const CLIENT_ERRORS: Record<string, Omit<Rendered, 'details'>> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST_TIMEOUT', message: '请求超时' },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'HEADERS_TOO_LARGE', message: '请求头过大' },
}

/**
 * Answers a request Node's HTTP parser refused (a malformed header or request line, headers too large, a timeout)
 * before Fastify saw it, in our shape instead of Fastify's; then closes the connection, as Node does.
 */
export function renderClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const rendered = (error.code && CLIENT_ERRORS[error.code]) || {
    status: 400,
    code: 'BAD_REQUEST',
    message: '请求格式不正确',
  }
  const body = JSON.stringify({ code: rendered.code, message: rendered.message, requestId: `req-${randomUUID()}` })
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${rendered.status} ${STATUS_CODES[rendered.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy(error)
}

/** Renders errors the framework raises before a route runs (bad URL encoding, over-long path parameters). */
export function renderFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // No route matched, so the hooks that add these headers to every answer do not run.
  reply.header('x-request-id', request.id).header('cache-control', 'no-store')
  sendError(request, reply, error)
}

/**
 * Installs the error and not-found handlers that render the one error shape. A known path asked with another
 * method is 405 with `Allow`. Neither echoes the path or any input back.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error as Error))
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? ''
    // The router gives up on an over-long parameter silently when a catch-all route (the web pages) also matches.
    if (pathname.startsWith('/api/') && hasOverlongSegment(pathname))
      return sendError(request, reply, new AppError('URI_TOO_LONG', 414, '请求地址中的参数过长'))
    const allowed = pathname.startsWith('/api/') ? listOtherMethods(app, request.method, pathname) : []
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '))
      return sendError(request, reply, new AppError('METHOD_NOT_ALLOWED', 405, '该接口不支持此请求方法'))
    }
    return sendError(request, reply, new AppError('NOT_FOUND', 404, '接口不存在'))
  })
}
