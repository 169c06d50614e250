import {
  ITEM_TYPE_LABELS,
  MATERIAL_FORM_LABELS,
  MATERIAL_MEDIUM_LABELS,
  MATERIAL_SOURCE_LABELS,
  ONLINE_DEPTH_LABELS,
  SUBJECT_TYPE_LABELS,
  THEME_LABELS,
} from '../catalog.schemas.js'

// Coded values by the name of the field that holds them, so a diff reads 原件 → 复印件, not original → copy.
const CODE_LABELS: Record<string, Record<string, string>> = {
  itemType: ITEM_TYPE_LABELS,
  onlineDepth: ONLINE_DEPTH_LABELS,
  subjects: SUBJECT_TYPE_LABELS,
  themes: THEME_LABELS,
  source: MATERIAL_SOURCE_LABELS,
  form: MATERIAL_FORM_LABELS,
  medium: MATERIAL_MEDIUM_LABELS,
  requirement: { required: '必要', conditional: '视情形提交' },
}

type Loose = Record<string, unknown>

function timeLimitText(value: Loose): string {
  const kind = value.kind === 'instant' ? '即办件' : '承诺件'
  const note = value.note ? `（${value.note}）` : ''
  return `${kind}，法定 ${value.statutoryDays} 个工作日，承诺 ${value.promisedDays} 个工作日${note}`
}

function feeText(value: Loose): string {
  if (value.kind === 'free') return '不收费'
  const items = (value.items as Loose[] | undefined) ?? []
  return items.map((item) => `${item.name}：${item.standard ?? `${item.amountYuan} 元`}（${item.basis}）`).join('\n')
}

/** One list entry in a line: a material with its form and count, a law with its article, a step, a place… */
function entryText(entry: Loose): string {
  if (typeof entry.fileName === 'string') return entry.fileName
  if (typeof entry.title === 'string') return `${entry.title}${entry.article ?? ''}`
  if (typeof entry.count === 'number' && typeof entry.name === 'string') {
    const form = MATERIAL_FORM_LABELS[entry.form as keyof typeof MATERIAL_FORM_LABELS] ?? ''
    const need = entry.requirement === 'conditional' ? `，${entry.condition ?? '视情形提交'}` : ''
    return `${entry.name}（${form} ${entry.count} 份${need}）`
  }
  if (Array.isArray(entry.options) && typeof entry.text === 'string') {
    return `${entry.text}（${(entry.options as Loose[]).map((option) => option.label).join(' / ')}）`
  }
  if (typeof entry.address === 'string')
    return `${entry.name}：${entry.address}${entry.window ? `，${entry.window}` : ''}`
  if (typeof entry.name === 'string') return entry.description ? `${entry.name}：${entry.description}` : entry.name
  if (typeof entry.text === 'string') return entry.text
  if (typeof entry.label === 'string') return entry.label
  return Object.values(entry)
    .filter((part) => typeof part === 'string' || typeof part === 'number')
    .join('，')
}

/**
 * A guide value as a person reads it in a version comparison: codes as their Chinese names, time limits and fees
 * as a sentence, list entries one per line by name. `path` is the change's path (`materials[m2].form`).
 */
export function describeValue(path: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  const field =
    path
      .replace(/\[[^\]]*\]/g, '')
      .split('.')
      .pop() ?? path
  const codes = CODE_LABELS[field]
  if (typeof value === 'string') return codes?.[value] ?? value
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (Array.isArray(value)) {
    if (value.length === 0) return '（无）'
    const separator = value.every((entry) => typeof entry === 'string') ? '、' : '\n'
    return value.map((entry) => describeValue(path, entry)).join(separator)
  }
  const object = value as Loose
  if (field === 'timeLimit') return timeLimitText(object)
  if (field === 'fee') return feeText(object)
  if (field === 'result')
    return `${object.name}（${{ licence: '证照', document: '批文/文书' }[String(object.kind)] ?? '其他'}）`
  return entryText(object)
}
