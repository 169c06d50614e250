import { Ajv } from 'ajv'
import {
  APPLICATION_FORM_CUSTOM_KEYWORDS,
  APPLICATION_FORM_FORMATS,
  APPLICATION_FORM_LIMITS,
  APPLICATION_FORM_PREFILL_SOURCES,
  APPLICATION_FORM_WIDGETS,
  type ApplicationFormFormat,
  type FormSchemaNode,
} from './application-form.js'

/*
 * The server's check of a form definition against the definition language (ADR 0022). Server-only: it compiles
 * with Ajv, which must not reach the browser bundle.
 */

const TEXT_KEYWORDS = { title: 200, description: 1000, pattern: 200 } as const
const NUMBER_KEYWORDS = new Set([
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
])
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'definitions'])
const SCHEMA_KEYWORDS = new Set(['items', 'if', 'then', 'else', 'not'])
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'oneOf', 'anyOf'])
const VALUE_KEYWORDS = new Set(['enum', 'const', 'default', 'examples'])
const OTHER_KEYWORDS = new Set([
  'type',
  'required',
  'format',
  'uniqueItems',
  'additionalProperties',
  'readOnly',
  'dependencies',
  '$ref',
  '$schema',
  '$comment',
  ...APPLICATION_FORM_CUSTOM_KEYWORDS,
])
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'])
const UI_KEYS = new Set([
  'ui:widget',
  'ui:title',
  'ui:description',
  'ui:help',
  'ui:placeholder',
  'ui:order',
  'ui:options',
  'ui:autofocus',
  'ui:disabled',
  'ui:readonly',
  'ui:enumNames',
  'ui:submitButtonOptions',
])
const UI_OPTION_KEYS = new Set([
  'rows',
  'inline',
  'orderable',
  'addable',
  'removable',
  'label',
  'addButtonText',
  'widget',
  'placeholder',
])

type Walk = { problems: string[]; fields: number }

function describePath(path: string): string {
  return path === '' ? '表单' : `表单字段 ${path}`
}

function checkSchemaNode(node: unknown, path: string, depth: number, walk: Walk): void {
  const where = describePath(path)
  if (walk.problems.length >= 20) return
  if (typeof node === 'boolean') return
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    walk.problems.push(`${where} 的定义应当是对象`)
    return
  }
  if (depth > APPLICATION_FORM_LIMITS.depth) {
    walk.problems.push(`${where} 嵌套超过 ${APPLICATION_FORM_LIMITS.depth} 层`)
    return
  }
  for (const [keyword, value] of Object.entries(node)) {
    const at = `${where} 的 ${keyword}`
    if (keyword in TEXT_KEYWORDS) {
      const max = TEXT_KEYWORDS[keyword as keyof typeof TEXT_KEYWORDS]
      if (typeof value !== 'string' || value.length > max) walk.problems.push(`${at} 应当是不超过 ${max} 字的文字`)
      else if (keyword === 'pattern') {
        try {
          new RegExp(value, 'u')
        } catch {
          walk.problems.push(`${at} 不是有效的正则表达式`)
        }
      }
    } else if (NUMBER_KEYWORDS.has(keyword)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) walk.problems.push(`${at} 应当是数字`)
    } else if (SCHEMA_MAP_KEYWORDS.has(keyword)) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        walk.problems.push(`${at} 应当是对象`)
        continue
      }
      for (const [name, child] of Object.entries(value)) {
        if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name)) {
          walk.problems.push(`${where} 的字段名 ${name.slice(0, 64)} 只能用字母、数字和下划线，且以字母开头`)
          continue
        }
        if (keyword === 'properties') walk.fields += 1
        checkSchemaNode(child, path ? `${path}.${name}` : name, depth + 1, walk)
      }
    } else if (SCHEMA_KEYWORDS.has(keyword)) {
      checkSchemaNode(value, path, depth + 1, walk)
    } else if (SCHEMA_LIST_KEYWORDS.has(keyword)) {
      if (!Array.isArray(value) || value.length === 0 || value.length > 50) {
        walk.problems.push(`${at} 应当是 1 到 50 个条件`)
        continue
      }
      for (const child of value) checkSchemaNode(child, path, depth + 1, walk)
    } else if (VALUE_KEYWORDS.has(keyword)) {
      if (keyword === 'enum' && (!Array.isArray(value) || value.length > APPLICATION_FORM_LIMITS.enumValues))
        walk.problems.push(`${at} 应当是不超过 ${APPLICATION_FORM_LIMITS.enumValues} 项的列表`)
    } else if (OTHER_KEYWORDS.has(keyword)) {
      checkOtherKeyword(keyword, value, path, at, depth, walk)
    } else {
      walk.problems.push(`${where} 使用了不支持的关键字 ${keyword.slice(0, 40)}`)
    }
  }
}

