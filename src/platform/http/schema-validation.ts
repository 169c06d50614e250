import { createRequire } from 'node:module'
import { Ajv, type Options } from 'ajv'
import type { FastifyInstance } from 'fastify'

// ajv-formats is CommonJS whose types claim a default export; load it the way Node sees it.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv

const COMMON: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false }

/**
 * Bodies are validated as sent: a number where a string belongs is an error, and unknown fields are refused.
 * Query strings and path parameters arrive as text, so only they are coerced to the declared types.
 */
export function installSchemaValidation(app: FastifyInstance): void {
  const strict = addFormats(new Ajv({ ...COMMON, coerceTypes: false }))
  const coercing = addFormats(new Ajv({ ...COMMON, coerceTypes: 'array' }))
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema as object),
  )
}
