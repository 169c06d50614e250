import {
  type ApplicationFormDefinition as ApplicationForm,
  type FormSchemaNode,
  walkFormData,
} from '../../application-form/form-schema.js'

export type FormRow = { key: string; label: string; value: string; divisionCode?: string }

/**
 * The filled fields in form order, each with its Chinese label path (e.g. 申请人 · 姓名). Personal data arrives
 * masked from the server until an audited 查看 fetches the clear form.
 */
export function listFormRows(form: ApplicationForm, data: Record<string, unknown>): FormRow[] {
  const rows: FormRow[] = []
  walkFormData(form.schema as FormSchemaNode, data, ({ node, value, path, labels }) => {
    if (value === undefined || value === null || value === '' || typeof value === 'object') {
      if (Array.isArray(value) && value.every((entry) => typeof entry === 'string'))
        rows.push({ key: path.join('.'), label: labels.join(' · '), value: value.join('、') || '（无）' })
      return
    }
    const format = typeof node.format === 'string' ? node.format : undefined
    const text = typeof value === 'boolean' ? (value ? '是' : '否') : String(value)
    rows.push({
      key: path.join('.'),
      label: labels.join(' · '),
      value: text,
      ...(format === 'division-code' ? { divisionCode: text } : {}),
    })
  })
  return rows
}
