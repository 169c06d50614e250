import {
  type ApplicationFormDefinition as ApplicationForm,
  type FormSchemaNode,
  walkFormData,
} from '../../application-form/form-schema.js'

const maskMiddle = (value: string, keepStart: number, keepEnd: number) =>
  value.length <= keepStart + keepEnd
    ? '*'.repeat(value.length)
    : `${value.slice(0, keepStart)}${'*'.repeat(value.length - keepStart - keepEnd)}${keepEnd > 0 ? value.slice(-keepEnd) : ''}`

// Personal data inside the form, by the field kit's formats: masked like the applicant's data until an audited 查看.
const MASKS: Record<string, (value: string) => string> = {
  'id-number': (value) => maskMiddle(value, 3, 4),
  'mobile-phone': (value) => maskMiddle(value, 3, 4),
  phone: (value) => maskMiddle(value, 3, 4),
}

export type FormRow = { key: string; label: string; value: string; divisionCode?: string }

/** The filled fields in form order, each with its Chinese label path (e.g. 申请人 · 姓名). */
export function listFormRows(form: ApplicationForm, data: Record<string, unknown>, isRevealed: boolean): FormRow[] {
  const rows: FormRow[] = []
  walkFormData(form.schema as FormSchemaNode, data, ({ node, value, path, labels, parent }) => {
    if (value === undefined || value === null || value === '' || typeof value === 'object') {
      if (Array.isArray(value) && value.every((entry) => typeof entry === 'string'))
        rows.push({ key: path.join('.'), label: labels.join(' · '), value: value.join('、') || '（无）' })
      return
    }
    const format = typeof node.format === 'string' ? node.format : undefined
    let text = typeof value === 'boolean' ? (value ? '是' : '否') : String(value)
    const isAddressDetail = parent !== undefined && 'divisionCode' in parent && path[path.length - 1] === 'detail'
    const prefill = node['x-prefill']
    if (!isRevealed && format && MASKS[format]) text = MASKS[format](text)
    else if (!isRevealed && (prefill === 'applicant.name' || prefill === 'contact.name')) text = maskMiddle(text, 1, 0)
    else if (!isRevealed && isAddressDetail) text = maskMiddle(text, 2, 0)
    rows.push({
      key: path.join('.'),
      label: labels.join(' · '),
      value: text,
      ...(format === 'division-code' ? { divisionCode: text } : {}),
    })
  })
  return rows
}
