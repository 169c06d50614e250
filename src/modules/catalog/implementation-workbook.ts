import ExcelJS from 'exceljs'
import {
  type ImportProblem,
  ITEM_TYPE_LABELS,
  type ItemGuide,
  MATERIAL_FORM_LABELS,
  MATERIAL_MEDIUM_LABELS,
  MATERIAL_SOURCE_LABELS,
  type Material,
  ONLINE_DEPTH_LABELS,
  SUBJECT_TYPE_LABELS,
  THEME_LABELS,
} from './catalog.schemas.js'

/*
 * The implementation list (实施清单) as an Excel workbook: sheet 事项 has one row per item, sheet 申请材料 one row
 * per material. Closed sets are written as their Chinese labels; nested elements that do not fit a cell
 * (legal basis, locations, steps, fees, situations) are JSON in their cell. Reading never throws on bad cells:
 * it reports them by sheet and row, and the import then refuses the whole workbook.
 */

export const ITEM_SHEET = '事项'
export const MATERIAL_SHEET = '申请材料'

type Column = { header: string; width: number; note?: string }

const LIST_SEPARATOR = /[；;、\n]+/

const ITEM_COLUMNS = {
  code: { header: '事项编码', width: 30 },
  name: { header: '事项名称', width: 28 },
  aliases: { header: '别名（；分隔）', width: 20 },
  itemType: { header: '事项类型', width: 12, note: Object.values(ITEM_TYPE_LABELS).join('、') },
  departmentCode: { header: '实施部门编码', width: 18 },
  implementingUnit: { header: '承办机构', width: 16 },
  divisionCode: { header: '行政区划代码', width: 12 },
  description: { header: '事项说明', width: 30 },
  timeLimitKind: { header: '办件类型', width: 10, note: '即办件、承诺件' },
  statutoryDays: { header: '法定时限（工作日）', width: 10 },
  promisedDays: { header: '承诺时限（工作日）', width: 10 },
  timeLimitNote: { header: '时限说明', width: 20 },
  fee: { header: '收费', width: 20, note: '填“不收费”，或 JSON：[{"name","amountYuan","basis"}]' },
  onlineDepth: { header: '网办深度', width: 12, note: Object.values(ONLINE_DEPTH_LABELS).join('、') },
  onlineUrl: { header: '网上办理地址', width: 20 },
  maxVisits: { header: '到现场次数', width: 8 },
  consultationPhone: { header: '咨询电话', width: 16 },
  complaintPhone: { header: '监督投诉电话', width: 16 },
  result: { header: '办理结果', width: 20, note: 'JSON：{"kind":"licence|document|other","name"}' },
  subjects: { header: '服务对象（；分隔）', width: 12, note: '自然人、法人' },
  themes: { header: '主题（；分隔）', width: 16, note: Object.values(THEME_LABELS).join('、') },
  lifeEvents: { header: '一件事（；分隔）', width: 16 },
  keywords: { header: '关键词（；分隔）', width: 20 },
  conditions: { header: '受理条件（每行一条，可写 [编号]）', width: 30 },
  legalBasis: { header: '设定依据（JSON）', width: 30 },
  locations: { header: '办理地点（JSON）', width: 30 },
  processSteps: { header: '办理流程（JSON）', width: 30 },
  situations: { header: '情形（JSON）', width: 30 },
  notes: { header: '其他说明', width: 20 },
} satisfies Record<string, Column>
type ItemColumn = keyof typeof ITEM_COLUMNS

const MATERIAL_COLUMNS = {
  itemCode: { header: '事项编码', width: 30 },
  id: { header: '材料编号', width: 10 },
  name: { header: '材料名称', width: 30 },
  source: { header: '来源渠道', width: 14, note: Object.values(MATERIAL_SOURCE_LABELS).join('、') },
  sourceNote: { header: '来源说明', width: 16 },
  form: { header: '原件/复印件', width: 12, note: Object.values(MATERIAL_FORM_LABELS).join('、') },
  count: { header: '份数', width: 6 },
  medium: { header: '纸质/电子', width: 12, note: Object.values(MATERIAL_MEDIUM_LABELS).join('、') },
  requirement: { header: '必要性', width: 10, note: '必要、视情形' },
  condition: { header: '提交情形', width: 20 },
  specification: { header: '材料规格', width: 12 },
  blankForm: { header: '空白表格（名称|地址）', width: 24 },
  sample: { header: '示例样表（名称|地址）', width: 24 },
  notes: { header: '备注', width: 20 },
} satisfies Record<string, Column>
type MaterialColumn = keyof typeof MATERIAL_COLUMNS

