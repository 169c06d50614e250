import type { ItemGuide, VersionChange } from './catalog.schemas.js'

/** Chinese names of the guide's fields, for the diff view. */
export const GUIDE_FIELD_LABELS: Record<keyof ItemGuide, string> = {
  code: '事项编码',
  name: '事项名称',
  aliases: '别名',
  itemType: '事项类型',
  departmentCode: '实施部门',
  implementingUnit: '承办机构',
  divisionCode: '行政区划',
  description: '事项说明',
  legalBasis: '设定依据',
  conditions: '受理条件',
  materials: '申请材料',
  timeLimit: '办结时限',
  fee: '收费',
  onlineDepth: '网办深度',
  onlineUrl: '网上办理地址',
  maxVisits: '到现场次数',
  locations: '办理地点',
  consultationPhone: '咨询电话',
  complaintPhone: '监督投诉电话',
  processSteps: '办理流程',
  result: '办理结果',
  subjects: '服务对象',
  themes: '主题分类',
  lifeEvents: '一件事',
  keywords: '关键词',
  situations: '情形',
  notes: '其他说明',
}

/** Chinese names of the fields inside list entries and grouped fields (materials, basis, steps, questions…). */
export const ENTRY_FIELD_LABELS: Record<string, string> = {
  id: '编号',
  name: '名称',
  source: '来源渠道',
  sourceNote: '来源说明',
  form: '原件/复印件',
  count: '份数',
  medium: '纸质/电子',
  requirement: '必要性',
  condition: '提交情形',
  specification: '材料规格',
  blankForm: '空白表格',
  sample: '示例样表',
  notes: '备注',
  text: '内容',
  title: '法律法规名称',
  article: '条款号',
  description: '说明',
  days: '时限（工作日）',
  address: '地址',
  window: '窗口',
  hours: '办理时间',
  kind: '类型',
  options: '选项',
  showWhen: '显示条件',
}

type Entry = { id?: string; name?: string; text?: string; title?: string; article?: string }

// Lists compared entry by entry, so one changed material shows as one row named after the material.
const LIST_KEYS: Partial<Record<keyof ItemGuide, (entry: Entry) => string>> = {
  materials: (entry) => entry.id ?? '',
  conditions: (entry) => entry.id ?? '',
  situations: (entry) => entry.id ?? '',
  legalBasis: (entry) => `${entry.title ?? ''}${entry.article ?? ''}`,
  processSteps: (entry) => entry.name ?? '',
  locations: (entry) => entry.name ?? '',
}

function entryName(entry: Entry): string {
  if (entry.title) return `${entry.title}${entry.article ?? ''}`
  return entry.name ?? entry.text ?? entry.id ?? ''
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function diffObject(path: string, label: string, before: object, after: object, changes: VersionChange[]) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  for (const key of keys) {
    const a = (before as Record<string, unknown>)[key]
    const b = (after as Record<string, unknown>)[key]
    if (same(a, b)) continue
    changes.push({
      path: `${path}.${key}`,
      label: `${label} · ${ENTRY_FIELD_LABELS[key] ?? key}`,
      kind: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed',
      before: a ?? null,
      after: b ?? null,
    })
  }
}

/** Entries by key, or undefined when two entries share a key (then the list is compared as a whole). */
function byKey(list: Entry[], keyOf: (entry: Entry) => string): Map<string, Entry> | undefined {
  const map = new Map(list.map((entry) => [keyOf(entry), entry]))
  return map.size === list.length ? map : undefined
}

/**
 * The field-by-field changes from guide `before` to guide `after`: lists of materials, conditions, legal basis,
 * steps, places and questions entry by entry (added / removed / changed field), other fields as a whole.
 */
export function buildVersionDiff(before: ItemGuide, after: ItemGuide): VersionChange[] {
  const changes: VersionChange[] = []
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])] as (keyof ItemGuide)[]
  for (const field of fields) {
    const a = before[field]
    const b = after[field]
    if (same(a, b)) continue
    const label = GUIDE_FIELD_LABELS[field] ?? field
    const keyOf = LIST_KEYS[field]
    const oldByKey = keyOf && Array.isArray(a) ? byKey(a as Entry[], keyOf) : undefined
    const newByKey = keyOf && Array.isArray(b) ? byKey(b as Entry[], keyOf) : undefined
    if (keyOf && oldByKey && newByKey) {
      for (const [key, entry] of newByKey) {
        const old = oldByKey.get(key)
        const entryLabel = `${label}「${entryName(entry)}」`
        const path = `${field}[${key}]`
        if (!old) changes.push({ path, label: entryLabel, kind: 'added', before: null, after: entry })
        else if (!same(old, entry)) diffObject(path, entryLabel, old, entry, changes)
      }
      for (const [key, entry] of oldByKey) {
        if (!newByKey.has(key))
          changes.push({
            path: `${field}[${key}]`,
            label: `${label}「${entryName(entry)}」`,
            kind: 'removed',
            before: entry,
            after: null,
          })
      }
      const names = (list: Entry[], other: Map<string, Entry>) =>
        list.filter((entry) => other.has(keyOf(entry))).map(entryName)
      const oldOrder = names(a as Entry[], newByKey)
      const newOrder = names(b as Entry[], oldByKey)
      if (!same(oldOrder, newOrder))
        changes.push({
          path: `${field}[order]`,
          label: `${label} · 顺序`,
          kind: 'changed',
          before: oldOrder,
          after: newOrder,
        })
      continue
    }
    changes.push({
      path: field,
      label,
      kind: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed',
      before: a ?? null,
      after: b ?? null,
    })
  }
  return changes
}
