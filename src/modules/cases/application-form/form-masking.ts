import { type ApplicationFormDefinition, type FormData, type FormSchemaNode, walkFormData } from './form-schema.js'

const maskMiddle = (value: string, keepStart: number, keepEnd: number) =>
  value.length <= keepStart + keepEnd
    ? '*'.repeat(value.length)
    : `${value.slice(0, keepStart)}${'*'.repeat(value.length - keepStart - keepEnd)}${keepEnd > 0 ? value.slice(-keepEnd) : ''}`

// Personal data inside a form, recognised by the field kit's formats and prefill marks.
const MASK_BY_FORMAT: Record<string, (value: string) => string> = {
  'id-number': (value) => maskMiddle(value, 3, 4),
  'mobile-phone': (value) => maskMiddle(value, 3, 4),
  phone: (value) => maskMiddle(value, 3, 4),
}
const NAME_PREFILLS = new Set(['applicant.name', 'contact.name'])

/**
 * The form data as staff see it before an audited 查看: ID numbers, phones, people's names and street addresses
 * masked. Done on the server, so the clear values never reach a browser that has not asked for them.
 */
export function maskApplicationFormData(form: ApplicationFormDefinition, data: FormData): FormData {
  const masked = structuredClone(data)
  walkFormData(form.schema as FormSchemaNode, masked, ({ node, value, path, parent }) => {
    const key = path[path.length - 1]
    if (typeof value !== 'string' || !parent || typeof key !== 'string') return
    const format = typeof node.format === 'string' ? node.format : undefined
    const mask = format ? MASK_BY_FORMAT[format] : undefined
    if (mask) parent[key] = mask(value)
    else if (NAME_PREFILLS.has(String(node['x-prefill']))) parent[key] = maskMiddle(value, 1, 0)
    else if (key === 'detail' && 'divisionCode' in parent) parent[key] = maskMiddle(value, 2, 0)
  })
  return masked
}
