import { afterAll, beforeAll, expect, test } from 'vitest'
import { type BrowserHarness, startBrowserHarness } from '../../../web/test-support/browser-harness.js'
import { getDemoItemCode } from '../demo/demo-items.js'

// Pages load over a real server on a busy 2-core machine: give them time.
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 })

let harness: BrowserHarness
const code = getDemoItemCode('食品经营许可证核发')

beforeAll(async () => {
  harness = await startBrowserHarness()
})

afterAll(async () => {
  await harness?.stop()
})

// A tiny but real PDF: what an editor would upload as a material's blank form.
const BLANK_FORM_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

test('an editor picks the department, uploads a blank form and changes the time limit; the centre publishes; the guide offers the form', async () => {
  const editor = await harness.openPage()
  await harness.logIn(editor.context, 'liqiang')

  await editor.page.goto('/workbench/catalog')
  await poll(() => editor.page.getByTestId('catalog-items-table').textContent()).toContain('食品经营许可证核发')
  await harness.screenshot(editor.page, 'catalog-items-list')
  await editor.page.goto(`/workbench/catalog/items/${encodeURIComponent(code)}`)
  await poll(() => editor.page.getByTestId('version-status').textContent()).toContain('已发布')
  await editor.page.getByRole('tab', { name: '情形与告知单预览' }).click()
  const preview = editor.page.getByTestId('notice-preview')
  await preview.locator('label.ant-radio-wrapper').first().click()
  await poll(() => preview.textContent()).toContain('需提交材料')
  await harness.screenshot(editor.page, 'catalog-editor-situations')
  // The implementing department is chosen by name from the department tree, not typed as a code.
  await editor.page.getByRole('tab', { name: '基本信息' }).click()
  await editor.page.getByTestId('department-select').click()
  await editor.page.locator('.ant-select-tree-title', { hasText: '市场监督管理局' }).first().click()
  await poll(() => editor.page.getByTestId('department-select').textContent()).toContain('市场监督管理局')

  await editor.page.getByRole('tab', { name: '申请材料' }).click()
  // The first material that has no blank form yet (the demo ships forms for some materials).
  const emptySlot = editor.page
    .locator('[data-testid^="blank-form-"]')
    .filter({ has: editor.page.locator('input[type=file]') })
    .first()
  const slotId = (await emptySlot.getAttribute('data-testid')) ?? ''
  await emptySlot
    .locator('input[type=file]')
    .setInputFiles({ name: '食品经营许可申请书.pdf', mimeType: 'application/pdf', buffer: BLANK_FORM_PDF })
  await poll(() => editor.page.getByTestId(slotId).textContent()).toContain('食品经营许可申请书.pdf')
  await editor.page.getByTestId(slotId).scrollIntoViewIfNeeded()
  await harness.screenshot(editor.page, 'catalog-editor-materials-upload')

  await editor.page.getByRole('tab', { name: '时限与收费' }).click()
  const promised = editor.page.getByLabel('承诺时限（工作日）')
  await promised.fill('2')
  await editor.page.getByRole('button', { name: '保存草稿' }).click()
  await poll(() => editor.page.getByTestId('version-status').textContent()).toContain('草稿')
  expect(await editor.page.getByTestId('version-status').textContent()).toContain('第 2 版')
  await editor.page.getByRole('button', { name: '提交审核' }).click()
  await poll(() => editor.page.getByTestId('version-status').textContent()).toContain('待审核')
  await harness.screenshot(editor.page, 'catalog-editor-submitted')
  expect(editor.problems).toEqual([])
  await editor.context.close()

  const centre = await harness.openPage()
  await harness.logIn(centre.context, 'chenjing')
  await centre.page.goto('/workbench/catalog/review')
  await poll(() => centre.page.getByTestId('review-queue').textContent()).toContain(code)
  await centre.page.getByRole('button', { name: '审核' }).first().click()
  const diff = centre.page.getByTestId('version-diff')
  await poll(() => diff.textContent()).toContain('办结时限')
  expect(await diff.textContent()).toContain('空白表格')
  expect(await diff.textContent()).toContain('食品经营许可申请书.pdf')
  expect(await diff.textContent()).toContain('承诺 2 个工作日')
  expect(await diff.textContent()).not.toContain('{')
  await diff.waitFor({ state: 'visible' })
  await centre.page.waitForTimeout(500) // let the modal's zoom-in finish before the picture
  await harness.screenshot(centre.page, 'catalog-review-diff')
  await centre.page.getByRole('button', { name: '发布' }).click()
  await poll(() => centre.page.getByTestId('review-queue').textContent()).not.toContain(code)

  await centre.page.goto(`/workbench/catalog/items/${encodeURIComponent(code)}`)
  await centre.page.getByRole('tab', { name: '版本历史' }).click()
  const history = centre.page.getByTestId('version-history')
  await poll(() => history.textContent()).toContain('已发布')
  expect(await history.textContent()).toContain('历史版本')
  await harness.screenshot(centre.page, 'catalog-version-history')
  const published = await centre.page.request.get(`/api/catalog/items/${encodeURIComponent(code)}`)
  expect(await published.json()).toMatchObject({ version: 2, guide: { timeLimit: { promisedDays: 2 } } })

  // The public guide page offers the uploaded blank form, and the link answers with the PDF.
  await centre.page.goto(`/services/items/${encodeURIComponent(code)}`)
  const formLink = centre.page.locator('a.file-link[href^="/api/catalog/files/"]')
  await poll(() => formLink.count()).toBe(1)
  const href = await formLink.getAttribute('href')
  expect(href).toMatch(/^\/api\/catalog\/files\//)
  const download = await centre.page.request.get(href ?? '')
  expect(download.status()).toBe(200)
  expect(download.headers()['content-type']).toBe('application/pdf')
  expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-')

  // The centre withdraws the item after confirming with a reason; the public guide is gone.
  await centre.page.goto(`/workbench/catalog/items/${encodeURIComponent(code)}`)
  await centre.page.getByRole('button', { name: '撤销发布' }).click()
  const confirm = centre.page.getByRole('dialog')
  await confirm.getByLabel('撤销理由（必填）').fill('政策调整，暂停网上公示')
  await centre.page.waitForTimeout(500) // let the modal's zoom-in finish before the picture
  await harness.screenshot(centre.page, 'catalog-editor-withdraw-confirm')
  await confirm.getByRole('button', { name: '确认撤销' }).click()
  await poll(() => centre.page.getByTestId('version-status').textContent()).toContain('已撤销')
  expect((await centre.page.request.get(`/api/catalog/items/${encodeURIComponent(code)}`)).status()).toBe(404)
  expect(centre.problems).toEqual([])
  await centre.context.close()
}, 240_000)
