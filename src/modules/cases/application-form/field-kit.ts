import type { ApplicationForm, ApplicationFormPrefillSource, FormSchemaNode } from '../../catalog/index.js'
import { isPlainObject } from './form-schema.js'

/*
 * 字段库: the reusable pieces forms are made of — person, company, address, dates, ID numbers, repeatable groups
 * and conditional fields. The demo forms and the catalog's form editor build forms only from these, so every
 * form speaks the same language (formats, widgets, prefill sources) that the catalog accepts.
 */

/** One field: its schema, its uiSchema, and whether it must be filled. */
export type FieldSpec = { schema: FormSchemaNode; ui?: Record<string, unknown>; required?: boolean }

type Extra = { required?: boolean; prefill?: ApplicationFormPrefillSource; help?: string; placeholder?: string }

function field(schema: FormSchemaNode, ui: Record<string, unknown>, extra: Extra = {}): FieldSpec {
  const uiWithHelp = {
    ...ui,
    ...(extra.help ? { 'ui:help': extra.help } : {}),
    ...(extra.placeholder ? { 'ui:placeholder': extra.placeholder } : {}),
  }
  return {
    schema: { ...schema, ...(extra.prefill ? { 'x-prefill': extra.prefill } : {}) },
    ...(Object.keys(uiWithHelp).length > 0 ? { ui: uiWithHelp } : {}),
    required: extra.required ?? true,
  }
}

function group(title: string, fields: Record<string, FieldSpec>, extra: Extra = {}): FieldSpec {
  const required = Object.entries(fields)
    .filter(([, spec]) => spec.required)
    .map(([name]) => name)
  const ui = Object.fromEntries(
    Object.entries(fields)
      .filter(([, spec]) => spec.ui)
      .map(([name, spec]) => [name, spec.ui]),
  )
  return field(
    {
      type: 'object',
      title,
      properties: Object.fromEntries(Object.entries(fields).map(([name, spec]) => [name, spec.schema])),
      ...(required.length > 0 ? { required } : {}),
      additionalProperties: false,
    },
    { ...ui, 'ui:order': [...Object.keys(fields), '*'] },
    extra,
  )
}

/** The field kit. Each builder takes the title shown on the form. */
export const kit = {
  text: (title: string, extra: Extra & { maxLength?: number } = {}) =>
    field({ type: 'string', title, maxLength: extra.maxLength ?? 100 }, {}, extra),
  textarea: (title: string, extra: Extra & { maxLength?: number } = {}) =>
    field(
      { type: 'string', title, maxLength: extra.maxLength ?? 2000 },
      { 'ui:widget': 'textarea', 'ui:options': { rows: 3 } },
      extra,
    ),
  number: (title: string, extra: Extra & { minimum?: number; maximum?: number; integer?: boolean } = {}) =>
    field(
      {
        type: extra.integer ? 'integer' : 'number',
        title,
        minimum: extra.minimum ?? 0,
        ...(extra.maximum !== undefined ? { maximum: extra.maximum } : {}),
      },
      {},
      extra,
    ),
  /** A calendar date; `notFuture` for dates that cannot lie ahead (成立日期, 出生日期). */
  date: (title: string, extra: Extra & { notFuture?: boolean; notBefore?: string } = {}) =>
    field(
      {
        type: 'string',
        title,
        format: 'date',
        ...(extra.notFuture ? { 'x-notFuture': true } : {}),
        ...(extra.notBefore ? { 'x-notBefore': extra.notBefore } : {}),
      },
      { 'ui:widget': 'date' },
      extra,
    ),
  /** One choice from a list; `radio` shows the options side by side (short lists). */
  choice: (title: string, options: readonly string[], extra: Extra & { radio?: boolean } = {}) =>
    field({ type: 'string', title, enum: [...options] }, { 'ui:widget': extra.radio ? 'radio' : 'select' }, extra),
  /** Several choices from a list. */
  choices: (title: string, options: readonly string[], extra: Extra = {}) =>
    field(
      {
        type: 'array',
        title,
        items: { type: 'string', enum: [...options] },
        uniqueItems: true,
        minItems: extra.required === false ? 0 : 1,
      },
      { 'ui:widget': 'checkboxes' },
      extra,
    ),
  yesNo: (title: string, extra: Extra = {}) => kit.choice(title, ['是', '否'], { ...extra, radio: true }),
  personName: (title = '姓名', extra: Extra = {}) =>
    field({ type: 'string', title, minLength: 2, maxLength: 50 }, {}, extra),
  idNumber: (title = '居民身份证号码', extra: Extra = {}) =>
    field({ type: 'string', title, format: 'id-number' }, { 'ui:widget': 'idNumber' }, extra),
  mobilePhone: (title = '手机号码', extra: Extra = {}) =>
    field({ type: 'string', title, format: 'mobile-phone' }, {}, { placeholder: '11 位手机号码', ...extra }),
  phone: (title = '联系电话', extra: Extra = {}) =>
    field({ type: 'string', title, format: 'phone' }, {}, { placeholder: '手机或 0512-52001234', ...extra }),
  companyName: (title = '单位名称', extra: Extra = {}) =>
    field({ type: 'string', title, minLength: 2, maxLength: 100 }, {}, extra),
  uscc: (title = '统一社会信用代码', extra: Extra = {}) =>
    field({ type: 'string', title, format: 'uscc' }, { 'ui:widget': 'uscc' }, extra),
  /** 行政区划 (GB/T 2260 code, picked in a cascader) plus the street address. */
  address: (title: string, extra: Extra = {}) =>
    group(
      title,
      {
        divisionCode: field(
          { type: 'string', title: '所在地区', format: 'division-code' },
          { 'ui:widget': 'division' },
        ),
        detail: field(
          { type: 'string', title: '详细地址', minLength: 2, maxLength: 200 },
          {},
          { placeholder: '街道、门牌号' },
        ),
      },
      extra,
    ),
  /** A person: name, ID number, mobile phone. */
  person: (title: string, extra: Extra & { prefillApplicant?: boolean } = {}) =>
    group(
      title,
      {
        name: kit.personName('姓名', extra.prefillApplicant ? { prefill: 'applicant.name' } : {}),
        idNumber: kit.idNumber('居民身份证号码', extra.prefillApplicant ? { prefill: 'applicant.idNumber' } : {}),
        phone: kit.mobilePhone('手机号码', extra.prefillApplicant ? { prefill: 'applicant.phone' } : {}),
      },
      extra,
    ),
  /** A company: name, 统一社会信用代码, legal representative. */
  company: (title: string, extra: Extra & { prefillApplicant?: boolean } = {}) =>
    group(
      title,
      {
        name: kit.companyName('单位名称', extra.prefillApplicant ? { prefill: 'company.name' } : {}),
        uscc: kit.uscc('统一社会信用代码', extra.prefillApplicant ? { prefill: 'company.uscc' } : {}),
        legalRepresentative: kit.personName(
          '法定代表人（负责人）',
          extra.prefillApplicant ? { prefill: 'company.legalRepresentative' } : {},
        ),
      },
      extra,
    ),
  /** A repeatable group (可添加多行): a list of objects made of the given fields. */
  repeat: (
    title: string,
    fields: Record<string, FieldSpec>,
    extra: Extra & { minItems?: number; maxItems?: number; addButtonText?: string } = {},
  ): FieldSpec => {
    const item = group('', fields)
    const { title: _title, ...itemSchema } = item.schema
    return field(
      { type: 'array', title, items: itemSchema, minItems: extra.minItems ?? 1, maxItems: extra.maxItems ?? 50 },
      {
        items: item.ui ?? {},
        'ui:options': { orderable: false, addButtonText: extra.addButtonText ?? '添加一行' },
      },
      extra,
    )
  },
  group,
}

