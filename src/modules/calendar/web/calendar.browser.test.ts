import { afterAll, beforeAll, expect, test } from 'vitest'
import { type BrowserHarness, startBrowserHarness } from '../../../web/test-support/browser-harness.js'

let harness: BrowserHarness

beforeAll(async () => {
  harness = await startBrowserHarness()
})

afterAll(async () => {
  await harness?.stop()
})

test('a centre manager opens 工作日历, sees 2026 with 春节 and its make-up Saturdays, and marks a day a holiday', async () => {
  const { page, context, problems } = await harness.openPage()
  await page.goto('/staff/login')
  await page.getByTestId('demo-accounts').getByRole('button', { name: /陈静/ }).click()
  await page.waitForURL('**/workbench')

  await page.getByRole('menuitem', { name: '工作日历' }).click()
  await page.waitForURL('**/workbench/calendar')
  await page.getByTestId('calendar-year').waitFor()
  // The page opens on the current year; step to 2026 if the machine's clock is elsewhere.
  for (let guard = 0; guard < 5 && !(await page.getByText('2026 年').isVisible()); guard++) {
    const label = (await page.locator('.calendar-year-label').textContent()) ?? ''
    await page.getByRole('button', { name: Number.parseInt(label, 10) > 2026 ? '上一年' : '下一年' }).click()
  }
  await expect
    .poll(() => page.locator('[data-day="2026-02-14"]').getAttribute('class'))
    .toContain('calendar-day-workday')
  expect(await page.locator('[data-day="2026-02-17"]').getAttribute('class')).toContain('calendar-day-holiday')
  await harness.screenshot(page, 'calendar-year-2026-desktop')

  await page.locator('[data-day="2026-11-06"]').click()
  await page.getByRole('dialog').getByLabel('节日名称').fill('地方调休')
  await harness.screenshot(page, 'calendar-override-dialog-desktop')
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()

  await expect
    .poll(() => page.locator('[data-day="2026-11-06"]').getAttribute('class'))
    .toContain('calendar-day-override')
  expect(await page.locator('[data-day="2026-11-06"]').getAttribute('class')).toContain('calendar-day-holiday')
  await harness.screenshot(page, 'calendar-after-override-desktop')
  await page.getByRole('button', { name: '下一年' }).click()
  await expect.poll(() => page.getByText('2027 年的节假日安排尚未发布').isVisible()).toBe(true)
  await harness.screenshot(page, 'calendar-year-2027-unpublished-desktop')
  expect(problems).toEqual([])
  await context.close()
})
