import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import type { Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type BrowserHarness, PHONE, startBrowserHarness } from '../../../web/test-support/browser-harness.js'

let harness: BrowserHarness
let fixtures: { pdf: string; png: string; text: string }

const FOOD_LICENCE = '食品经营许可证核发'

beforeAll(async () => {
  harness = await startBrowserHarness()
  const dir = await mkdtemp(path.join(tmpdir(), 'tongban-apply-'))
  const pdf = await PDFDocument.create()
  pdf.addPage([595, 842]).drawText('Tongban test material', { x: 72, y: 760, size: 18 })
  const png = new PNG({ width: 4, height: 4 })
  png.data.fill(200)
  fixtures = {
    pdf: path.join(dir, '平面布局图.pdf'),
    png: path.join(dir, '身份证.png'),
    text: path.join(dir, '说明.txt'),
  }
  await writeFile(fixtures.pdf, await pdf.save())
  await writeFile(fixtures.png, PNG.sync.write(png))
  await writeFile(fixtures.text, '这不是 PDF')
})

afterAll(async () => {
  await harness?.stop()
})

/** The machine is shared and slow at times: wait up to 20 s for what the person would see. */
function eventually<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 20_000 })
}

async function hasNoSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)
}

async function fillIfEmpty(page: Page, selector: string, value: string) {
  const input = page.locator(selector)
  if (!(await input.inputValue())) await input.fill(value)
}

/** 江苏省 / 苏州市 / 常熟市 in the division cascader (skipped when the address was prefilled). */
async function pickDivision(page: Page, selector: string) {
  const field = page.locator(selector)
  const shown = await page
    .locator(`${selector}`)
    .locator('xpath=ancestor::*[contains(@class,"ant-cascader")][1]')
    .textContent()
  if (shown?.includes('常熟')) return
  await field.click()
  const menu = page.locator('.ant-cascader-dropdown:not(.ant-cascader-dropdown-hidden)').last()
  for (const name of ['江苏省', '苏州市', '常熟市'])
    await menu.locator(`.ant-cascader-menu-item[title="${name}"]`).click()
}

async function answer(page: Page, questionId: string, label: string) {
  await page.getByTestId(`question-${questionId}`).getByText(label, { exact: true }).click()
}

