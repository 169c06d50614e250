import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildPdf, buildPng } from '../../../../platform/upload/test-corpus.js'
import { type BrowserHarness, PHONE, startBrowserHarness } from '../../../../web/test-support/browser-harness.js'

// A walk-in applicant made up for the story: a GB 11643 ID number of the demo county with a valid check digit.
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((total, weight, index) => total + weight * Number(first17[index]), 0)
  return first17 + '10X98765432'[sum % 11]
}
const ID_NUMBER = withCheckDigit('32058119920614251')
const WRONG_CHECK_DIGIT = ID_NUMBER.slice(0, 17) + (ID_NUMBER.endsWith('1') ? '2' : '1')

const hasNoSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)

/** Waits until the page asks for a notice PDF, then fetches it as the browser did: it must be a PDF. */
async function expectNoticePdfOpened(context: BrowserContext, click: () => Promise<void>) {
  const requested = context.waitForEvent('request', (request) => /\/notices\/[^/]+\/pdf$/.test(request.url()))
  await click()
  const url = (await requested).url()
  const response = await context.request.get(url)
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toContain('application/pdf')
  expect((await response.body()).subarray(0, 4).toString()).toBe('%PDF')
}

describe('一窗受理 and the case file in Chromium', () => {
  let harness: BrowserHarness
  beforeAll(async () => {
    harness = await startBrowserHarness()
  })
  afterAll(async () => {
    await harness?.stop()
  })

  test('张敏 registers a walk-in doctor at the window, prints the receipt and accepts; 刘洋 reviews on the case file', async () => {
    const clerk = await harness.openPage()
    await harness.logIn(clerk.context, 'zhangmin')
    const { page } = clerk
    await page.goto(`${harness.baseUrl}/workbench/cases/window`)

    // The applicant's identity, checked against the original ID card; a mistyped check digit is caught at once.
    await page.getByLabel('姓名').fill('林晓东')
    await page.getByLabel('居民身份证号码').fill(WRONG_CHECK_DIGIT)
    await expect.poll(() => page.getByText('身份证号码校验位不对，请核对').count()).toBe(1)
    await page.getByLabel('居民身份证号码').fill(ID_NUMBER)
    await expect.poll(() => page.getByText('身份证号码校验位不对，请核对').count()).toBe(0)
    await page.getByLabel('联系手机').fill('13962318845')
    await page.getByText('已核验申请人居民身份证原件，与本人一致').click()
    await harness.screenshot(page, 'cases-window-applicant')
    await page.getByRole('button', { name: '下一步：选择事项' }).click()

    // The item, found by its Chinese name, and the applicant's situation.
    await page.getByLabel('查找事项').fill('医师执业注册')
    await page.getByRole('button', { name: '查找' }).click()
    await page
      .locator('.ant-list-item', { hasText: '医师执业注册' })
      .first()
      .getByRole('button', { name: '选择' })
      .click()
    await page.getByText('首次注册', { exact: true }).click()
    await page.getByText('否，本人办理').click()
    await harness.screenshot(page, 'cases-window-item')
    await page.getByRole('button', { name: '下一步：填写申请表' }).click()

    // The form starts with what the window checked (一次录入), the rest is filled with the applicant.
    await expect.poll(() => page.getByLabel('姓名').first().inputValue()).toBe('林晓东')
    await page.getByLabel('医师资格证书编码').fill('202032110320581199')
    await page.getByText('临床', { exact: true }).click()
    await page.getByLabel('执业范围').fill('内科专业')
    await page.getByLabel('拟执业机构').fill('常熟市第一人民医院')
    await page.getByText('首次注册', { exact: true }).click()
    await page.getByLabel('取得医师资格日期').fill('2020-07-01')
    await page.getByLabel('取得医师资格日期').press('Tab')
    await harness.screenshot(page, 'cases-window-form')
    await page.getByRole('button', { name: '登记收件' }).click()

    // Materials: the ID card scanned as a PDF, the qualification certificate photographed.
    const material = (name: string) => page.locator('.cases-staff-material', { hasText: name })
    await material('申请人居民身份证')
      .locator('input[type=file]')
      .nth(1)
      .setInputFiles({ name: '身份证.pdf', mimeType: 'application/pdf', buffer: await buildPdf() })
    await expect.poll(() => material('申请人居民身份证').getByText('已收').count()).toBe(1)
    await material('医师资格证书')
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: '资格证书.png', mimeType: 'image/png', buffer: buildPng(64, 48) })
    await expect.poll(() => material('医师资格证书').getByText('已收').count()).toBe(1)
    await harness.screenshot(page, 'cases-window-materials')
    await page.getByRole('button', { name: '下一步：收件受理' }).click()

    // The receipt opens to print, then the clerk accepts on the spot and the 受理通知书 opens.
    await expectNoticePdfOpened(clerk.context, () => page.getByRole('link', { name: '打印收件凭证' }).click())
    await harness.screenshot(page, 'cases-window-receipt')
    await expectNoticePdfOpened(clerk.context, () => page.getByRole('button', { name: '受理', exact: true }).click())
    await expect.poll(() => page.getByText('已受理', { exact: true }).count()).toBe(1)
    await harness.screenshot(page, 'cases-window-accepted')
    const caseHref = await page.getByRole('link', { name: '查看案卷' }).getAttribute('href')
    expect(caseHref).toMatch(/^\/workbench\/cases\/[0-9a-f-]{36}$/)
    expect(clerk.problems).toEqual([])

    // 刘洋 of 卫生健康委员会 opens the case file: applicant masked, the form with its labels, the materials.
    const reviewer = await harness.openPage()
    await harness.logIn(reviewer.context, 'liuyang')
    const file = reviewer.page
    // The masking is the server's: the case file the browser receives holds no clear ID number or phone.
    const fileResponse = file.waitForResponse((response) => /\/api\/cases\/[0-9a-f-]{36}\/file$/.test(response.url()))
    await file.goto(`${harness.baseUrl}${caseHref}`)
    const sentFile = await (await fileResponse).text()
    expect(sentFile).not.toContain(ID_NUMBER)
    expect(sentFile).not.toContain('13962318845')
    const applicantCard = file.locator('.ant-card', { hasText: '申请人' }).first()
    await expect.poll(() => applicantCard.textContent()).toContain('*')
    expect(await file.content()).not.toContain(ID_NUMBER)
    const formFields = file.locator('.cases-staff-form-fields')
    await expect.poll(() => formFields.textContent()).toContain('执业范围内科专业')
    expect(await formFields.textContent()).toContain(`居民身份证号码320${'*'.repeat(11)}${ID_NUMBER.slice(-4)}`)
    expect(await formFields.textContent()).toContain('姓名林**申请人')
    await file.getByRole('button', { name: '查看 身份证.pdf' }).click()
    await expect.poll(() => file.locator('iframe[title="申请人居民身份证"]').count()).toBe(1)
    await harness.screenshot(file, 'cases-file-material-viewer')
    await file.keyboard.press('Escape')

    // Seeing the full ID number takes a reason, and is then shown.
    await applicantCard.getByRole('button', { name: '查看' }).click()
    await file.getByLabel('查看理由').fill('核对医师资格证书上的身份证号码')
    await file.getByRole('button', { name: '查看', exact: true }).last().click()
    await expect.poll(() => applicantCard.textContent()).toContain(ID_NUMBER)
    await expect.poll(() => formFields.textContent()).toContain(`居民身份证号码${ID_NUMBER}`)

    // The review: 同意 with an opinion.
    await file.getByLabel('审查意见').fill('申请材料齐全，医师资格证书真实有效，同意注册。')
    await harness.screenshot(file, 'cases-file-review')
    await file.getByRole('button', { name: '提交审查意见' }).click()
    const opinions = file.locator('.ant-card', { hasText: '审查意见' }).filter({ hasText: '刘洋' })
    await expect.poll(() => opinions.textContent()).toContain('同意注册')
    expect(await opinions.textContent()).toContain('同意')
    await harness.screenshot(file, 'cases-file-reviewed')
    expect(reviewer.problems).toEqual([])

    // On a 375 px phone neither the window page nor the case file scrolls sideways.
    const phone = await harness.openPage({ viewport: PHONE })
    await harness.logIn(phone.context, 'liuyang')
    await phone.page.goto(`${harness.baseUrl}${caseHref}`)
    await expect.poll(() => phone.page.getByText('办件编号').count(), { timeout: 20_000 }).toBeGreaterThan(0)
    await harness.screenshot(phone.page, 'cases-file-phone-top')
    await expect.poll(() => phone.page.locator('.cases-staff-form-fields').count()).toBe(1)
    expect(await hasNoSidewaysScroll(phone.page)).toBe(true)
    await harness.screenshot(phone.page, 'cases-file-phone')
    const phoneClerk = await harness.openPage({ viewport: PHONE })
    await harness.logIn(phoneClerk.context, 'zhangmin')
    await phoneClerk.page.goto(`${harness.baseUrl}/workbench/cases/window`)
    await expect.poll(() => phoneClerk.page.getByText('申请人类型').count(), { timeout: 20_000 }).toBe(1)
    await harness.screenshot(phoneClerk.page, 'cases-window-phone-top')
    await expect.poll(() => phoneClerk.page.getByLabel('居民身份证号码').count()).toBe(1)
    expect(await hasNoSidewaysScroll(phoneClerk.page)).toBe(true)
    await harness.screenshot(phoneClerk.page, 'cases-window-phone')
    expect(phone.problems).toEqual([])
    // A long story on a shared 2-core machine, while the demo's case history is still being seeded in the background.
  }, 240_000)
})