function reverse<T extends string>(labels: Record<T, string>): Map<string, T> {
  return new Map(
    Object.entries(labels).flatMap(([code, label]) => [
      [label as string, code as T],
      [code, code as T],
    ]),
  )
}
const ITEM_TYPES = reverse(ITEM_TYPE_LABELS)
const ONLINE_DEPTHS = reverse(ONLINE_DEPTH_LABELS)
const SUBJECTS = reverse(SUBJECT_TYPE_LABELS)
const THEMES = reverse(THEME_LABELS)
const SOURCES = reverse(MATERIAL_SOURCE_LABELS)
const FORMS = reverse(MATERIAL_FORM_LABELS)
const MEDIUMS = reverse(MATERIAL_MEDIUM_LABELS)
const REQUIREMENTS = new Map([
  ['必要', 'required'],
  ['required', 'required'],
  ['视情形', 'conditional'],
  ['conditional', 'conditional'],
])

function addSheet<K extends string>(workbook: ExcelJS.Workbook, name: string, columns: Record<K, Column>) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = Object.entries<Column>(columns).map(([key, column]) => ({
    key,
    header: column.header,
    width: column.width,
  }))
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } }
  Object.values<Column>(columns).forEach((column, index) => {
    if (column.note) header.getCell(index + 1).note = `可填：${column.note}`
  })
  return sheet
}

function fileCell(file: { fileName: string; url: string } | undefined): string {
  return file ? `${file.fileName}|${file.url}` : ''
}

function guideRow(guide: ItemGuide): Record<ItemColumn, string | number> {
  return {
    code: guide.code,
    name: guide.name,
    aliases: guide.aliases.join('；'),
    itemType: ITEM_TYPE_LABELS[guide.itemType],
    departmentCode: guide.departmentCode,
    implementingUnit: guide.implementingUnit ?? '',
    divisionCode: guide.divisionCode,
    description: guide.description ?? '',
    timeLimitKind: guide.timeLimit.kind === 'instant' ? '即办件' : '承诺件',
    statutoryDays: guide.timeLimit.statutoryDays,
    promisedDays: guide.timeLimit.promisedDays,
    timeLimitNote: guide.timeLimit.note ?? '',
    fee: guide.fee.kind === 'free' ? '不收费' : JSON.stringify(guide.fee.items),
    onlineDepth: ONLINE_DEPTH_LABELS[guide.onlineDepth],
    onlineUrl: guide.onlineUrl ?? '',
    maxVisits: guide.maxVisits,
    consultationPhone: guide.consultationPhone,
    complaintPhone: guide.complaintPhone,
    result: JSON.stringify(guide.result),
    subjects: guide.subjects.map((subject) => SUBJECT_TYPE_LABELS[subject]).join('；'),
    themes: guide.themes.map((theme) => THEME_LABELS[theme]).join('；'),
    lifeEvents: guide.lifeEvents.join('；'),
    keywords: guide.keywords.join('；'),
    conditions: guide.conditions.map((condition) => `[${condition.id}] ${condition.text}`).join('\n'),
    legalBasis: JSON.stringify(guide.legalBasis),
    locations: JSON.stringify(guide.locations),
    processSteps: JSON.stringify(guide.processSteps),
    situations: JSON.stringify(guide.situations),
    notes: guide.notes ?? '',
  }
}

function materialRow(code: string, material: Material): Record<MaterialColumn, string | number> {
  return {
    itemCode: code,
    id: material.id,
    name: material.name,
    source: MATERIAL_SOURCE_LABELS[material.source],
    sourceNote: material.sourceNote ?? '',
    form: MATERIAL_FORM_LABELS[material.form],
    count: material.count,
    medium: MATERIAL_MEDIUM_LABELS[material.medium],
    requirement: material.requirement === 'required' ? '必要' : '视情形',
    condition: material.condition ?? '',
    specification: material.specification ?? '',
    blankForm: fileCell(material.blankForm),
    sample: fileCell(material.sample),
    notes: material.notes ?? '',
  }
}

