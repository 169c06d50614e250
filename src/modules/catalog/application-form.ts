import { type Static, Type } from 'typebox'

/*
 * 申请表 of an item version: a JSON Schema (a draft-07 subset) plus a uiSchema, rendered in the browser by
 * @rjsf/antd and validated on the server with the same schema (ADR 0022). The catalog owns the definition
 * language (here, free of Ajv: catalog.schemas.ts and so this file reach the browser) and refuses a definition
 * outside it when the centre saves (application-form-check.ts); the field kit in cases/application-form
 * implements the formats, keywords and prefill sources named here (its test checks the two lists agree).
 */

/** Formats a field may carry. Stored in published forms: never rename one. */
export const APPLICATION_FORM_FORMATS = [
  'date', // YYYY-MM-DD, a real calendar day
  'id-number', // 居民身份证号码, GB 11643 check digit
  'uscc', // 统一社会信用代码, GB 32100 check character
  'mobile-phone', // 11-digit mainland mobile number
  'phone', // mobile or landline (0512-52001234)
  'division-code', // GB/T 2260 six-digit code
  'postal-code',
] as const
export type ApplicationFormFormat = (typeof APPLICATION_FORM_FORMATS)[number]

/** Widgets a field may ask for in its uiSchema (`ui:widget`). */
export const APPLICATION_FORM_WIDGETS = [
  'text',
  'textarea',
  'select',
  'radio',
  'checkbox',
  'checkboxes',
  'updown',
  'date',
  'idNumber',
  'uscc',
  'division',
  'hidden',
] as const

/**
 * `x-prefill` sources: where 一次录入、多次复用 fills a field from — the applicant's verified profile first, then
 * the latest value the same applicant gave for the same source in an earlier case. Stored: never rename.
 */
export const APPLICATION_FORM_PREFILL_SOURCES = {
  'applicant.name': '申请人姓名',
  'applicant.idNumber': '申请人身份证号码',
  'applicant.phone': '申请人手机号码',
  'applicant.address': '申请人住址',
  'company.name': '单位名称',
  'company.uscc': '统一社会信用代码',
  'company.legalRepresentative': '法定代表人',
  'company.address': '单位住所',
  'company.phone': '单位联系电话',
  'contact.name': '联系人',
  'contact.phone': '联系电话',
} as const
export type ApplicationFormPrefillSource = keyof typeof APPLICATION_FORM_PREFILL_SOURCES

/**
 * Our own keywords, checked by the field kit's Ajv and by pre-review:
 * `x-notFuture` (a date that cannot lie ahead, e.g. 成立日期), `x-notBefore` (a date not before the sibling date
 * field it names, e.g. 有效期至 ≥ 有效期起), `x-prefill` (see above).
 */
export const APPLICATION_FORM_CUSTOM_KEYWORDS = ['x-notFuture', 'x-notBefore', 'x-prefill'] as const

export const APPLICATION_FORM_LIMITS = {
  bytes: 64 * 1024,
  fields: 300,
  depth: 8,
  enumValues: 200,
} as const

/** The stored shape; the details are checked by `findApplicationFormProblems`. */
export const ApplicationForm = Type.Object(
  {
    schema: Type.Record(Type.String(), Type.Unknown(), { description: '表单字段（JSON Schema draft-07 子集）' }),
    uiSchema: Type.Record(Type.String(), Type.Unknown(), { description: '界面设置（控件、顺序、提示）' }),
  },
  { additionalProperties: false, description: '申请表' },
)
export type ApplicationForm = Static<typeof ApplicationForm>

/** A JSON Schema node of the subset (loosely typed: forms are data the centre edits). */
export type FormSchemaNode = {
  type?: string | string[]
  title?: string
  description?: string
  properties?: Record<string, FormSchemaNode>
  required?: string[]
  items?: FormSchemaNode
  definitions?: Record<string, FormSchemaNode>
  allOf?: FormSchemaNode[]
  oneOf?: FormSchemaNode[]
  anyOf?: FormSchemaNode[]
  if?: FormSchemaNode
  then?: FormSchemaNode
  else?: FormSchemaNode
  dependencies?: Record<string, FormSchemaNode | string[]>
  enum?: unknown[]
  const?: unknown
  format?: string
  $ref?: string
  'x-prefill'?: string
  'x-notFuture'?: boolean
  'x-notBefore'?: string
  [keyword: string]: unknown
}

/** The titles of a form's fields in order (conditional ones included), for the version diff a reviewer reads. */
export function listApplicationFormFieldTitles(form: ApplicationForm | null): string[] {
  if (!form) return []
  const root = form.schema as FormSchemaNode
  const titles: { name: string; title: string }[] = []
  const collect = (node: FormSchemaNode | undefined) => {
    for (const [name, child] of Object.entries(node?.properties ?? {}))
      titles.push({ name, title: child.title || name })
    for (const part of node?.allOf ?? []) collect(part.then)
  }
  collect(root)
  const order = (form.uiSchema as Record<string, unknown>)['ui:order']
  if (!Array.isArray(order)) return titles.map((entry) => entry.title)
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length)
  return titles.sort((a, b) => rank(a.name) - rank(b.name)).map((entry) => entry.title)
}

/** One line of the version diff when the form changed: its fields before and after, as a person reads them. */
export function describeApplicationFormChange(before: ApplicationForm | null, after: ApplicationForm | null) {
  if (JSON.stringify(before) === JSON.stringify(after)) return undefined
  const text = (form: ApplicationForm | null) =>
    form
      ? `${listApplicationFormFieldTitles(form).length} 个字段：${listApplicationFormFieldTitles(form).join('、')}`
      : '无'
  return {
    path: 'applicationForm',
    label: '申请表',
    kind: before === null ? ('added' as const) : after === null ? ('removed' as const) : ('changed' as const),
    before: before === null ? null : text(before),
    after: after === null ? null : text(after),
  }
}
