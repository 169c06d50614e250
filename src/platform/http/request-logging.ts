import type { FastifyRequest } from 'fastify'
import type { LoggerOptions } from 'pino'

// Query values can carry an ID number or phone; log which keys were sent, never their values.
export function maskQueryValues(url: string): string {
  const question = url.indexOf('?')
  if (question < 0) return url
  const keys = url
    .slice(question + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=*`)
  return `${url.slice(0, question)}?${keys.join('&')}`
}

const SECRET_FIELDS = [
  'password',
  'newPassword',
  'oldPassword',
  'idNumber',
  'phone',
  'address',
  'token',
  'totp',
  'secret',
]

/** Pino options: level, redaction of personal data and secrets wherever they appear in a log object. */
export function buildLoggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
      ],
      censor: '[REDACTED]',
    },
    serializers: {
      req(request: FastifyRequest) {
        return { method: request.method, url: maskQueryValues(request.url), requestId: request.id }
      },
    },
  }
}