/** The implementation list as an .xlsx workbook (what export gives and import reads). */
export async function buildWorkbook(guides: readonly ItemGuide[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '通办 Tongban'
  const items = addSheet(workbook, ITEM_SHEET, ITEM_COLUMNS)
  const materials = addSheet(workbook, MATERIAL_SHEET, MATERIAL_COLUMNS)
  for (const guide of guides) {
    items.addRow(guideRow(guide))
    for (const material of guide.materials) materials.addRow(materialRow(guide.code, material))
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** An empty workbook with the headers and a note on every column listing what it accepts. */
export async function buildTemplateWorkbook(): Promise<Buffer> {
  return buildWorkbook([])
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('text' in value) return String(value.text)
    if ('result' in value) return String(value.result ?? '')
    if (value instanceof Date) return value.toISOString()
  }
  return String(value).trim()
}

type Row = { number: number; cells: Map<string, string> }

function readSheet(sheet: ExcelJS.Worksheet | undefined, columns: Record<string, Column>): Row[] | string {
  if (!sheet) return '缺少工作表'
  const headerToKey = new Map(Object.entries(columns).map(([key, column]) => [column.header, key]))
  const keys = new Map<number, string>()
  sheet.getRow(1).eachCell((cell, column) => {
    const key = headerToKey.get(cellText(cell.value))
    if (key) keys.set(column, key)
  })
  const missing = Object.entries(columns)
    .filter(([key]) => ![...keys.values()].includes(key))
    .map(([, column]) => column.header)
  if (missing.length > 0) return `缺少列：${missing.join('、')}`
  const rows: Row[] = []
  sheet.eachRow((row, number) => {
    if (number === 1) return
    const cells = new Map<string, string>()
    row.eachCell((cell, column) => {
      const key = keys.get(column)
      if (key) cells.set(key, cellText(cell.value))
    })
    if ([...cells.values()].some((value) => value !== '')) rows.push({ number, cells })
  })
  return rows
}

/**
 * Reads an implementation-list workbook into one entry per 事项 row (a guide-shaped value the import then
 * validates) plus the cells it could not read. Answers `{ unreadable }` when the file is not such a workbook.
 */
export async function readWorkbook(
  content: Buffer,
): Promise<
  { entries: { row: number; sheet: string; value: unknown }[]; problems: ImportProblem[] } | { unreadable: string }
> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer)
  } catch {
    return { unreadable: '文件不是有效的 .xlsx 工作簿' }
  }
  const itemRows = readSheet(workbook.getWorksheet(ITEM_SHEET), ITEM_COLUMNS)
  if (typeof itemRows === 'string') return { unreadable: `工作表“${ITEM_SHEET}”${itemRows}` }
  const materialRows = readSheet(workbook.getWorksheet(MATERIAL_SHEET), MATERIAL_COLUMNS)
  if (typeof materialRows === 'string') return { unreadable: `工作表“${MATERIAL_SHEET}”${materialRows}` }

  const problems: ImportProblem[] = []
  const report = (sheet: string, row: number, itemCode: string | null, reason: string) => {
    const existing = problems.find((problem) => problem.sheet === sheet && problem.row === row)
    if (existing) existing.reasons.push(reason)
    else problems.push({ sheet, row, itemCode, reasons: [reason] })
  }

  const materialsByCode = new Map<string, unknown[]>()
  for (const row of materialRows) {
    const get = (key: MaterialColumn) => row.cells.get(key) ?? ''
    const code = get('itemCode')
    const lookup = <T>(key: MaterialColumn, map: Map<string, T>, label: string): T | string => {
      const value = map.get(get(key))
      if (value === undefined) report(MATERIAL_SHEET, row.number, code || null, `${label}“${get(key)}”不是可选值`)
      return value ?? get(key)
    }
    const file = (key: MaterialColumn) => {
      const text = get(key)
      if (!text) return undefined
      const [fileName, url] = text.split('|')
      return { fileName: fileName?.trim() ?? '', url: url?.trim() ?? '' }
    }
    const material = Object.fromEntries(
      Object.entries({
        id: get('id'),
        name: get('name'),
        source: lookup('source', SOURCES, '来源渠道'),
        sourceNote: get('sourceNote') || undefined,
        form: lookup('form', FORMS, '原件/复印件'),
        count: readInteger(get('count')),
        medium: lookup('medium', MEDIUMS, '纸质/电子'),
        requirement: lookup('requirement', REQUIREMENTS, '必要性'),
        condition: get('condition') || undefined,
        specification: get('specification') || undefined,
        blankForm: file('blankForm'),
        sample: file('sample'),
        notes: get('notes') || undefined,
      }).filter(([, value]) => value !== undefined),
    )
    materialsByCode.set(code, [...(materialsByCode.get(code) ?? []), material])
  }

  const entries = itemRows.map((row) => {
    const get = (key: ItemColumn) => row.cells.get(key) ?? ''
    const code = get('code')
    const problem = (reason: string) => report(ITEM_SHEET, row.number, code || null, reason)
    const lookup = <T>(key: ItemColumn, map: Map<string, T>, label: string): T | string => {
      const value = map.get(get(key))
      if (value === undefined) problem(`${ITEM_COLUMNS[key].header}“${get(key)}”不是可选的${label}`)
      return value ?? get(key)
    }
    const list = (key: ItemColumn) =>
      get(key)
        .split(LIST_SEPARATOR)
        .map((value) => value.trim())
        .filter(Boolean)
    const lookupList = <T>(key: ItemColumn, map: Map<string, T>, label: string) =>
      list(key).map((value) => {
        const found = map.get(value)
        if (found === undefined) problem(`${ITEM_COLUMNS[key].header}中的“${value}”不是可选的${label}`)
        return found ?? value
      })
    const json = (key: ItemColumn, fallback: unknown) => {
      const text = get(key)
      if (!text) return fallback
      try {
        return JSON.parse(text)
      } catch {
        problem(`${ITEM_COLUMNS[key].header}不是有效的 JSON`)
        return text
      }
    }
    const feeText = get('fee')
    const fee = feeText === '不收费' || feeText === '' ? { kind: 'free' } : { kind: 'charged', items: json('fee', []) }
    const conditions = get('conditions')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line, index) => {
        const match = /^\[([A-Za-z0-9_-]+)\]\s*(.*)$/.exec(line)
        return match ? { id: match[1], text: match[2] } : { id: `c${index + 1}`, text: line }
      })
    const value = Object.fromEntries(
      Object.entries({
        code,
        name: get('name'),
        aliases: list('aliases'),
        itemType: lookup('itemType', ITEM_TYPES, '事项类型'),
        departmentCode: get('departmentCode'),
        implementingUnit: get('implementingUnit') || undefined,
        divisionCode: get('divisionCode'),
        description: get('description') || undefined,
        legalBasis: json('legalBasis', []),
        conditions,
        materials: materialsByCode.get(code) ?? [],
        timeLimit: Object.fromEntries(
          Object.entries({
            kind:
              get('timeLimitKind') === '即办件'
                ? 'instant'
                : get('timeLimitKind') === '承诺件'
                  ? 'promised'
                  : get('timeLimitKind'),
            statutoryDays: readInteger(get('statutoryDays')),
            promisedDays: readInteger(get('promisedDays')),
            note: get('timeLimitNote') || undefined,
          }).filter(([, entry]) => entry !== undefined),
        ),
        fee,
        onlineDepth: lookup('onlineDepth', ONLINE_DEPTHS, '网办深度'),
        onlineUrl: get('onlineUrl') || undefined,
        maxVisits: readInteger(get('maxVisits')),
        locations: json('locations', []),
        consultationPhone: get('consultationPhone'),
        complaintPhone: get('complaintPhone'),
        processSteps: json('processSteps', []),
        result: json('result', {}),
        subjects: lookupList('subjects', SUBJECTS, '服务对象'),
        themes: lookupList('themes', THEMES, '主题'),
        lifeEvents: list('lifeEvents'),
        keywords: list('keywords'),
        situations: json('situations', []),
        notes: get('notes') || undefined,
      }).filter(([, entry]) => entry !== undefined),
    )
    return { row: row.number, sheet: ITEM_SHEET, value }
  })
  const codes = new Set(itemRows.map((row) => row.cells.get('code') ?? ''))
  for (const row of materialRows) {
    const code = row.cells.get('itemCode') ?? ''
    if (!codes.has(code))
      report(MATERIAL_SHEET, row.number, code || null, `事项编码 ${code || '（空）'} 不在“${ITEM_SHEET}”表中`)
  }
  return { entries, problems }
}

function readInteger(text: string): number | string | undefined {
  if (text === '') return undefined
  const value = Number(text)
  return Number.isInteger(value) ? value : text
}
