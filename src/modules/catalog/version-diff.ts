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

// Lists whose entries have ids are compared entry by entry, so one changed material shows as one change.
const KEYED_LISTS = new Set<keyof ItemGuide>(['materials', 'conditions', 'situations'])

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
      label: `${label} · ${key}`,
      kind: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed',
      before: a ?? null,
      after: b ?? null,
    })
  }
}

/** The field-by-field changes from guide `before` to guide `after` (materials, conditions and questions by id). */
export function buildVersionDiff(before: ItemGuide, after: ItemGuide): VersionChange[] {
  const changes: VersionChange[] = []
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])] as (keyof ItemGuide)[]
  for (const field of fields) {
    const a = before[field]
    const b = after[field]
    if (same(a, b)) continue
    const label = GUIDE_FIELD_LABELS[field] ?? field
    if (KEYED_LISTS.has(field) && Array.isArray(a) && Array.isArray(b)) {
      type Entry = { id: string; name?: string; text?: string }
      const oldById = new Map((a as Entry[]).map((entry) => [entry.id, entry]))
      const newById = new Map((b as Entry[]).map((entry) => [entry.id, entry]))
      for (const [id, entry] of newById) {
        const old = oldById.get(id)
        const entryLabel = `${label}「${entry.name ?? entry.text ?? id}」`
        if (!old)
          changes.push({ path: `${field}[id=${id}]`, label: entryLabel, kind: 'added', before: null, after: entry })
        else if (!same(old, entry)) diffObject(`${field}[id=${id}]`, entryLabel, old, entry, changes)
      }
      for (const [id, entry] of oldById) {
        if (!newById.has(id))
          changes.push({
            path: `${field}[id=${id}]`,
            label: `${label}「${entry.name ?? entry.text ?? id}」`,
            kind: 'removed',
            before: entry,
            after: null,
          })
      }
      const oldOrder = (a as Entry[]).map((entry) => entry.id).filter((id) => newById.has(id))
      const newOrder = (b as Entry[]).map((entry) => entry.id).filter((id) => oldById.has(id))
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
