import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  type BrowserHarness,
  DEMO_PASSWORD,
  DESKTOP,
  PHONE,
  startBrowserHarness,
} from '../../../web/test-support/browser-harness.js'
import { claimTotpWindow, freshTotpCode } from '../../../web/test-support/totp-codes.js'

// 三员分离 in the browser: each administrator logs in with a password and a one-time code (TOTP, computed here
// from the demo secret as an authenticator app would) and sees only their own functions.

let harness: BrowserHarness
// The administrators' sessions from the login tests, reused later: a code is good once per 30-second window.
const sessions = new Map<string, { page: Page; context: BrowserContext }>()

beforeAll(async () => {
  harness = await startBrowserHarness()
})

afterAll(async () => {
  for (const { context } of sessions.values()) await context.close()
  await harness?.stop()
})

async function menuLabels(page: Page): Promise<string[]> {
  const menu = page.locator('nav .workbench-menu').first()
  await menu.waitFor()
  return (await menu.getByRole('menuitem').allInnerTexts()).map((text) => text.trim())
}

async function submitLogin(page: Page): Promise<void> {
  await page.getByRole('button', { name: '登录', exact: true }).click()
}

/** Types login name and password, is asked for the code, types it, and lands on the workbench. */
async function logInWithTotp(page: Page, loginName: string): Promise<void> {
  const secret = await harness.demoTotpSecret(loginName)
  if (!secret) throw new Error(`${loginName} has no demo TOTP secret`)
  await page.goto('/staff/login')
  await page.getByLabel('登录名').fill(loginName)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await submitLogin(page)

  const codeField = page.getByLabel('动态验证码')
  await codeField.waitFor()
  expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code')
  expect(await codeField.getAttribute('inputmode')).toBe('numeric')
  await expect.poll(() => codeField.evaluate((element) => element === document.activeElement)).toBe(true)
  await codeField.fill(await freshTotpCode(secret))
  await submitLogin(page)
  await page.waitForURL('**/workbench')
}

/** The administrator's page from the login test, or a new login when this test runs alone. */
async function adminPage(loginName: string): Promise<Page> {
  const kept = sessions.get(loginName)
  if (kept) return kept.page
  const opened = await harness.openPage()
  await logInWithTotp(opened.page, loginName)
  sessions.set(loginName, opened)
  return opened.page
}

const ADMINISTRATORS = [
  { loginName: 'sysadmin', name: '周涛', menus: ['首页', '工作人员', '部门'] },
  { loginName: 'secadmin', name: '吴磊', menus: ['首页', '工作人员', '部门', '安全策略', '密钥管理', '安全告警'] },
  { loginName: 'auditadmin', name: '郑丽', menus: ['首页', '安全告警', '审计日志'] },
]

for (const admin of ADMINISTRATORS) {
  test(`${admin.name} (${admin.loginName}) is asked for a one-time code after the password and then sees only ${admin.menus.join('/')}`, async () => {
    const opened = await harness.openPage()

    await logInWithTotp(opened.page, admin.loginName)

    await expect.poll(() => opened.page.getByTestId('workbench-user').textContent()).toContain(admin.name)
    expect(await menuLabels(opened.page)).toEqual(admin.menus)
    await harness.screenshot(opened.page, `admin-${admin.loginName}-workbench-desktop`)
    expect(opened.problems).toEqual([])
    sessions.set(admin.loginName, opened)
  })
}

test('a wrong one-time code is refused with a Chinese message and the code field is emptied for the next try', async () => {
  const { page, context, problems } = await harness.openPage({ viewport: PHONE })
  await page.goto('/staff/login')
  await page.getByLabel('登录名').fill('auditadmin')
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await submitLogin(page)
  await page.getByLabel('动态验证码').waitFor()

  // Six digits that are not the current code (the chance of a hit is one in a million per window).
  const secret = (await harness.demoTotpSecret('auditadmin')) ?? ''
  const { generateSync } = await import('otplib')
  const wrong = generateSync({ secret }) === '000000' ? '111111' : '000000'
  await page.getByLabel('动态验证码').fill(wrong)
  await submitLogin(page)

  await page.getByText('动态验证码不正确或已使用，请等待下一个验证码').waitFor()
  expect(await page.getByLabel('动态验证码').inputValue()).toBe('')
  expect(page.url()).toMatch(/\/staff\/login$/)
  await harness.screenshot(page, 'staff-login-totp-wrong-phone')
  expect(problems).toEqual([])
  await context.close()
})

test('the security administrator changes the lockout duration and, after a reload, sees the saved value', async () => {
  const page = await adminPage('secadmin')
  await page.getByRole('menuitem', { name: '安全策略' }).click()
  await page.waitForURL('**/workbench/security-policy')
  const lockout = page.getByLabel('锁定时长')
  await expect.poll(() => lockout.inputValue()).not.toBe('')

  await lockout.fill('45')
  await page.getByRole('button', { name: '保存策略' }).click()

  await page.getByText('安全策略已保存').waitFor()
  await page.reload()
  await expect.poll(() => page.getByLabel('锁定时长').inputValue()).toBe('45')
  await harness.screenshot(page, 'security-policy-saved-desktop')
})

