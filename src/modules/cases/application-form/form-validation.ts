import { type OutputUnit, Validator } from '@cfworker/json-schema'
import type { ApplicationForm, FormSchemaNode } from '../../catalog/index.js'
import { chinaToday, findFormatProblem, type IdentityChecks, isCalendarDate } from './form-formats.js'
import { findNodeAt, isPlainObject, type PathSegment, resolveNode, toPointer, walkFormData } from './form-schema.js'

/** One thing wrong with the filled form: where (JSON pointer and the field's Chinese name) and what, in Chinese. */
export type FormProblem = {
  /** JSON pointer into the data, e.g. /employees/1/idNumber. */
  path: string
  /** The field as a person reads it, e.g. 从业人员 › 第 2 项 › 身份证号码. */
  field: string
  /** The rule broken: required, type, maxLength, format, x-notFuture, unknown, … */
  rule: string
  message: string
}

/**
 * draft: only types are checked, so a half-filled form saves (草稿); submit: everything — required fields,
 * lengths, patterns, options, formats with check characters, date order — and no values the form does not ask for.
 */
export type FormValidationMode = 'draft' | 'submit'

export const FORM_DATA_MAX_BYTES = 256 * 1024

const validators = new WeakMap<object, Validator>()

function validatorFor(schema: FormSchemaNode): Validator {
  let validator = validators.get(schema)
  if (!validator) {
    validator = new Validator(schema as never, '7', false)
    validators.set(schema, validator)
  }
  return validator
}

function parsePointer(location: string): PathSegment[] {
  return location
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  integer: '整数',
  boolean: '是或否',
  object: '一组内容',
  array: '列表',
  null: '空',
}

// Keywords whose errors only summarize a failure below them: the leaf error says what is wrong.
const SUMMARY_KEYWORDS = new Set([
  'properties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  '$ref',
  'if',
  'then',
  'else',
  'dependencies',
  'dependentSchemas',
  'additionalItems',
  'contains',
  'additionalProperties', // reported by the kit's walk as 'unknown', naming the field
  'format', // formats are checked by the kit, with Chinese reasons
])

function describeError(error: OutputUnit, node: FormSchemaNode | undefined): { rule: string; reason: string } {
  const n = node ?? {}
  switch (error.keyword) {
    case 'type': {
      const types = Array.isArray(n.type) ? n.type : [n.type ?? '']
      return { rule: 'type', reason: `应当是${types.map((type) => TYPE_NAMES[type] ?? type).join('或')}` }
    }
    case 'minLength':
      return { rule: 'minLength', reason: `至少填写 ${n.minLength} 个字` }
    case 'maxLength':
      return { rule: 'maxLength', reason: `不能超过 ${n.maxLength} 个字` }
    case 'pattern':
      return { rule: 'pattern', reason: '格式不正确' }
    case 'minimum':
    case 'exclusiveMinimum':
      return {
        rule: error.keyword,
        reason: `不能小于${error.keyword === 'exclusiveMinimum' ? '或等于' : ''} ${n[error.keyword]}`,
      }
    case 'maximum':
    case 'exclusiveMaximum':
      return {
        rule: error.keyword,
        reason: `不能大于${error.keyword === 'exclusiveMaximum' ? '或等于' : ''} ${n[error.keyword]}`,
      }
    case 'multipleOf':
      return { rule: 'multipleOf', reason: `应当是 ${n.multipleOf} 的整数倍` }
    case 'enum':
    case 'const':
      return { rule: error.keyword, reason: '不是可选的选项' }
    case 'minItems':
      return { rule: 'minItems', reason: `至少填写 ${n.minItems} 项` }
    case 'maxItems':
      return { rule: 'maxItems', reason: `最多填写 ${n.maxItems} 项` }
    case 'uniqueItems':
      return { rule: 'uniqueItems', reason: '不能有重复的项' }
    case 'not':
      return { rule: 'not', reason: '填写的内容不符合要求' }
    default:
      return { rule: error.keyword, reason: '填写不正确' }
  }
}

function fieldName(labels: readonly string[]): string {
  return labels.length > 0 ? labels.join(' › ') : '申请表'
}