function checkOtherKeyword(keyword: string, value: unknown, path: string, at: string, depth: number, walk: Walk) {
  switch (keyword) {
    case 'type': {
      const types = Array.isArray(value) ? value : [value]
      if (types.length === 0 || !types.every((type) => typeof type === 'string' && TYPES.has(type)))
        walk.problems.push(`${at} 不是支持的类型`)
      break
    }
    case 'required':
      if (!Array.isArray(value) || !value.every((name) => typeof name === 'string'))
        walk.problems.push(`${at} 应当是字段名列表`)
      break
    case 'format':
      if (!APPLICATION_FORM_FORMATS.includes(value as ApplicationFormFormat))
        walk.problems.push(`${at} 不是支持的格式（${String(value).slice(0, 40)}）`)
      break
    case '$ref':
      // Only references inside the form itself: a remote $ref would make the server fetch or trust outside text.
      if (typeof value !== 'string' || !/^#\/definitions\/[A-Za-z][A-Za-z0-9_]{0,63}$/.test(value))
        walk.problems.push(`${at} 只能引用本表单的 #/definitions/…`)
      break
    case '$schema':
      if (value !== 'http://json-schema.org/draft-07/schema#') walk.problems.push(`${at} 只支持 draft-07`)
      break
    case 'additionalProperties':
      if (typeof value !== 'boolean') walk.problems.push(`${at} 只能是 true 或 false`)
      break
    case 'uniqueItems':
    case 'readOnly':
    case 'x-notFuture':
      if (typeof value !== 'boolean') walk.problems.push(`${at} 只能是 true 或 false`)
      break
    case 'x-notBefore':
      if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(value))
        walk.problems.push(`${at} 应当是同一层的另一个日期字段名`)
      break
    case 'x-prefill':
      if (typeof value !== 'string' || !(value in APPLICATION_FORM_PREFILL_SOURCES))
        walk.problems.push(`${at} 不是支持的预填来源`)
      break
    case 'dependencies':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        walk.problems.push(`${at} 应当是对象`)
        break
      }
      for (const dependency of Object.values(value)) {
        if (Array.isArray(dependency)) {
          if (!dependency.every((name) => typeof name === 'string')) walk.problems.push(`${at} 应当是字段名列表`)
        } else checkSchemaNode(dependency, path, depth + 1, walk)
      }
      break
    case '$comment':
      if (typeof value !== 'string' || value.length > 500) walk.problems.push(`${at} 应当是不超过 500 字的文字`)
      break
  }
}