test('the security administrator cannot give an administrator a second role and sees the three-role separation rule', async () => {
  const page = await adminPage('secadmin')
  await page.goto('/workbench/staff')
  const row = page.getByTestId('staff-table').getByRole('row', { name: /郑丽/ })

  await row.getByRole('button', { name: '授予角色' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('checkbox', { name: '窗口工作人员' }).check()
  await dialog.getByRole('button', { name: '保存' }).click()

  await dialog.getByText('审计管理员须单独设立账户，不能兼任其他角色（三员分离）').waitFor()
  await harness.screenshot(page, 'assign-roles-separation-desktop')
  await dialog.getByRole('button', { name: '取消' }).click()
  await expect.poll(() => row.textContent()).not.toContain('窗口工作人员')
})

/** Fills the new-account form (no roles, no password: the system makes a one-time one) and reads that password. */
async function createStaff(page: Page, member: { loginName: string; name: string; department: string }) {
  await page.getByRole('button', { name: '新建工作人员' }).click()
  const form = page.getByTestId('create-staff-form')
  await form.waitFor()
  await form.getByLabel('登录名').fill(member.loginName)
  await form.getByLabel('姓名').fill(member.name)
  // Under load a click can land while the tree still opens, and the dropdown can stay open: try again until the
  // department shows in the field.
  const tree = page.locator('.ant-select-tree')
  const chosen = form.getByTitle(member.department, { exact: true })
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await form.getByRole('combobox', { name: '部门' }).click()
    await tree.getByTitle(member.department, { exact: true }).click()
    await tree.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => form.getByLabel('登录名').click())
    await tree.waitFor({ state: 'hidden' })
    if (await chosen.isVisible()) break
  }
  await chosen.waitFor()
  expect(await form.getByRole('checkbox').count()).toBe(0)
  expect(await form.getByLabel('初始密码').count()).toBe(0)
}

/** Reads the value of the “shown only this once” dialog, then closes it. */
async function readOneTimeSecret(page: Page, title: string): Promise<string> {
  const dialog = page.getByRole('dialog').filter({ hasText: title })
  await dialog.getByText('只显示这一次').waitFor()
  const value = ((await dialog.getByTestId('one-time-secret-value').textContent()) ?? '').trim()
  await dialog.getByRole('button', { name: '我已记下，关闭' }).click()
  await dialog.waitFor({ state: 'hidden' })
  return value
}

test('the system administrator creates an account without roles and is shown its one-time password once', async () => {
  const page = await adminPage('sysadmin')
  await page.goto('/workbench/staff')
  await page.getByTestId('staff-table').getByText('张敏').waitFor()

  await createStaff(page, { loginName: 'gujing', name: '顾静', department: '综合受理科' })
  await harness.screenshot(page, 'create-staff-drawer-filled-desktop')
  await page.getByRole('button', { name: '创建账户' }).click()

  const dialog = page.getByRole('dialog').filter({ hasText: '已为“顾静”创建账户' })
  await dialog.getByText('只显示这一次').waitFor()
  await harness.screenshot(page, 'create-staff-one-time-password-desktop')
  const oneTimePassword = await readOneTimeSecret(page, '已为“顾静”创建账户')
  expect(oneTimePassword).toMatch(/^\S{12}$/)
  const row = page.getByTestId('staff-table').getByRole('row', { name: /顾静/ })
  await expect.poll(() => row.textContent()).toContain('综合受理科')
})

