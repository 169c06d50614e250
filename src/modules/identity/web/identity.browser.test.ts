import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type BrowserHarness, startBrowserHarness } from '../../../web/test-support/browser-harness.js'

let harness: BrowserHarness

beforeAll(async () => {
  harness = await startBrowserHarness()
})

afterAll(async () => {
  await harness?.stop()
})

async function menuLabels(page: Page): Promise<string[]> {
  const menu = page.locator('nav .workbench-menu').first()
  await menu.waitFor()
  return (await menu.getByRole('menuitem').allInnerTexts()).map((text) => text.trim())
}

async function clickDemoAccount(page: Page, displayName: string): Promise<void> {
  await page
    .getByTestId('demo-accounts')
    .getByRole('button', { name: new RegExp(displayName) })
    .click()
}

test('a window clerk picks the demo account and sees the workbench with their name, role, department and only their menus', async () => {
  const { page, context, problems } = await harness.openPage()

  await page.goto('/staff/login')
  await clickDemoAccount(page, '张敏')

  await page.waitForURL('**/workbench')
  await expect.poll(() => page.getByTestId('workbench-user').textContent()).toContain('张敏')
  const header = await page.getByTestId('workbench-user').textContent()
  expect(header).toContain('窗口工作人员')
  expect(header).toContain('综合受理科')
  expect(await page.getByTestId('workbench-welcome').textContent()).toContain('这是您首次登录本系统')
  expect(await menuLabels(page)).toEqual(['首页', '待办事项', '一窗受理', '本部门办件', '网上预审', '群众查询'])
  await harness.screenshot(page, 'workbench-window-clerk-desktop')
  expect(problems).toEqual([])
  await context.close()
})

test('a system administrator sees 工作人员 and 部门 but not the audit log, and can open the staff list', async () => {
  const { page, context, problems } = await harness.openPage()

  await page.goto('/staff/login')
  await clickDemoAccount(page, '周涛')
  await page.waitForURL('**/workbench')

  expect(await menuLabels(page)).toEqual(['首页', '工作人员', '部门'])
  await page.getByRole('menuitem', { name: '工作人员' }).click()
  await page.waitForURL('**/workbench/staff')
  await expect.poll(() => page.getByTestId('staff-table').textContent()).toContain('张敏')
  await harness.screenshot(page, 'workbench-staff-desktop')
  await page.getByRole('menuitem', { name: '部门' }).click()
  await expect.poll(() => page.getByTestId('department-tree').textContent()).toContain('常熟市行政审批局')
  await harness.screenshot(page, 'workbench-departments-desktop')
  expect(problems).toEqual([])
  await context.close()
})

test('a member of the public logs in at /login and sees their account with the ID number masked', async () => {
  const { page, context, problems } = await harness.openPage()

  await page.goto('/login')
  await page.getByLabel('登录名或居民身份证号码').fill('sunxiaomei')
  await page.getByLabel('密码').fill('Tongban@2026')
  await page
    .getByRole('button', { name: '登 录' })
    .or(page.getByRole('button', { name: '登录', exact: true }))
    .click()

  await page.waitForURL('**/me')
  const details = page.getByTestId('account-details')
  await expect.poll(() => details.textContent()).toContain('孙晓梅')
  const text = await details.textContent()
  expect(text).toContain('自然人')
  expect(text).toMatch(/\d{3}\*{4,}\d{3}[\dX]/)
  expect(text).not.toContain('320581198503120')
  await harness.screenshot(page, 'me-person-desktop')
  expect(problems).toEqual([])
  await context.close()
})

test('registration with a wrong ID check digit shows the Chinese error and sends nothing', async () => {
  const { page, context, problems } = await harness.openPage()
  const registrations: string[] = []
  page.on('request', (request) => {
    if (request.url().includes('/api/auth/register')) registrations.push(request.url())
  })

  await page.goto('/register')
  await page.getByLabel('登录名').fill('wanglei01')
  await page.getByLabel('姓名').fill('王磊')
  // 32058119900101001 has check digit 8; 7 is wrong.
  await page.getByLabel('居民身份证号码').fill('320581199001010017')
  await page.getByLabel('手机号码').fill('13912345678')
  await page.getByLabel('密码', { exact: true }).fill('Changshu2026')
  await page.getByLabel('确认密码').fill('Changshu2026')
  await page
    .getByRole('button', { name: /注\s*册/ })
    .last()
    .click()

  await expect.poll(() => page.getByText('居民身份证号码校验位不正确，请核对后重新输入').count()).toBe(1)
  expect(registrations).toEqual([])
  expect(page.url()).toMatch(/\/register$/)
  await harness.screenshot(page, 'register-wrong-check-digit-desktop')
  expect(problems).toEqual([])
  await context.close()
})

test('switching the workbench to English changes the menu labels, and the choice survives a reload', async () => {
  const { page, context, problems } = await harness.openPage()
  await page.goto('/staff/login')
  await clickDemoAccount(page, '郑丽')
  await page.waitForURL('**/workbench')
  expect(await menuLabels(page)).toEqual(['首页', '安全告警', '审计日志'])

  await page.getByRole('button', { name: 'English' }).click()

  await expect.poll(() => menuLabels(page)).toEqual(['Home', 'Security alerts', 'Audit log'])
  await page.reload()
  await expect.poll(() => menuLabels(page)).toEqual(['Home', 'Security alerts', 'Audit log'])
  expect(await page.locator('html').getAttribute('lang')).toBe('en')
  await harness.screenshot(page, 'workbench-audit-admin-english-desktop')
  expect(problems).toEqual([])
  await context.close()
})