function problem(path: PathSegment[], labels: readonly string[], rule: string, reason: string): FormProblem {
  const field = fieldName(labels)
  return { path: toPointer(path), field, rule, message: `“${field}”${reason}` }
}

/**
 * The checks of one form engine, bound to the identity checks of its side (server or browser).
 * `now` decides what "in the future" means for x-notFuture dates.
 */
export function createFormValidation(checks: IdentityChecks) {
  function validate(
    form: ApplicationForm,
    data: unknown,
    options: { mode?: FormValidationMode; now?: Date } = {},
  ): FormProblem[] {
    const mode = options.mode ?? 'submit'
    const root = form.schema as FormSchemaNode
    if (!isPlainObject(data)) return [problem([], [], 'type', '应当是填写内容的一组字段')]
    if (JSON.stringify(data).length > FORM_DATA_MAX_BYTES)
      return [problem([], [], 'size', `内容过多（上限 ${FORM_DATA_MAX_BYTES / 1024} KB）`)]

    const problems: FormProblem[] = []
    const seen = new Set<string>()
    const add = (entry: FormProblem) => {
      const key = `${entry.path}|${entry.rule}`
      if (!seen.has(key)) {
        seen.add(key)
        problems.push(entry)
      }
    }

    for (const error of validatorFor(root).validate(data).errors) {
      if (SUMMARY_KEYWORDS.has(error.keyword)) continue
      if (mode === 'draft' && error.keyword !== 'type') continue
      let path = parsePointer(error.instanceLocation)
      if (error.keyword === 'required') {
        const missing = /"([^"]+)"/.exec(error.error)?.[1]
        if (!missing) continue
        path = [...path, missing]
        const found = findNodeAt(root, data, path)
        add(problem(path, found?.labels ?? path.map(String), 'required', '必须填写'))
        continue
      }
      const found = findNodeAt(root, data, path)
      const { rule, reason } = describeError(error, found?.node)
      add(problem(path, found?.labels ?? path.map(String), rule, reason))
    }
    if (mode === 'draft') return problems

    const today = chinaToday(options.now)
    walkFormData(
      root,
      data,
      ({ path, labels, node, value, parent }) => {
        if (typeof value !== 'string' || value === '') return
        if (node.format) {
          const reason = findFormatProblem(node.format, value, checks)
          if (reason) add(problem(path, labels, 'format', reason))
        }
        if (node['x-notFuture'] === true && isCalendarDate(value) && value > today)
          add(problem(path, labels, 'x-notFuture', `不能晚于今天（${today}）`))
        const startName = node['x-notBefore']
        if (typeof startName === 'string' && parent && isCalendarDate(value)) {
          const start = parent[startName]
          if (typeof start === 'string' && isCalendarDate(start) && value < start) {
            const parentNode = findNodeAt(root, data, path.slice(0, -1))?.node ?? root
            const startTitle = resolveNode(parentNode, parent, root).properties?.[startName]?.title ?? startName
            add(problem(path, labels, 'x-notBefore', `不能早于“${startTitle}”（${start}）`))
          }
        }
      },
      (path, labels) => add(problem(path, labels, 'unknown', '不是本申请表要填写的内容')),
    )
    return problems
  }

  /**
   * The data without values the form does not ask for under the current answers (a conditional field that
   * became hidden, a field of an older form version): what to store before a strict check.
   */
  function prune(form: ApplicationForm, data: unknown): Record<string, unknown> {
    const root = form.schema as FormSchemaNode
    const copy = (node: FormSchemaNode, value: unknown): unknown => {
      const resolved = resolveNode(node, value, root)
      if (isPlainObject(value)) {
        const properties = resolved.properties ?? {}
        return Object.fromEntries(
          Object.entries(value)
            .filter(([name, child]) => properties[name] && child !== undefined)
            .map(([name, child]) => [name, copy(properties[name] as FormSchemaNode, child)]),
        )
      }
      if (Array.isArray(value) && resolved.items && !Array.isArray(resolved.items))
        return value.map((item) => copy(resolved.items as FormSchemaNode, item))
      return value
    }
    const pruned = copy(root, isPlainObject(data) ? data : {})
    // Pruning may hide a branch whose condition depended on a pruned value: settle in a second pass.
    return copy(root, pruned) as Record<string, unknown>
  }

  return { validate, prune }
}
