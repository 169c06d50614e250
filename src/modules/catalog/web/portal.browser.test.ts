import jsQRModule from 'jsqr'
import type { Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type BrowserHarness, PHONE, startBrowserHarness } from '../../../web/test-support/browser-harness.js'
import { DEMO_ITEMS } from '../demo/demo-items.js'
import { buildOneTimeNotice } from '../one-time-notice.js'

// jsqr is CommonJS whose types claim a default export; take the function whichever way Node hands it over.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default

let harness: BrowserHarness

beforeAll(async () => {
  harness = await startBrowserHarness()
})

afterAll(async () => {
  await harness?.stop()
})

const FOOD_LICENCE = '食品经营许可证核发'

async function hasNoHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)
}

async function answer(page: Page, questionId: string, label: string) {
  await page.getByTestId(`question-${questionId}`).getByText(label, { exact: true }).click()
}

test('a person types 开饭店, opens the food licence guide, answers the questions and gets the exact notice', async () => {
  const { page, context, problems } = await harness.openPage()

  await page.goto('/')
  await page.getByTestId('home-service-search').getByTestId('service-search-input').fill('开饭店')
  await page.getByTestId('home-service-search').getByTestId('service-search-submit').click()
  await page.getByTestId('search-hit').first().waitFor()
  const top3 = (await page.locator('.search-hit-title').allTextContents()).slice(0, 3)
  expect(top3).toContain(FOOD_LICENCE)
  expect(await page.locator('.search-mark').count()).toBeGreaterThan(0)
  await harness.screenshot(page, 'services-search-desktop')

  await page.locator('.search-hit-title', { hasText: FOOD_LICENCE }).click()
  await expect.poll(() => page.getByTestId('guide-title').textContent()).toBe(FOOD_LICENCE)
  for (const section of ['申请材料', '受理条件', '办理时限', '收费标准', '办理流程', '办理地点和时间', '设定依据']) {
    expect(await page.getByRole('heading', { name: section }).count(), section).toBe(1)
  }
  await harness.screenshot(page, 'services-guide-desktop')
  const blankForm = (await page.locator('a.file-link').first().getAttribute('href')) ?? ''
  const form = await fetch(new URL(blankForm, harness.baseUrl))
  expect(form.status).toBe(200)
  expect(form.headers.get('content-type')).toContain('application/pdf')

  await page.getByTestId('open-notice').click()
  await answer(page, 'apply-type', '新办（首次申请）')
  // The follow-up about the scope appears only once "新办" is chosen; the change follow-up stays hidden.
  await page.getByTestId('question-scope').waitFor()
  expect(await page.getByTestId('question-change-kind').count()).toBe(0)
  await answer(page, 'scope', '热食类食品制售（如饭店、小吃店、食堂）')
  await answer(page, 'delegate', '委托他人代为办理')
  await expect.poll(() => page.getByTestId('generate-notice').isEnabled()).toBe(true)
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.waitForTimeout(400) // let antd's colour transition finish before the picture
  await harness.screenshot(page, 'services-situations-desktop')
  await page.getByTestId('generate-notice').click()

  await page.getByTestId('notice-number').waitFor()
  const number = (await page.getByTestId('notice-number').textContent()) ?? ''
  const shown = await page.locator('[data-testid="material-row"] .material-name').allTextContents()
  const guide = DEMO_ITEMS.find((item) => item.name === FOOD_LICENCE)
  if (!guide) throw new Error('the demo catalog has no food licence')
  const expected = buildOneTimeNotice(
    guide,
    { 'apply-type': 'new', scope: ['hot-meals'], delegate: 'agent' },
    { itemVersion: 1, departmentName: '' },
  ).materials.map((material) => material.name)
  expect(shown).toEqual(expected)
  expect(shown).toContain('授权委托书')
  expect(shown).not.toContain('散装食品销售区域布局及防尘、防蝇、防污染设施说明')
  expect(await page.getByTestId('notice-qr').locator('svg').count()).toBe(1)
  await harness.screenshot(page, 'services-notice-desktop')

  const pdfHref = (await page.getByTestId('notice-pdf').getAttribute('href')) ?? ''
  const pdf = await fetch(new URL(pdfHref, harness.baseUrl))
  expect(pdf.status).toBe(200)
  expect(pdf.headers.get('content-type')).toContain('application/pdf')
  expect(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-')

  // Decode the QR code as drawn on the page; opening its address in a fresh browser shows the same notice.
  const qr = PNG.sync.read(await page.getByTestId('notice-qr').screenshot())
  const qrTarget = jsQR(new Uint8ClampedArray(qr.data), qr.width, qr.height)?.data
  expect(qrTarget).toBe(`${harness.baseUrl}/notices/${number}`)
  const phone = await harness.openPage({ viewport: PHONE })
  await phone.page.goto(qrTarget ?? '')
  await expect.poll(() => phone.page.getByTestId('notice-number').textContent()).toBe(number)
  expect(await phone.page.locator('[data-testid="material-row"] .material-name').allTextContents()).toEqual(expected)
  expect(await hasNoHorizontalScroll(phone.page)).toBe(true)
  await harness.screenshot(phone.page, 'services-notice-phone')
  expect([...problems, ...phone.problems]).toEqual([])
  await phone.context.close()
  await context.close()
})

test('on a phone, large-font mode is one tap in the header and stays on after a reload', async () => {
  const { page, context, problems } = await harness.openPage({ viewport: PHONE })

  await page.goto('/services/search?q=身份证过期了')
  await page.getByTestId('search-hit').first().waitFor()
  expect(await hasNoHorizontalScroll(page)).toBe(true)
  await harness.screenshot(page, 'services-search-phone')
  await page.getByTestId('large-font-switch').click()
  await page.reload()
  await page.getByTestId('search-hit').first().waitFor()

  expect(await page.locator('.portal.large-font').count()).toBe(1)
  expect(await page.getByTestId('large-font-switch').getAttribute('aria-pressed')).toBe('true')
  const size = await page
    .locator('.search-hit-title')
    .first()
    .evaluate((node) => getComputedStyle(node).fontSize)
  expect(Number.parseFloat(size)).toBeGreaterThanOrEqual(22)
  expect(await hasNoHorizontalScroll(page)).toBe(true)
  await harness.screenshot(page, 'services-search-phone-large')

  await page.locator('.search-hit-title').first().click()
  await page.getByTestId('guide-title').waitFor()
  expect(await hasNoHorizontalScroll(page)).toBe(true)
  await harness.screenshot(page, 'services-guide-phone-large')
  await page.getByTestId('open-notice').click()
  await page.getByTestId('situations-preview').waitFor()
  expect(await hasNoHorizontalScroll(page)).toBe(true)
  await harness.screenshot(page, 'services-situations-phone-large')
  expect(problems).toEqual([])
  await context.close()
})

test('the services front door lists themes for people and companies and every department with items', async () => {
  const { page, context, problems } = await harness.openPage()

  await page.goto('/services')
  await page.getByTestId('themes-natural_person').waitFor()

  expect(await page.getByTestId('themes-natural_person').textContent()).toContain('婚姻')
  expect(await page.getByTestId('themes-legal_person').textContent()).toContain('准营')
  expect(await page.getByTestId('service-departments').textContent()).toContain('常熟市卫生健康委员会')
  await harness.screenshot(page, 'services-browse-desktop')
  await page.getByTestId('large-font-switch').click()
  await page.getByTestId('themes-natural_person').getByText('婚姻').click()
  await page.getByTestId('search-hit').first().waitFor()
  expect(await page.locator('.search-hit-title').allTextContents()).toContain('结婚登记')
  await harness.screenshot(page, 'services-theme-desktop-large')
  expect(problems).toEqual([])
  await context.close()
})
