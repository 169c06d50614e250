import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type BrowserHarness, startBrowserHarness } from '../../../web/test-support/browser-harness.js'

describe('task inbox in Chromium', () => {
  let harness: BrowserHarness
  beforeAll(async () => {
    harness = await startBrowserHarness()
  })
  afterAll(async () => {
    await harness?.stop()
  })

  test('李强 of 市场监督管理局 claims a demo project review and completes it with an opinion', async () => {
    const { page, context, problems } = await harness.openPage()
    await harness.logIn(context, 'liqiang')
    await page.goto(`${harness.baseUrl}/workbench/tasks`)
    await page.getByRole('tab', { name: '部门待认领' }).click()
    const rows = page.locator('[data-testid="task-inbox"] tbody tr', { hasText: '主体资格审查' })
    await expect.poll(() => rows.count()).toBe(3)
    await harness.screenshot(page, 'workflow-inbox-unclaimed')

    await rows.first().getByRole('button', { name: '认领' }).click()
    await expect.poll(() => rows.count()).toBe(2)
    await page.getByRole('tab', { name: '我的待办' }).click()
    const mine = page.locator('[data-testid="task-inbox"] tbody tr', { hasText: '主体资格审查' })
    await expect.poll(() => mine.count()).toBe(1)
    await mine.first().getByRole('button', { name: '办理' }).click()
    await page.getByLabel('审批意见').fill('申请人主体资格合法有效，同意')
    await harness.screenshot(page, 'workflow-inbox-complete')
    await page.getByRole('button', { name: '提交' }).click()
    await expect
      .poll(() => page.locator('[data-testid="task-inbox"] tbody tr', { hasText: '主体资格审查' }).count())
      .toBe(0)
    expect(problems).toEqual([])
  })

  test('李强 returns a review to the applicant for a supplement, and takes it up again once it comes', async () => {
    const { page, context, problems } = await harness.openPage()
    await harness.logIn(context, 'liqiang')
    await page.goto(`${harness.baseUrl}/workbench/tasks`)
    await page.getByRole('tab', { name: '部门待认领' }).click()
    const offered = page.locator('[data-testid="task-inbox"] tbody tr', { hasText: '主体资格审查' })
    await offered.first().getByRole('button', { name: '认领' }).click()
    await page.getByRole('tab', { name: '我的待办' }).click()
    const mine = page.locator('[data-testid="task-inbox"] tbody tr', { hasText: '主体资格审查' })
    await expect.poll(() => mine.count()).toBe(1)

    await mine.first().getByTestId('task-more').click()
    await page.getByRole('menuitem', { name: '退回' }).click()
    await page.getByLabel('退回到').click()
    await page.locator('.ant-select-item-option', { hasText: '申请人（退回补正）' }).click()
    await page.getByLabel('原因').fill('营业执照副本已过期，请补正有效的营业执照')
    await harness.screenshot(page, 'workflow-inbox-return-to-applicant')
    await page.getByRole('button', { name: '确定' }).click()
    await expect.poll(() => mine.count()).toBe(0)

    await page.getByRole('tab', { name: '我已办理' }).click()
    const waiting = page.locator('[data-testid="task-inbox"] tbody tr', { hasText: '待申请人补正' })
    await expect.poll(() => waiting.count()).toBe(1)
    await harness.screenshot(page, 'workflow-inbox-awaiting-applicant')

    // The centre manager's monitoring page says which step waits for the applicant, since when and why.
    const done = (await (await context.request.get('/api/workflow/tasks?view=done')).json()) as {
      instanceId: string
      awaitingApplicant: boolean
    }[]
    const instanceId = done.find((task) => task.awaitingApplicant)?.instanceId
    const manager = await harness.openPage()
    await harness.logIn(manager.context, 'chenjing')
    await manager.page.goto(`${harness.baseUrl}/workbench/processes/instances/${instanceId}`)
    const alert = manager.page.getByRole('alert').filter({ hasText: '待申请人补正' })
    await expect.poll(() => alert.textContent()).toContain('营业执照副本已过期')
    await harness.screenshot(manager.page, 'workflow-monitor-awaiting-applicant')
    await manager.context.close()
    await waiting.getByRole('button', { name: '申请人已补正' }).click()
    await page.getByLabel('附言').fill('申请人已在综合窗口提交新的营业执照副本')
    await page.getByRole('button', { name: '确定' }).click()
    await expect.poll(() => waiting.count()).toBe(0)

    await page.getByRole('tab', { name: '我的待办' }).click()
    await expect.poll(() => mine.count()).toBe(1)
    expect(problems).toEqual([])
  })
})
