import type { ApplicationForm, ApplicationFormPrefillSource, FormSchemaNode } from '../../catalog/index.js'
import { isPlainObject, listSchemaFields, resolveNode } from './form-schema.js'

/** What identity knows for sure about the applicant (verified at registration); the core maps an account to it. */
export type ApplicantProfile =
  | { kind: 'person'; name: string; idNumber?: string; phone?: string }
  | { kind: 'organization'; name: string; uscc?: string; legalRepresentative?: string; phone?: string }

/** A form the same applicant filled in an earlier case, with when it was filled (ISO time). */
export type EarlierForm = { filledAt: string; form: ApplicationForm; data: unknown }

function fromProfile(profile: ApplicantProfile | undefined): Partial<Record<ApplicationFormPrefillSource, unknown>> {
  if (!profile) return {}
  if (profile.kind === 'person')
    return {
      'applicant.name': profile.name,
      'applicant.idNumber': profile.idNumber,
      'applicant.phone': profile.phone,
      'contact.name': profile.name,
      'contact.phone': profile.phone,
    }
  return {
    'company.name': profile.name,
    'company.uscc': profile.uscc,
    'company.legalRepresentative': profile.legalRepresentative,
    'contact.phone': profile.phone,
  }
}

function readAt(data: unknown, path: readonly string[]): unknown {
  let value = data
  for (const segment of path) value = isPlainObject(value) ? value[segment] : undefined
  return value
}

function fitsType(node: FormSchemaNode, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : []
  if (types.length === 0) return true
  return types.some((type) => {
    if (type === 'object') return isPlainObject(value)
    if (type === 'array') return Array.isArray(value)
    if (type === 'integer') return Number.isInteger(value)
    return typeof value === type
  })
}

/** Values by prefill source that earlier forms hold, the latest filling first. */
function fromEarlierForms(earlier: readonly EarlierForm[]): Partial<Record<ApplicationFormPrefillSource, unknown>> {
  const values: Partial<Record<ApplicationFormPrefillSource, unknown>> = {}
  for (const entry of [...earlier].sort((a, b) => b.filledAt.localeCompare(a.filledAt))) {
    for (const { path, node } of listSchemaFields(entry.form.schema as FormSchemaNode)) {
      const source = node['x-prefill'] as ApplicationFormPrefillSource | undefined
      if (!source || values[source] !== undefined) continue
      const value = readAt(entry.data, path)
      if (fitsType(node, value)) values[source] = value
    }
  }
  return values
}

function writeAt(target: Record<string, unknown>, path: readonly string[], value: unknown) {
  let current = target
  for (const segment of path.slice(0, -1)) {
    if (!isPlainObject(current[segment])) current[segment] = {}
    current = current[segment] as Record<string, unknown>
  }
  const last = path[path.length - 1] as string
  if (current[last] === undefined) current[last] = structuredClone(value)
}

/**
 * 一次录入、多次复用: the starting data of a form. Fields marked `x-prefill` get the applicant's verified profile
 * value, else the latest value the same applicant gave for that source in an earlier case; conditional fields
 * only when their condition holds for the prefilled data. Pure; the values are the applicant's own.
 */
export function buildFormPrefill(
  form: ApplicationForm,
  sources: { profile?: ApplicantProfile; earlierForms?: readonly EarlierForm[] },
): Record<string, unknown> {
  const earlier = fromEarlierForms(sources.earlierForms ?? [])
  const verified = fromProfile(sources.profile)
  const valueFor = (source: ApplicationFormPrefillSource) => verified[source] ?? earlier[source]
  const root = form.schema as FormSchemaNode
  const data: Record<string, unknown> = {}
  // Two passes: a prefilled value may open a conditional block whose fields prefill too.
  for (let pass = 0; pass < 2; pass += 1) {
    const fill = (node: FormSchemaNode, value: Record<string, unknown>, path: string[]) => {
      const resolved = resolveNode(node, value, root)
      for (const [name, child] of Object.entries(resolved.properties ?? {})) {
        const childNode = resolveNode(child, value[name], root)
        const source = childNode['x-prefill'] as ApplicationFormPrefillSource | undefined
        const prefill = source ? valueFor(source) : undefined
        if (prefill !== undefined && fitsType(childNode, prefill)) writeAt(data, [...path, name], prefill)
        if (childNode.type === 'object') {
          const nested = readAt(data, [...path, name])
          fill(childNode, isPlainObject(nested) ? nested : {}, [...path, name])
        }
      }
    }
    fill(root, data, [])
  }
  return data
}
