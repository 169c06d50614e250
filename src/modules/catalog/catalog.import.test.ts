import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildMultipart } from '../../test-support/multipart.js'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'
import type { ImportReport, ItemGuide } from './catalog.schemas.js'
import { buildWorkbook, ITEM_SHEET, readWorkbook } from './implementation-workbook.js'
import { guideWith } from './test-guides.js'

let app: TestApp
let marketEditor: Session
let centre: Session

beforeAll(async () => {
  app = await startTestApp()
  marketEditor = await loginAs(app, 'liqiang')
  centre = await loginAs(app, 'chenjing')
})
afterAll(async () => {
  await app.close()
})

function givenGuides(prefix: string, count: number): ItemGuide[] {
  return Array.from({ length: count }, (_, index) =>
    guideWith({ code: `${prefix}-${index + 1}`, name: `食品经营许可证核发（${prefix} 第 ${index + 1} 项）` }),
  )
}

async function upload(session: Session, content: Buffer) {
  const { payload, headers } = buildMultipart('实施清单.xlsx', content)
  const response = await session.request({ method: 'POST', url: '/api/catalog/import/workbook', payload, headers })
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as ImportReport
}

async function withCells(content: Buffer, change: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(content as unknown as ArrayBuffer)
  change(workbook.getWorksheet(ITEM_SHEET) as ExcelJS.Worksheet)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

describe('importing the implementation list', () => {
  test('a workbook with 3 bad rows imports nothing and reports the 3 rows with reasons', async () => {
    const good = await buildWorkbook(givenGuides('BAD', 5))
    const bad = await withCells(good, (sheet) => {
      sheet.getCell('D2').value = '行政魔法'
      sheet.getCell('E4').value = '320581-NOPE'
      sheet.getCell('B6').value = ''
    })

    const report = await upload(marketEditor, bad)

    expect(report.imported).toBe(false)
    expect(report.created).toEqual([])
    expect(report.problems.map((problem) => [problem.sheet, problem.row, problem.itemCode])).toEqual([
      ['事项', 2, 'BAD-1'],
      ['事项', 4, 'BAD-3'],
      ['事项', 6, 'BAD-5'],
    ])
    expect(report.problems[0]?.reasons.join()).toContain('行政魔法')
    expect(report.problems[1]?.reasons.join()).toContain('320581-NOPE')
    expect(report.problems[2]?.reasons.join()).toMatch(/name/)
    const { rows } = await app.db.query(`SELECT code FROM catalog.items WHERE code LIKE 'BAD-%'`)
    expect(rows).toEqual([])
  })

  test('a good workbook creates every item as a draft, and re-importing it makes new drafts of the same items', async () => {
    const content = await buildWorkbook(givenGuides('GOOD', 3))

    const first = await upload(marketEditor, content)
    const again = await upload(marketEditor, content)

    expect(first).toMatchObject({ imported: true, created: ['GOOD-1', 'GOOD-2', 'GOOD-3'], problems: [] })
    expect(again).toMatchObject({ imported: true, created: [], updated: ['GOOD-1', 'GOOD-2', 'GOOD-3'] })
    const draft = await marketEditor.request({ url: '/api/catalog/items/GOOD-2/draft' })
    expect(draft.json()).toMatchObject({
      status: 'draft',
      guide: guideWith({ code: 'GOOD-2', name: '食品经营许可证核发（GOOD 第 2 项）' }),
    })
  })

  test('an export read back gives the same guides', async () => {
    const guides = givenGuides('ROUND', 2)

    const read = await readWorkbook(await buildWorkbook(guides))

    expect('entries' in read && read.entries.map((entry) => entry.value)).toEqual(guides)
  })

  test('a JSON list with one bad entry imports nothing and names the entry', async () => {
    const guides: unknown[] = givenGuides('JSON', 3)
    guides[1] = { ...(guides[1] as ItemGuide), maxVisits: -1 }

    const response = await marketEditor.request({
      method: 'POST',
      url: '/api/catalog/import',
      payload: { format: 'tongban.catalog.v1', items: guides },
    })

    expect(response.json()).toMatchObject({ imported: false, problems: [{ row: 2, itemCode: 'JSON-2' }] })
  })

  test('an editor cannot import another department’s items', async () => {
    const content = await buildWorkbook([guideWith({ code: 'OTHER-1', departmentCode: '320581-WSJK' })])

    const report = await upload(marketEditor, content)

    expect(report.imported).toBe(false)
    expect(report.problems[0]?.reasons.join()).toContain('本部门')
  })

  test('a file that is not a workbook is refused, and the template downloads as an xlsx', async () => {
    const { payload, headers } = buildMultipart('实施清单.xlsx', Buffer.from('hello'))
    const response = await marketEditor.request({
      method: 'POST',
      url: '/api/catalog/import/workbook',
      payload,
      headers,
    })
    const template = await centre.request({ url: '/api/catalog/import/template.xlsx' })

    expect(response.statusCode).toBe(415)
    expect(response.json().code).toBe('UPLOAD_TYPE_REFUSED')
    expect(template.statusCode).toBe(200)
    expect(template.rawPayload.subarray(0, 2).toString()).toBe('PK')
  })
})
