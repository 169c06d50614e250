import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isLockNotAvailable, isUniqueViolation } from '../db/index.js'
import { AppError } from '../errors/index.js'
import { describeSchemaErrors, type SchemaError } from './validation-messages.js'

type Rendered = { status: number; code: string; message: string; details?: unknown }

const FASTIFY_CODES: Record<string, Omit<Rendered, 'status'>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'MALFORMED_JSON', message: '请求体为空，但声明了 JSON 类型' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', message: '请求长度与内容不符' },
  FST_ERR_BAD_URL: { code: 'BAD_REQUEST', message: '请求地址不合法' },
}

function render(error: FastifyError | AppError | Error): Rendered {
  if (error instanceof AppError) {
    return { status: error.statusCode, code: error.code, message: error.message, details: error.details }
  }
  const fastifyError = error as FastifyError & { validation?: SchemaError[]; validationContext?: string }
  if (fastifyError.validation) {
    const { message, details } = describeSchemaErrors(fastifyError.validationContext ?? 'body', fastifyError.validation)
    return { status: 400, code: 'VALIDATION_FAILED', message, details }
  }
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined
  if (known) return { status: fastifyError.statusCode ?? 400, ...known }
  if (fastifyError.statusCode === 429) return { status: 429, code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return { status: 400, code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON' }
  }
  // Two people acting at once: the loser learns it, instead of a 500 or a silent overwrite.
  if (isUniqueViolation(error))
    return { status: 409, code: 'CONFLICT', message: '数据已存在或已被他人修改，请刷新后重试' }
  if (isLockNotAvailable(error)) return { status: 409, code: 'CONFLICT', message: '该记录正被他人处理，请稍后重试' }
  const status = fastifyError.statusCode
  if (status && status >= 400 && status < 500) return { status, code: 'BAD_REQUEST', message: '请求不正确' }
  return { status: 500, code: 'INTERNAL_ERROR', message: '系统繁忙，请稍后再试' }
}

/** Sends any error in the one error shape; never a stack trace or SQL. */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: Error): FastifyReply {
  const rendered = render(error)
  if (rendered.status >= 500) request.log.error({ err: error }, 'request failed')
  else request.log.info({ code: rendered.code, status: rendered.status }, 'request refused')
  const body: Record<string, unknown> = { code: rendered.code, message: rendered.message, requestId: request.id }
  if (rendered.details !== undefined) body.details = rendered.details
  if (rendered.status === 429) reply.header('retry-after', reply.getHeader('retry-after') ?? '60')
  return reply.status(rendered.status).type('application/json; charset=utf-8').send(body)
}

/** Installs the error and not-found handlers that render the one error shape. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error as Error))
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new AppError('NOT_FOUND', 404, `接口不存在：${request.method} ${request.url.split('?')[0]}`),
    ),
  )
}