function checkUiNode(node: unknown, path: string, depth: number, walk: Walk): void {
  if (walk.problems.length >= 20) return
  const where = path === '' ? '界面设置' : `界面设置 ${path}`
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    walk.problems.push(`${where} 应当是对象`)
    return
  }
  if (depth > APPLICATION_FORM_LIMITS.depth + 1) {
    walk.problems.push(`${where} 嵌套过深`)
    return
  }
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('ui:')) {
      if (!UI_KEYS.has(key)) walk.problems.push(`${where} 使用了不支持的设置 ${key.slice(0, 40)}`)
      else if (key === 'ui:widget') {
        if (!(APPLICATION_FORM_WIDGETS as readonly unknown[]).includes(value))
          walk.problems.push(`${where} 的控件 ${String(value).slice(0, 40)} 不在字段库中`)
      } else if (key === 'ui:order' || key === 'ui:enumNames') {
        if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string' && entry.length <= 200))
          walk.problems.push(`${where} 的 ${key} 应当是文字列表`)
      } else if (key === 'ui:options' || key === 'ui:submitButtonOptions') {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          walk.problems.push(`${where} 的 ${key} 应当是对象`)
        } else if (key === 'ui:options') {
          for (const [option, optionValue] of Object.entries(value)) {
            if (!UI_OPTION_KEYS.has(option)) walk.problems.push(`${where} 使用了不支持的选项 ${option.slice(0, 40)}`)
            else if (option === 'widget' && !(APPLICATION_FORM_WIDGETS as readonly unknown[]).includes(optionValue))
              walk.problems.push(`${where} 的控件 ${String(optionValue).slice(0, 40)} 不在字段库中`)
          }
        }
      } else if (typeof value === 'string' && value.length > 1000) {
        walk.problems.push(`${where} 的 ${key} 过长`)
      } else if (typeof value === 'object' && value !== null) {
        walk.problems.push(`${where} 的 ${key} 应当是文字或开关`)
      }
    } else if (key === 'items') {
      checkUiNode(value, path ? `${path}.items` : 'items', depth + 1, walk)
    } else if (/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key)) {
      checkUiNode(value, path ? `${path}.${key}` : key, depth + 1, walk)
    } else {
      walk.problems.push(`${where} 的键 ${key.slice(0, 40)} 不是字段名`)
    }
  }
}

// Compiles the definition as the field kit will: unknown formats resolve here as "any string"; the kit checks them.
const compileCheck = new Ajv({ allErrors: false, strict: false, validateSchema: true })
for (const format of APPLICATION_FORM_FORMATS) compileCheck.addFormat(format, true)
for (const keyword of APPLICATION_FORM_CUSTOM_KEYWORDS) compileCheck.addKeyword({ keyword })

/**
 * Every reason (in Chinese) a form definition is outside the definition language: unknown keywords, widgets,
 * formats or prefill sources, a remote `$ref`, a root that is not an object, or a definition over the size
 * limits. An empty list means the form may be saved.
 */
export function findApplicationFormProblems(form: unknown): string[] {
  if (typeof form !== 'object' || form === null || Array.isArray(form)) return ['申请表应当是对象']
  const { schema, uiSchema, ...rest } = form as Record<string, unknown>
  const problems: string[] = Object.keys(rest).map((key) => `申请表不支持 ${key.slice(0, 40)}`)
  const size = Buffer.byteLength(JSON.stringify(form), 'utf8')
  if (size > APPLICATION_FORM_LIMITS.bytes)
    return [
      ...problems,
      `申请表定义过大（${Math.ceil(size / 1024)} KB，上限 ${APPLICATION_FORM_LIMITS.bytes / 1024} KB）`,
    ]
  const walk: Walk = { problems, fields: 0 }
  const root = schema as FormSchemaNode | undefined
  if (typeof root !== 'object' || root === null || root.type !== 'object' || typeof root.properties !== 'object')
    problems.push('申请表的根应当是带字段（properties）的对象（type: object）')
  else checkSchemaNode(root, '', 0, walk)
  checkUiNode(uiSchema ?? {}, '', 0, walk)
  if (walk.fields > APPLICATION_FORM_LIMITS.fields)
    problems.push(`申请表字段过多（${walk.fields} 个，上限 ${APPLICATION_FORM_LIMITS.fields} 个）`)
  if (problems.length === 0) {
    try {
      compileCheck.compile(root as object)
      // Ajv caches compiled schemas by object: forget this one, or every save would grow the cache.
      compileCheck.removeSchema(root as object)
    } catch (error) {
      problems.push(`申请表无法编译：${error instanceof Error ? error.message.slice(0, 200) : '未知原因'}`)
    }
  }
  return problems.slice(0, 20)
}