/** A field shown only when an earlier field has one of the given values (if/then in the schema). */
export type ConditionalFields = {
  when: { field: string; equals: string | readonly string[] }
  fields: Record<string, FieldSpec>
}

/**
 * A whole form from kit fields, in order; each conditional block appears right after the field it depends on.
 */
export function buildForm(
  fields: Record<string, FieldSpec>,
  conditionals: readonly ConditionalFields[] = [],
): ApplicationForm {
  const required = Object.entries(fields)
    .filter(([, spec]) => spec.required)
    .map(([name]) => name)
  const ui: Record<string, unknown> = {}
  for (const [name, spec] of [
    ...Object.entries(fields),
    ...conditionals.flatMap((block) => Object.entries(block.fields)),
  ]) {
    if (spec.ui) ui[name] = spec.ui
  }
  const order: string[] = []
  for (const name of Object.keys(fields)) {
    order.push(name)
    for (const block of conditionals.filter((candidate) => candidate.when.field === name))
      order.push(...Object.keys(block.fields))
  }
  const allOf = conditionals.map((block) => {
    const values = typeof block.when.equals === 'string' ? [block.when.equals] : [...block.when.equals]
    const blockRequired = Object.entries(block.fields)
      .filter(([, spec]) => spec.required)
      .map(([name]) => name)
    return {
      if: {
        properties: { [block.when.field]: values.length === 1 ? { const: values[0] } : { enum: values } },
        required: [block.when.field],
      },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
      then: {
        properties: Object.fromEntries(Object.entries(block.fields).map(([name, spec]) => [name, spec.schema])),
        ...(blockRequired.length > 0 ? { required: blockRequired } : {}),
      },
    }
  })
  return {
    schema: {
      type: 'object',
      properties: Object.fromEntries(Object.entries(fields).map(([name, spec]) => [name, spec.schema])),
      ...(required.length > 0 ? { required } : {}),
      ...(allOf.length > 0 ? { allOf } : {}),
    },
    uiSchema: { ...ui, 'ui:order': [...order, '*'] },
  }
}

// ——— the editor's view of a form ———