test('孙晓梅 applies for the food licence online, uploads her materials, submits and follows the case', async () => {
  const { page, context, problems } = await harness.openPage()

  // Logged out, the wizard sends her to log in and back.
  const search = await fetch(new URL(`/api/catalog/search?q=${encodeURIComponent(FOOD_LICENCE)}`, harness.baseUrl))
  const hits = (await search.json()) as { items: { code: string; name: string }[] }
  const code = hits.items.find((hit) => hit.name === FOOD_LICENCE)?.code ?? ''
  await page.goto(`/cases/apply/${code}`)
  await eventually(() => new URL(page.url()).pathname).toBe('/login')
  expect(new URL(page.url()).searchParams.get('next')).toBe(`/cases/apply/${code}`)

  await harness.logIn(context, 'sunxiaomei')
  await page.goto(`/services/items/${code}`)
  await page.getByTestId('start-application').click()
  await eventually(() => page.getByTestId('apply-title').textContent()).toBe(FOOD_LICENCE)

  await answer(page, 'apply-type', '新办（首次申请）')
  await page.getByTestId('question-scope').waitFor()
  await answer(page, 'scope', '以上都不涉及（如饮品、冷食、预包装食品）')
  await answer(page, 'delegate', '本人（单位法定代表人或负责人）亲自办理')
  await harness.screenshot(page, 'cases-apply-situations-desktop')
  await page.getByTestId('situations-next').click()
  await page.getByTestId('apply-form').waitFor()
  await page.locator('#root_operatorName').waitFor()
  await harness.screenshot(page, 'cases-apply-form-desktop')

  // The form: what her account could not prefill she types in (her shop, her licence details).
  await fillIfEmpty(page, '#root_operatorName', '常熟市虞山晓梅小吃店')
  await fillIfEmpty(page, '#root_uscc', '92320581MA2N7C3L0U')
  await fillIfEmpty(page, '#root_legalRepresentative', '孙晓梅')
  await fillIfEmpty(page, '#root_representativeIdNumber', '320581198503120423')
  await pickDivision(page, '#root_residence_divisionCode')
  await fillIfEmpty(page, '#root_residence_detail', '虞山街道书院街 18 号')
  await pickDivision(page, '#root_premises_divisionCode')
  await fillIfEmpty(page, '#root_premises_detail', '虞山街道书院街 18 号一楼')
  await page.locator('#root_businessType').click()
  await page.locator('.ant-select-item-option[title="餐饮服务经营者（小型餐馆）"]').click()
  await page.locator('#root_businessItems').getByText('冷食类食品制售', { exact: true }).click()
  await page.locator('#root_sellsOnline').getByText('否', { exact: true }).click()
  await fillIfEmpty(page, '#root_safetyManagers_0_name', '孙晓梅')
  await fillIfEmpty(page, '#root_safetyManagers_0_idNumber', '320581198503120423')
  await fillIfEmpty(page, '#root_safetyManagers_0_phone', '13814926637')
  await fillIfEmpty(page, '#root_contactPhone', '13814926637')
  await page.getByTestId('form-next').click()

  // Materials: a text file is refused in Chinese before it is sent; PDFs and a PNG go up one by one.
  const rows = page.locator('[data-testid^="material-"]')
  await rows.first().waitFor()
  await rows.first().locator('input[type=file]').setInputFiles(fixtures.text)
  await eventually(() => rows.first().textContent()).toContain('不是 PDF、JPG、PNG 或 OFD 文件')
  const count = await rows.count()
  expect(count).toBeGreaterThan(2)
  for (let index = 0; index < count; index += 1) {
    const row = rows.nth(index)
    const isIdCard = ((await row.textContent()) ?? '').includes('身份证')
    await row.locator('input[type=file]').setInputFiles(isIdCard ? fixtures.png : fixtures.pdf)
    await eventually(() => rows.nth(index).textContent()).toContain('已上传')
  }
  await harness.screenshot(page, 'cases-apply-materials-desktop')
  // A wrong file is replaced, or deleted and uploaded again.
  const first = rows.first()
  await first.locator('input[type=file]').setInputFiles(fixtures.png)
  await eventually(() => rows.first().textContent()).toContain('身份证.png')
  await first.getByRole('button', { name: '删除' }).click()
  await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click()
  await eventually(() => rows.first().textContent()).toContain('待上传')
  await rows.first().locator('input[type=file]').setInputFiles(fixtures.pdf)
  await eventually(() => rows.first().textContent()).toContain('已上传')

  // Pre-review shows what passed; nothing failed, so she may submit.
  await page.getByTestId('materials-next').click()
  await page.getByTestId('pre-review').waitFor()
  expect(await page.locator('.case-check.failed').count()).toBe(0)
  expect(await page.locator('.case-check.passed').count()).toBe(count + 2)
  await harness.screenshot(page, 'cases-apply-review-desktop')
  await page.getByTestId('submit-application').click()

  // The case page: submitted, with its timeline; 我的办件 lists it with its state in Chinese.
  await eventually(() => page.getByTestId('case-state').textContent()).toBe('已提交，待预审')
  expect(await page.getByTestId('case-timeline').textContent()).toContain('提交申请')
  expect(await page.getByTestId('case-timeline').textContent()).toContain('创建申请')
  expect(await page.locator('body').textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/)
  await harness.screenshot(page, 'cases-detail-desktop')
  const number = ((await page.locator('.case-detail').textContent()) ?? '').match(/\d{6}-\d{8}-\d{6,9}/)?.[0] ?? ''
  expect(number).not.toBe('')
  await page.getByRole('link', { name: '我的办件' }).first().click()
  const card = page.getByTestId('case-card').filter({ hasText: FOOD_LICENCE })
  await eventually(() => card.first().getByTestId('case-state').textContent()).toBe('已提交，待预审')
  await harness.screenshot(page, 'cases-mine-desktop')

  // On a 375 px phone nothing scrolls sideways: 我的办件, the case, and the wizard of a new draft.
  await page.setViewportSize(PHONE)
  await page.reload()
  await card.first().waitFor()
  expect(await hasNoSidewaysScroll(page)).toBe(true)
  await harness.screenshot(page, 'cases-mine-phone')
  await card.first().getByRole('link', { name: FOOD_LICENCE }).click()
  await page.getByTestId('case-timeline').waitFor()
  expect(await hasNoSidewaysScroll(page)).toBe(true)
  await harness.screenshot(page, 'cases-detail-phone')
  await page.goto(`/cases/apply/${code}`)
  await page.getByTestId('question-apply-type').waitFor()
  expect(await hasNoSidewaysScroll(page)).toBe(true)
  await harness.screenshot(page, 'cases-apply-situations-phone')
  await answer(page, 'apply-type', '新办（首次申请）')
  await answer(page, 'scope', '以上都不涉及（如饮品、冷食、预包装食品）')
  await answer(page, 'delegate', '本人（单位法定代表人或负责人）亲自办理')
  await page.getByTestId('situations-next').click()
  await page.locator('#root_operatorName').waitFor()
  expect(await hasNoSidewaysScroll(page)).toBe(true)
  await harness.screenshot(page, 'cases-apply-form-phone')

  // Anyone holding the notice (its QR code) checks the progress with the number and her name, without logging in.
  const visitor = await harness.openPage({ viewport: PHONE })
  await visitor.page.goto(`/cases/status?number=${number}`)
  await visitor.page.getByLabel('申请人姓名或单位名称').fill('孙晓梅')
  await visitor.page.getByTestId('lookup').click()
  const result = visitor.page.getByTestId('lookup-result')
  await eventually(() => result.textContent()).toContain('已提交，待预审')
  expect(await result.textContent()).toContain(FOOD_LICENCE)
  expect(await result.textContent()).not.toContain('320581198503120423')
  expect(await hasNoSidewaysScroll(visitor.page)).toBe(true)
  await harness.screenshot(visitor.page, 'cases-status-phone')
  await visitor.page.getByLabel('申请人姓名或单位名称').fill('孙小梅')
  await visitor.page.getByTestId('lookup').click()
  await eventually(() => visitor.page.getByTestId('lookup-error').textContent()).toContain('没有查到这个办件')
  expect(visitor.problems.filter((problem) => !problem.includes('404'))).toEqual([])

  // The unfinished second application waits in 我的办件 as a draft; she withdraws the submitted one, with confirmation.
  await page.goto('/my/cases')
  const draft = page.getByTestId('case-card').filter({ hasText: FOOD_LICENCE }).filter({ hasText: '草稿' })
  await draft.first().getByRole('link', { name: FOOD_LICENCE }).click()
  await eventually(() => page.locator('#root_operatorName').count()).toBe(1)
  await page.goto('/my/cases')
  await card.filter({ hasText: number }).getByRole('link', { name: FOOD_LICENCE }).click()
  await page.getByTestId('withdraw').click()
  await page.getByRole('button', { name: '确定撤回' }).click()
  await eventually(() => page.getByTestId('case-state').textContent()).toBe('已撤回')
  expect(await page.getByTestId('case-timeline').textContent()).toContain('撤回申请')
  expect(await page.getByTestId('withdraw').count()).toBe(0)
  expect(problems).toEqual([])
})
