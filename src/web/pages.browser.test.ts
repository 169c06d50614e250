import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type BrowserHarness, DESKTOP, PHONE, startBrowserHarness } from './test-support/browser-harness.js'

// A tour of every page at desktop and phone width: each renders its heading with no script or CSP error,
// fits the screen without sideways scrolling, and leaves a screenshot in .tmp/screenshots for review.

let harness: BrowserHarness

beforeAll(async () => {
  harness = await startBrowserHarness()
})

afterAll(async () => {
  await harness?.stop()
})

type Visit = { name: string; path: string; heading: string; loginAs?: string; act?: (page: Page) => Promise<void> }

const VISITS: Visit[] = [
  { name: 'portal-home', path: '/', heading: '欢迎访问常熟市政务服务网' },
  { name: 'login', path: '/login', heading: '用户登录' },
  { name: 'staff-login', path: '/staff/login', heading: '工作人员登录' },
  { name: 'register-person', path: '/register', heading: '用户注册' },
  {
    name: 'register-organization',
    path: '/register',
    heading: '用户注册',
    act: async (page) => {
      await page.getByRole('tab', { name: '法人注册' }).click()
      await page.getByLabel('统一社会信用代码').fill('91320581MA1T2K8Q50')
      await page.getByLabel('统一社会信用代码').blur()
      await page.getByText('统一社会信用代码校验位不正确').waitFor()
    },
  },
  {
    name: 'staff-login-totp-step',
    path: '/staff/login',
    heading: '工作人员登录',
    act: async (page) => {
      await page.getByLabel('登录名').fill('auditadmin')
      await page.getByLabel('密码').fill('Tongban@2026')
      await page.getByRole('button', { name: '登录', exact: true }).click()
      await page.getByLabel('动态验证码').waitFor()
    },
  },
  { name: 'not-found', path: '/no-such-page', heading: '页面不存在' },
  { name: 'me-person', path: '/me', heading: '我的账户', loginAs: 'sunxiaomei' },
  { name: 'me-organization', path: '/me', heading: '我的账户', loginAs: 'qinchuantextile' },
  { name: 'me-staff', path: '/me', heading: '我的账户', loginAs: 'zhangmin' },
  { name: 'account-password', path: '/account/password', heading: '修改密码', loginAs: 'sunxiaomei' },
  {
    name: 'account-totp',
    path: '/account/totp',
    heading: '绑定动态验证码',
    loginAs: 'xuhui',
    act: async (page) => {
      await page.getByTestId('totp-qr').waitFor()
    },
  },
  { name: 'workbench-home', path: '/workbench', heading: '欢迎，张敏', loginAs: 'zhangmin' },
  {
    name: 'workbench-user-menu',
    path: '/workbench',
    heading: '欢迎，张敏',
    loginAs: 'zhangmin',
    act: async (page) => {
      await page.getByTestId('workbench-user-menu').click()
      await page.getByRole('menuitem', { name: '修改密码' }).waitFor()
    },
  },
  { name: 'workbench-forbidden', path: '/workbench/audit', heading: '无权访问', loginAs: 'zhangmin' },
  { name: 'workbench-staff', path: '/workbench/staff', heading: '工作人员', loginAs: 'sysadmin' },
  {
    name: 'workbench-staff-create',
    path: '/workbench/staff',
    heading: '工作人员',
    loginAs: 'sysadmin',
    act: async (page) => {
      await page.getByRole('button', { name: '新建工作人员' }).click()
      await page.getByTestId('create-staff-form').waitFor()
      await page.getByRole('dialog').getByRole('button', { name: '创建账户' }).click()
      await page.getByText('请选择所属部门').waitFor()
    },
  },
  {
    name: 'workbench-staff-disable-confirm',
    path: '/workbench/staff',
    heading: '工作人员',
    loginAs: 'sysadmin',
    act: async (page) => {
      await page
        .getByTestId('staff-table')
        .getByRole('row', { name: /张敏/ })
        .getByRole('button', { name: '停用' })
        .click()
      await page.getByText('确定停用“张敏”的账户？').waitFor()
    },
  },
  { name: 'workbench-departments', path: '/workbench/departments', heading: '部门', loginAs: 'sysadmin' },
  {
    name: 'workbench-departments-create',
    path: '/workbench/departments',
    heading: '部门',
    loginAs: 'sysadmin',
    act: async (page) => {
      await page.getByRole('button', { name: '新建部门' }).click()
      await page.getByTestId('create-department-form').waitFor()
    },
  },
  { name: 'workbench-staff-security-admin', path: '/workbench/staff', heading: '工作人员', loginAs: 'secadmin' },
  {
    name: 'workbench-assign-roles',
    path: '/workbench/staff',
    heading: '工作人员',
    loginAs: 'secadmin',
    act: async (page) => {
      await page
        .getByTestId('staff-table')
        .getByRole('row', { name: /张敏/ })
        .getByRole('button', { name: '授予角色' })
        .click()
      await page.getByTestId('assign-roles').waitFor()
    },
  },
  {
    name: 'workbench-security-policy',
    path: '/workbench/security-policy',
    heading: '安全策略',
    loginAs: 'secadmin',
    act: async (page) => {
      await page.getByTestId('security-policy-form').waitFor()
    },
  },
  {
    name: 'workbench-audit',
    path: '/workbench/audit',
    heading: '审计日志',
    loginAs: 'auditadmin',
    act: async (page) => {
      await page.getByRole('button', { name: '校验审计链' }).click()
      await page.getByTestId('verification-result').waitFor()
    },
  },
]

async function tour(viewport: { width: number; height: number }, suffix: string): Promise<string[]> {
  const failures: string[] = []
  for (const visit of VISITS) {
    const { page, context, problems } = await harness.openPage({ viewport })
    // Administrators' codes are good once per 30 s: reuse their session rather than wait for the next code.
    if (visit.loginAs) await harness.logIn(context, visit.loginAs, { reuse: true })
    await page.goto(visit.path)
    try {
      await page.getByRole('heading', { level: 1, name: visit.heading }).waitFor({ timeout: 15_000 })
    } catch (error) {
      await harness.screenshot(page, `${visit.name}-${suffix}-failed`)
      throw new Error(`${visit.name}: no heading ${visit.heading} at ${page.url()} (${problems.join('; ')})`, {
        cause: error,
      })
    }
    await page.waitForLoadState('networkidle')
    await visit.act?.(page)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    await harness.screenshot(page, `${visit.name}-${suffix}`)
    if (overflow > 0) failures.push(`${visit.name}: ${overflow}px of horizontal scroll`)
    for (const problem of problems) failures.push(`${visit.name}: ${problem}`)
    await context.close()
  }
  return failures
}

test('every page renders at desktop width without script errors', async () => {
  expect(await tour(DESKTOP, 'desktop')).toEqual([])
}, 240_000)

test('every page fits a 375 px phone without sideways scrolling or script errors', async () => {
  expect(await tour(PHONE, 'phone')).toEqual([])
}, 240_000)