/** What the catalog's form editor offers to add, each with the Chinese name the editor shows. */
export const FIELD_TEMPLATES = {
  text: { label: '单行文字', build: (title: string) => kit.text(title) },
  textarea: { label: '多行文字', build: (title: string) => kit.textarea(title) },
  number: { label: '数字', build: (title: string) => kit.number(title) },
  date: { label: '日期', build: (title: string) => kit.date(title) },
  pastDate: { label: '日期（不晚于今天，如成立日期）', build: (title: string) => kit.date(title, { notFuture: true }) },
  choice: { label: '单选', build: (title: string) => kit.choice(title, ['选项一', '选项二']) },
  yesNo: { label: '是 / 否', build: (title: string) => kit.yesNo(title) },
  personName: { label: '姓名', build: (title: string) => kit.personName(title) },
  idNumber: { label: '居民身份证号码', build: (title: string) => kit.idNumber(title) },
  mobilePhone: { label: '手机号码', build: (title: string) => kit.mobilePhone(title) },
  phone: { label: '联系电话（手机或固话）', build: (title: string) => kit.phone(title) },
  companyName: { label: '单位名称', build: (title: string) => kit.companyName(title) },
  uscc: { label: '统一社会信用代码', build: (title: string) => kit.uscc(title) },
  address: { label: '地址（行政区划＋详细地址）', build: (title: string) => kit.address(title) },
  person: { label: '人员（姓名、身份证号码、手机）', build: (title: string) => kit.person(title) },
  company: { label: '单位（名称、信用代码、法定代表人）', build: (title: string) => kit.company(title) },
  people: {
    label: '人员名单（可添加多行）',
    build: (title: string) =>
      kit.repeat(title, {
        name: kit.personName(),
        idNumber: kit.idNumber(),
        phone: kit.mobilePhone('手机号码', { required: false }),
      }),
  },
} as const satisfies Record<string, { label: string; build: (title: string) => FieldSpec }>
export type FieldTemplateKind = keyof typeof FIELD_TEMPLATES

/** One top-level field as the editor lists it. */
export type EditorField = {
  name: string
  title: string
  spec: FieldSpec
  /** Shown only when another top-level field equals this value. */
  condition?: { field: string; equals: string }
}

/** A new field from a template, with a field name not yet taken (f1, f2, …). */
export function buildFieldFromTemplate(kind: FieldTemplateKind, title: string, taken: readonly string[]): EditorField {
  let index = taken.length + 1
  while (taken.includes(`f${index}`)) index += 1
  const spec = FIELD_TEMPLATES[kind].build(title)
  return { name: `f${index}`, title, spec }
}

/** The editor's list of fields read from a stored form: top-level fields and single-value if/then blocks. */
export function readEditorFields(form: ApplicationForm | null): EditorField[] {
  if (!form) return []
  const schema = form.schema as FormSchemaNode
  const ui = form.uiSchema as Record<string, unknown>
  const requiredAt = new Set(schema.required ?? [])
  const fields: EditorField[] = Object.entries(schema.properties ?? {}).map(([name, node]) => ({
    name,
    title: node.title ?? name,
    spec: {
      schema: node,
      ...(isPlainObject(ui[name]) ? { ui: ui[name] as Record<string, unknown> } : {}),
      required: requiredAt.has(name),
    },
  }))
  for (const block of schema.allOf ?? []) {
    const conditionEntry = Object.entries(block.if?.properties ?? {})[0]
    const equals = conditionEntry?.[1]?.const
    if (!conditionEntry || typeof equals !== 'string') continue
    const blockRequired = new Set(block.then?.required ?? [])
    for (const [name, node] of Object.entries(block.then?.properties ?? {})) {
      fields.push({
        name,
        title: node.title ?? name,
        spec: {
          schema: node,
          ...(isPlainObject(ui[name]) ? { ui: ui[name] as Record<string, unknown> } : {}),
          required: blockRequired.has(name),
        },
        condition: { field: conditionEntry[0], equals },
      })
    }
  }
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]) : []
  const rank = (name: string) => {
    const index = order.indexOf(name)
    return index === -1 ? order.length : index
  }
  return fields.sort((a, b) => rank(a.name) - rank(b.name))
}

/** The stored form for the editor's list, in list order (conditions become if/then blocks). */
export function buildFormFromEditorFields(fields: readonly EditorField[]): ApplicationForm {
  const plain = fields.filter((entry) => !entry.condition)
  const withTitle = (entry: EditorField): FieldSpec => ({
    ...entry.spec,
    schema: { ...entry.spec.schema, title: entry.title },
  })
  const blocks = new Map<string, ConditionalFields>()
  for (const entry of fields.filter((candidate) => candidate.condition)) {
    const condition = entry.condition as { field: string; equals: string }
    const key = `${condition.field}\u0000${condition.equals}`
    const block = blocks.get(key) ?? { when: { field: condition.field, equals: condition.equals }, fields: {} }
    block.fields[entry.name] = withTitle(entry)
    blocks.set(key, block)
  }
  const form = buildForm(Object.fromEntries(plain.map((entry) => [entry.name, withTitle(entry)])), [...blocks.values()])
  // The editor's order wins over "after the field it depends on".
  return { ...form, uiSchema: { ...form.uiSchema, 'ui:order': [...fields.map((entry) => entry.name), '*'] } }
}