test('a new security administrator needs the creator’s password, the grantor’s code, a new authenticator and a new password', async () => {
  const sysadmin = await adminPage('sysadmin')
  await sysadmin.goto('/workbench/staff')
  await createStaff(sysadmin, { loginName: 'secadmin2', name: '钱安', department: '常熟市政务服务管理办公室' })
  await sysadmin.getByRole('button', { name: '创建账户' }).click()
  const oneTimePassword = await readOneTimeSecret(sysadmin, '已为“钱安”创建账户')

  const secadmin = await adminPage('secadmin')
  await secadmin.goto('/workbench/staff')
  const row = secadmin.getByTestId('staff-table').getByRole('row', { name: /钱安/ })
  await row.getByRole('button', { name: '授予角色' }).click()
  const roles = secadmin.getByRole('dialog')
  await roles.getByRole('checkbox', { name: '安全管理员' }).check()
  await roles.getByRole('button', { name: '保存' }).click()
  await secadmin
    .getByRole('dialog')
    .filter({ hasText: '已为“钱安”授予管理员角色' })
    .getByText('授权码')
    .first()
    .waitFor()
  await harness.screenshot(secadmin, 'grant-code-shown-once-desktop')
  const grantCode = await readOneTimeSecret(secadmin, '已为“钱安”授予管理员角色')
  expect(grantCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)

  const { page, context, problems } = await harness.openPage({ viewport: PHONE })
  await page.goto('/staff/login')
  await page.getByLabel('登录名').fill('secadmin2')
  await page.getByLabel('密码').fill(oneTimePassword)
  await submitLogin(page)
  await page.getByText('请输入授权码').waitFor()
  await harness.screenshot(page, 'staff-login-grant-code-phone')
  await page.getByLabel('授权码').fill(grantCode.toLowerCase())
  await submitLogin(page)
  await page.waitForURL('**/account/totp')
  // While the session is restricted, the workbench sends the user back to the enrolment.
  await page.goto('/workbench/staff')
  await page.waitForURL('**/account/totp')
  await page.getByTestId('totp-qr').waitFor()
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '')
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/)
  await page.getByLabel('动态验证码').fill(await freshTotpCode(secret))
  await page.getByRole('button', { name: '完成绑定' }).click()

  // The one-time password is replaced next, before the workbench opens.
  await page.waitForURL('**/account/password')
  await page.getByText('您正在使用一次性密码').waitFor()
  await harness.screenshot(page, 'forced-password-change-phone')
  await page.getByLabel('当前密码').fill(oneTimePassword)
  await page.getByLabel('新密码').fill('Anquan#Yushan27')
  await page.getByLabel('确认密码').fill('Anquan#Yushan27')
  await page.getByRole('button', { name: '确认修改' }).click()
  await page.waitForURL('**/workbench')
  // The menu is a drawer on a phone; on a desk it is the side bar this reads.
  await page.setViewportSize(DESKTOP)
  expect(await menuLabels(page)).toEqual(['首页', '工作人员', '部门', '安全策略', '密钥管理', '安全告警'])
  expect(problems).toEqual([])
  await context.close()
}, 90_000)

test('the security administrator keeps an address allow-list and cannot shut themselves out', async () => {
  const page = await adminPage('secadmin')
  await page.goto('/workbench/security-policy')
  const form = page.getByTestId('admin-networks-form')
  await form.getByText('当前不限制管理员登录地址').waitFor()

  await form.getByRole('button', { name: '添加地址段' }).click()
  await form.getByLabel('地址段').fill('10.20.0.0/16')
  await form.getByLabel('说明').fill('运维区')
  await form.getByRole('button', { name: '保存白名单' }).click()
  await form.getByText('您会被挡在系统之外').waitFor()
  await harness.screenshot(page, 'admin-networks-refused-desktop')

  await form.getByRole('button', { name: '删除' }).click()
  await form.getByRole('button', { name: '保存白名单' }).click()
  await page.getByText('管理员登录地址白名单已保存').waitFor()
})

test('a member of the public changes their password from 我的账户, and a wrong current password is named as such', async () => {
  const { page, context, problems } = await harness.openPage()
  await harness.logIn(context, 'gaoyating')
  await page.goto('/me')
  await page.getByRole('link', { name: '修改密码' }).click()
  await page.waitForURL('**/account/password')

  await page.getByLabel('当前密码').fill('Wrong@2026')
  await page.getByLabel('新密码').fill('Yushan@2027')
  await page.getByLabel('确认密码').fill('Yushan@2027')
  await page.getByRole('button', { name: '确认修改' }).click()
  await page.getByText('当前密码不正确').waitFor()

  await page.getByLabel('当前密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '确认修改' }).click()
  await page.waitForURL('**/me')
  await page.getByText('密码已修改').first().waitFor()
  expect(problems).toEqual([])
  await context.close()
})

test('a second one-click demo login within the same 30 seconds waits for the next code, counting down, then logs in by itself', async () => {
  const first = await harness.openPage()
  const second = await harness.openPage({ viewport: PHONE })
  const clickDemo = async (page: Page) => {
    await page.goto('/staff/login')
    await page.getByTestId('demo-accounts').getByRole('button', { name: /郑丽/ }).click()
  }

  // Both clicks must fall in one window that no earlier test used: start with plenty of the window left.
  await claimTotpWindow((await harness.demoTotpSecret('auditadmin')) ?? '', 15)

  await clickDemo(first.page)
  await first.page.waitForURL('**/workbench')
  await clickDemo(second.page)

  // The first login spent this window's code: the second is told to wait, then retries in the next window.
  const notice = second.page.getByTestId('demo-totp-wait')
  await notice.waitFor()
  expect(await notice.textContent()).toMatch(/\d+ 秒后自动重试/)
  await harness.screenshot(second.page, 'staff-login-demo-totp-wait-phone')
  await second.page.waitForURL('**/workbench', { timeout: 40_000 })
  await expect.poll(() => second.page.getByTestId('workbench-user').textContent()).toContain('郑丽')
  expect([...first.problems, ...second.problems]).toEqual([])
  await first.context.close()
  await second.context.close()
}, 90_000)
