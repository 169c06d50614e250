import { afterAll, beforeAll, expect, test } from 'vitest'
import { type BrowserHarness, PHONE, startBrowserHarness } from '../../../web/test-support/browser-harness.js'
import { getDemoItemCode } from '../demo/demo-items.js'

// Pages load over a real server on a busy 2-core machine: give them time.
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 })

let harness: BrowserHarness
const code = getDemoItemCode('个体工商户设立登记')

beforeAll(async () => {
  harness = await startBrowserHarness()
})

afterAll(async () => {
  await harness?.stop()
})

test('an editor adds a field to the application form, sees it in the preview, saves, and finds it after a reload', async () => {
  const editor = await harness.openPage()
  await harness.logIn(editor.context, 'liqiang')
  await editor.page.goto(`/workbench/catalog/items/${encodeURIComponent(code)}`)
  await poll(() => editor.page.getByTestId('version-status').textContent()).toContain('已发布')

  await editor.page.getByRole('tab', { name: '申请表' }).click()
  const preview = editor.page.getByLabel('申请表预览')
  await poll(() => preview.textContent()).toContain('经营者姓名')
  await editor.page.getByLabel('字段类型').click()
  await editor.page.locator('.ant-select-item-option', { hasText: '日期（不晚于今天' }).click()
  await editor.page.getByLabel('新字段名称').fill('开业日期')
  await editor.page.getByRole('button', { name: '添加字段' }).click()

  await poll(() => preview.textContent()).toContain('开业日期')
  // Ask for the opening date only from family businesses: the preview hides it until that answer is given.
  const card = editor.page.getByLabel('字段 开业日期')
  await card.getByLabel('显示条件字段').click()
  await editor.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '组成形式' }).click()
  await card.getByLabel('显示条件取值').click()
  await editor.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '家庭经营' }).click()
  await poll(() => preview.textContent()).not.toContain('开业日期')
  await preview.getByText('家庭经营').click()
  await poll(() => preview.textContent()).toContain('开业日期')
  await harness.screenshot(editor.page, 'catalog-application-form-editor')
  // The preview checks like the applicant's form: a wrong ID number is named at once.
  await preview.getByLabel('经营者居民身份证号码').fill('320581199001011231')
  await poll(() => preview.textContent()).toContain('校验位不正确')
  // 所在地区 is picked from the GB/T 2260 divisions, 省 → 市 → 县.
  await preview.getByLabel('所在地区').click()
  for (const name of ['江苏省', '苏州市', '常熟市']) {
    await editor.page
      .locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: name })
      .first()
      .click()
  }
  await poll(() => preview.locator('.ant-cascader').first().textContent()).toContain('常熟市')
  await editor.page.getByRole('button', { name: '保存草稿' }).click()
  await poll(() => editor.page.getByTestId('version-status').textContent()).toContain('草稿')

  await editor.page.reload()
  await poll(() => editor.page.getByTestId('version-status').textContent()).toContain('草稿')
  await editor.page.getByRole('tab', { name: '申请表' }).click()
  const reloaded = editor.page.getByLabel('申请表预览')
  await poll(() => reloaded.textContent()).toContain('组成形式')
  expect(await reloaded.textContent()).not.toContain('开业日期')
  await reloaded.getByText('家庭经营').click()
  await poll(() => reloaded.textContent()).toContain('开业日期')
  expect(editor.problems).toEqual([])

  await editor.page.setViewportSize(PHONE)
  await harness.screenshot(editor.page, 'catalog-application-form-editor-phone')
  const overflow = await editor.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await editor.context.close()
})
