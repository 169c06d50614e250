import { createRequire } from 'node:module'

// ajv-i18n ships CommonJS whose types claim a default export; load it the way Node sees it.
const localizeZh = createRequire(import.meta.url)('ajv-i18n/localize/zh') as (errors: SchemaError[]) => void

/** An Ajv validation error as Fastify hands it over. */
export type SchemaError = {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
  message?: string
}

/** The Chinese name of each part of a request, as messages say it. */
export const CONTEXT_NAMES: Record<string, string> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
}

function fieldPath(context: string, error: SchemaError): string {
  const segments = error.instancePath.split('/').filter(Boolean)
  if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') {
    segments.push(error.params.missingProperty)
  }
  if (error.keyword === 'additionalProperties' && typeof error.params.additionalProperty === 'string') {
    segments.push(error.params.additionalProperty)
  }
  return [context, ...segments].join('.')
}

/** Turns schema errors into one Chinese sentence naming the field path, plus a machine-readable list. */
export function describeSchemaErrors(
  context: string,
  errors: SchemaError[],
): { message: string; details: Array<{ path: string; rule: string; message: string }> } {
  const localized = errors.map((error) => ({ ...error }))
  localizeZh(localized)
  const details = localized.map((error) => ({
    path: fieldPath(context, error),
    rule: error.keyword,
    message: error.message ?? '不符合要求',
  }))
  const first = details[0]
  const where = CONTEXT_NAMES[context] ?? context
  const message = first ? `${where}不正确：${first.path} ${first.message}` : `${where}不正确`
  return { message, details }
}
