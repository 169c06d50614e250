import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import { describeSchemaErrors, type SchemaError } from '../../platform/http/validation-messages.js'
import { ItemGuide } from './catalog.schemas.js'
import { findGuideProblems } from './guide-rules.js'

// ajv-formats is CommonJS whose types claim a default export; load it the way Node sees it.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv
const checkGuide = addFormats(new Ajv({ allErrors: true, strict: false })).compile(ItemGuide)

/**
 * Checks an imported or saved guide against the schema and the guide rules; gives every problem in Chinese,
 * so an import report can list them all for one row.
 */
export function validateGuide(
  value: unknown,
): { guide: ItemGuide; problems: [] } | { guide: undefined; problems: string[] } {
  if (!checkGuide(value)) {
    const { details } = describeSchemaErrors('guide', (checkGuide.errors ?? []) as SchemaError[])
    const problems = [
      ...new Set(details.map((detail) => `${detail.path.replace(/^guide\.?/, '') || '指南'} ${detail.message}`)),
    ]
    return { guide: undefined, problems: problems.slice(0, 10) }
  }
  const guide = value as ItemGuide
  const problems = findGuideProblems(guide)
  return problems.length > 0 ? { guide: undefined, problems } : { guide, problems: [] }
}
