import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type BrowserHarness, PHONE, startBrowserHarness } from '../../../web/test-support/browser-harness.js'

// A production install in the browser: the token printed at first start creates the system administrator, then the
// first security administrator and the first audit administrator each create their own account on the same page.

let harness: BrowserHarness
let token: string
beforeAll(async () => {
  harness = await startBrowserHarness({ production: true })
  token = /一次性初始化令牌创建系统管理员：\s+(\S+)/.exec(harness.serverOutput())?.[1] as string
})
afterAll(() => harness?.stop())

async function roleProgress(page: Page): Promise<string[]> {
  const items = page.locator('.setup-progress-item')
  await items.first().waitFor()
  return (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())
}

async function fillOwnAccount(page: Page, account: { loginName: string; name: string; password: string }) {
  await page.getByLabel('一次性初始化令牌').fill(token)
  await page.getByLabel('登录名').fill(account.loginName)
  await page.getByLabel('姓名').fill(account.name)
  await page.getByLabel('密码', { exact: true }).fill(account.password)
  await page.getByLabel('确认密码').fill(account.password)
}

const hasNoSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)

test('the system, security and audit administrators each create their account with the printed token; then setup is complete', async () => {
  expect(token).toMatch(/^[\w-]{20,}$/)

  // The person deploying the system creates the system administrator.
  const deployer = await harness.openPage()
  await deployer.page.goto('/setup')
  await deployer.page.getByRole('heading', { name: '系统初始化' }).waitFor()
  expect(await roleProgress(deployer.page)).toEqual([
    '系统管理员 尚无人担任',
    '安全管理员 尚无人担任',
    '审计管理员 尚无人担任',
  ])
  await deployer.page.getByLabel('行政区划代码').fill('320581')
  await deployer.page.getByLabel('中心名称').fill('常熟市政务服务管理办公室')
  await fillOwnAccount(deployer.page, { loginName: 'zhoutao', name: '周涛', password: 'Qinchuan#2026x' })
  await harness.screenshot(deployer.page, 'setup-production-system-admin-desktop')
  await deployer.page.getByRole('button', { name: '创建系统管理员' }).click()
  await deployer.page.getByRole('heading', { name: '系统管理员账户已创建' }).waitFor()
  const afterSystem = await deployer.page.locator('.setup-result').textContent()
  expect(afterSystem).toContain('“zhoutao”')
  expect(afterSystem).toContain('动态验证码')
  expect(afterSystem).toContain('尚无人担任：安全管理员、审计管理员')
  await harness.screenshot(deployer.page, 'setup-production-system-admin-created-desktop')
  expect(deployer.problems).toEqual([])
  await deployer.context.close()

  // The security administrator, on a phone, picks their role and creates their own account.
  const security = await harness.openPage({ viewport: PHONE })
  await security.page.goto('/setup')
  await security.page.getByRole('button', { name: '创建我的账户' }).waitFor()
  expect(await roleProgress(security.page)).toEqual([
    '系统管理员 已有人担任',
    '安全管理员 尚无人担任',
    '审计管理员 尚无人担任',
  ])
  await security.page.getByRole('radio', { name: '安全管理员' }).check()
  await fillOwnAccount(security.page, { loginName: 'wulei', name: '吴磊', password: 'Yushan#2026abc' })
  expect(await hasNoSidewaysScroll(security.page)).toBe(true)
  await harness.screenshot(security.page, 'setup-production-role-holder-phone')
  await security.page.getByRole('button', { name: '创建我的账户' }).click()
  await security.page.getByRole('heading', { name: '安全管理员账户已创建' }).waitFor()
  expect(await security.page.locator('.setup-result').textContent()).toContain('尚无人担任：审计管理员')
  expect(await hasNoSidewaysScroll(security.page)).toBe(true)
  await harness.screenshot(security.page, 'setup-production-security-admin-created-phone')
  expect(security.problems).toEqual([])
  await security.context.close()

  // The audit administrator: only their role is left to choose.
  const auditor = await harness.openPage()
  await auditor.page.goto('/setup')
  await auditor.page.getByRole('button', { name: '创建我的账户' }).waitFor()
  expect(await auditor.page.getByRole('radio').count()).toBe(1)
  expect(await auditor.page.getByRole('radio', { name: '审计管理员' }).isChecked()).toBe(true)
  await harness.screenshot(auditor.page, 'setup-production-role-holder-desktop')
  await fillOwnAccount(auditor.page, { loginName: 'zhengli', name: '郑丽', password: 'Yushan#2026abc' })
  await auditor.page.getByRole('button', { name: '创建我的账户' }).click()
  await auditor.page.getByRole('heading', { name: '审计管理员账户已创建' }).waitFor()
  const afterAudit = await auditor.page.locator('.setup-result').textContent()
  expect(afterAudit).toContain('系统初始化已完成，初始化令牌已失效')
  expect(await auditor.page.getByRole('button', { name: '继续创建其他管理员' }).count()).toBe(0)
  await harness.screenshot(auditor.page, 'setup-production-complete-desktop')

  await auditor.page.reload()
  await auditor.page.getByRole('heading', { name: '系统已完成初始化' }).waitFor()
  expect(await auditor.page.getByLabel('一次性初始化令牌').count()).toBe(0)
  expect(auditor.problems).toEqual([])
  await auditor.context.close()

  // The token is spent.
  const again = await fetch(`${harness.baseUrl}/api/setup/role-holder`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token,
      role: 'audit_admin',
      loginName: 'zhengli2',
      displayName: '郑丽',
      password: 'Yushan#2026abc',
    }),
  })
  expect(again.status).toBe(403)
}, 240_000)
