import { afterAll, beforeAll, expect, test } from 'vitest'
import { type BrowserHarness, PHONE, startBrowserHarness } from '../../../web/test-support/browser-harness.js'

let harness: BrowserHarness

beforeAll(async () => {
  harness = await startBrowserHarness()
})

afterAll(async () => {
  await harness?.stop()
})

test('a citizen opens 我的消息 on a phone from the portal header; nothing scrolls sideways', async () => {
  const { page, context, problems } = await harness.openPage({ viewport: PHONE })
  await harness.logIn(context, 'sunxiaomei')

  await page.goto('/my/messages')
  await page.getByRole('heading', { name: /我的消息/ }).waitFor()
  await page.getByTestId('my-messages').locator('.ant-list').waitFor()

  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(
    true,
  )
  await harness.screenshot(page, 'notifications-my-messages-phone')
  expect(problems).toEqual([])
  await context.close()
})

test('the centre manager finds 通知发件箱 in the menu and reads that texts are recorded, not sent', async () => {
  const { page, context, problems } = await harness.openPage()
  await harness.logIn(context, 'chenjing')
  await page.goto('/workbench')

  await page.getByRole('menuitem', { name: '通知发件箱' }).click()
  await page.waitForURL('**/workbench/notifications/outbox')
  await page.getByTestId('notification-outbox').locator('.ant-table').waitFor()

  await expect.poll(() => page.getByText('尚未接入短信网关').first().isVisible()).toBe(true)
  await harness.screenshot(page, 'notifications-outbox-desktop')
  expect(problems).toEqual([])
  await context.close()
})
