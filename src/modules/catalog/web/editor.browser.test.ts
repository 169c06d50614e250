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

test('an editor changes the promised time limit and submits; the centre publishes; version 2 appears in the history', async () => {
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
  await poll(() => centre.page.getByTestId('version-diff').textContent()).toContain('办结时限')
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
  expect(centre.problems).toEqual([])
  await centre.context.close()
}, 240_000)
