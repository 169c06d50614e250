import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { DEMO_PEOPLE } from '../../../demo/demo-organization.js'
import {
  type BrowserHarness,
  DEMO_PASSWORD,
  PHONE,
  startBrowserHarness,
} from '../../../web/test-support/browser-harness.js'

// Personal data in the browser: a clerk reveals a person's numbers with a reason, two centre managers export
// under the two-person rule, a person downloads their data and closes their account, and /setup on a demo server.

let harness: BrowserHarness

beforeAll(async () => {
  harness = await startBrowserHarness()
})

afterAll(async () => {
  await harness?.stop()
})

function demoPerson(loginName: string) {
  const person = DEMO_PEOPLE.find((candidate) => candidate.loginName === loginName)
  if (!person) throw new Error(`no demo person ${loginName}`)
  return person
}

async function openAs(loginName: string, path: string, viewport?: { width: number; height: number }) {
  const opened = await harness.openPage(viewport ? { viewport } : {})
  await harness.logIn(opened.context, loginName)
  await opened.page.goto(path)
  return opened
}

function exportRow(page: Page, requesterName: string) {
  return page
    .getByTestId('exports-table')
    .getByRole('row', { name: new RegExp(requesterName) })
    .first()
}

test('a window clerk finds 孙晓梅 by ID number, sees it masked, and sees it in full only after giving a reason', async () => {
  const sun = demoPerson('sunxiaomei')
  const { page, context, problems } = await openAs('zhangmin', '/workbench')
  await page.getByRole('menuitem', { name: '群众查询' }).click()
  await page.waitForURL('**/workbench/people')

  await page.getByLabel('居民身份证号码').fill(sun.idNumber.toLowerCase())
  await page.getByRole('button', { name: '查询' }).click()
  const summary = page.getByTestId('person-summary')
  await expect.poll(() => summary.textContent()).toContain('孙晓梅')
  expect(await summary.textContent()).not.toContain(sun.idNumber)
  expect(await summary.textContent()).not.toContain(sun.phone)

  await page.getByRole('button', { name: '查看完整信息' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('查看理由').fill('核验')
  await dialog.getByRole('button', { name: '查看', exact: true }).click()
  await dialog.getByText('查看理由为 4–200 个字').waitFor()
  await dialog.getByLabel('查看理由').fill('核验申请人身份')
  await dialog.getByRole('button', { name: '查看', exact: true }).click()

  const revealed = page.getByTestId('revealed-details')
  await expect.poll(() => revealed.textContent()).toContain(sun.idNumber)
  expect(await revealed.textContent()).toContain(sun.phone)
  await page.getByText('已记录查看理由（审计留痕）').waitFor()
  await harness.screenshot(page, 'people-reveal-desktop')

  await page.getByRole('button', { name: '立即隐藏' }).click()
  await expect.poll(() => page.getByTestId('revealed-details').count()).toBe(0)
  expect(problems).toEqual([])
  await context.close()
})

test('陈静 asks to export personal data, cannot approve it herself, 黄伟 approves, and 陈静 downloads the CSV once', async () => {
  const chen = await openAs('chenjing', '/workbench/exports')
  await chen.page.getByRole('button', { name: '申请导出' }).click()
  const dialog = chen.page.getByRole('dialog')
  await dialog.getByLabel('导出理由').fill('按市大数据局函件要求核对注册用户数据')
  await dialog.getByRole('button', { name: '提交申请' }).click()
  const ownRow = exportRow(chen.page, '陈静')
  await expect.poll(() => ownRow.textContent()).toContain('待审批')
  expect(await ownRow.textContent()).toContain('本人申请')
  expect(await ownRow.getByRole('button', { name: '批准' }).count()).toBe(0)
  await harness.screenshot(chen.page, 'exports-pending-desktop')

  const huang = await openAs('huangwei', '/workbench/exports')
  const othersRow = exportRow(huang.page, '陈静')
  await othersRow.getByRole('button', { name: '批准' }).click()
  await huang.page.getByRole('tooltip').getByRole('button', { name: '批准' }).click()
  await expect.poll(() => othersRow.textContent()).toContain('已批准')
  expect(await othersRow.getByRole('button').count()).toBe(0)

  await chen.page.reload()
  await expect.poll(() => ownRow.textContent()).toContain('已批准')
  const [download] = await Promise.all([
    chen.page.waitForEvent('download'),
    ownRow.getByRole('button', { name: '下载' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/\.csv$/)
  const csv = await readFile((await download.path()) ?? '', 'utf8')
  expect(csv).toContain('姓名,居民身份证号码,手机号码')
  expect(csv).toContain(demoPerson('sunxiaomei').idNumber)
  await expect.poll(() => ownRow.textContent()).toContain('已下载')
  expect(await ownRow.getByRole('button', { name: '下载' }).count()).toBe(0)
  await harness.screenshot(chen.page, 'exports-downloaded-desktop')

  expect([...chen.problems, ...huang.problems]).toEqual([])
  await chen.context.close()
  await huang.context.close()
})

test('a person downloads their own data, closes the account with their password, and can no longer log in', async () => {
  const gao = demoPerson('gaoyating')
  const phone = await openAs('gaoyating', '/me', PHONE)
  await phone.page.getByRole('heading', { name: '注销账户' }).waitFor()
  await harness.screenshot(phone.page, 'me-personal-data-phone')
  await phone.context.close()

  const { page, context, problems } = await openAs('gaoyating', '/me')
  await page.getByText('登录名、手机号、密码').waitFor()
  await harness.screenshot(page, 'me-personal-data-desktop')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载我的个人信息' }).click(),
  ])
  expect(download.suggestedFilename()).toBe('my-tongban-data.json')
  const data = JSON.parse(await readFile((await download.path()) ?? '', 'utf8'))
  expect(data.account.idNumber).toBe(gao.idNumber)
  expect(data.account.phone).toBe(gao.phone)

  await page.getByRole('button', { name: '注销账户' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('登录密码').fill('Wrong@2026x')
  await dialog.getByRole('button', { name: '确认注销' }).click()
  await dialog.getByText('当前密码不正确').waitFor()
  await harness.screenshot(page, 'me-closure-wrong-password-desktop')
  await dialog.getByLabel('登录密码').fill(DEMO_PASSWORD)
  await dialog.getByRole('button', { name: '确认注销' }).click()

  await page.getByTestId('closure-notice').waitFor()
  expect(await page.getByTestId('closure-notice').textContent()).toContain('无法再登录')
  await expect.poll(() => new URL(page.url()).pathname).toBe('/')
  // Let the notice finish zooming in before the picture.
  await page.waitForTimeout(500)
  await harness.screenshot(page, 'me-closure-notice-desktop')
  await page.getByRole('button', { name: '返回首页' }).click()
  await page.getByRole('link', { name: '登录' }).first().waitFor()

  expect((await context.request.get('/api/auth/me')).status()).toBe(401)
  const relogin = await context.request.post('/api/auth/login', {
    data: { loginName: 'gaoyating', password: DEMO_PASSWORD },
  })
  expect(relogin.status()).toBe(401)
  expect(problems).toEqual([])
  await context.close()
})

test('the security administrator sees the active key version and rotates the key', async () => {
  const { page, context, problems } = await openAs('secadmin', '/workbench')
  await page.getByRole('menuitem', { name: '密钥管理' }).click()
  await page.waitForURL('**/workbench/keys')
  const version = page.getByTestId('key-version')
  await expect.poll(() => version.textContent()).toMatch(/第 \d+ 版/)
  const before = Number((await version.textContent())?.match(/第 (\d+) 版/)?.[1])

  await page.getByRole('button', { name: '轮换密钥' }).click()
  const confirmation = page.getByRole('dialog')
  await confirmation.getByText(`将生成第 ${before + 1} 版密钥`).waitFor()
  const [rotation] = await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/api/security/keys/rotation')),
    confirmation.getByRole('button', { name: '轮换', exact: true }).click(),
  ])
  expect(rotation.status()).toBe(200)

  await expect.poll(() => version.textContent()).toContain(`第 ${before + 1} 版`)
  await harness.screenshot(page, 'keys-rotated-desktop')
  expect(problems).toEqual([])
  await context.close()
})

test('/setup on a server that already has a system administrator says so and points to the staff login', async () => {
  for (const [name, viewport] of [
    ['setup-done-desktop', undefined],
    ['setup-done-phone', PHONE],
  ] as const) {
    const { page, context, problems } = await harness.openPage(viewport ? { viewport } : {})
    await page.goto('/setup')
    await page.getByRole('heading', { name: '系统已完成初始化' }).waitFor()
    expect(await page.getByLabel('一次性初始化令牌').count()).toBe(0)
    await harness.screenshot(page, name)
    await page.getByRole('link', { name: '前往工作人员登录' }).click()
    await page.waitForURL('**/staff/login')
    expect(problems).toEqual([])
    await context.close()
  }
})

test('the setup form picks the division from the cascader, shows a wrong token by its field, and says so when setup is done', async () => {
  const { page, context, problems } = await harness.openPage()
  // The demo server already has its administrators: pretend the status check came before they were created (once:
  // when the server refuses, the page asks again and hears the truth).
  await page.route('**/api/setup', (route) => route.fulfill({ json: { needed: true } }), { times: 1 })
  await page.goto('/setup')
  await page.getByRole('heading', { name: '系统初始化' }).waitFor()

  await page.getByLabel('行政区划', { exact: true }).click()
  for (const name of ['江苏省', '苏州市', '常熟市']) {
    await page.locator('.ant-cascader-menu-item', { hasText: name }).first().click()
  }
  await expect.poll(() => page.getByLabel('行政区划代码').inputValue()).toBe('320581')
  await page.keyboard.press('Escape')
  await page.getByLabel('一次性初始化令牌').fill('not-the-printed-token')
  await page.getByLabel('中心名称').fill('常熟市政务服务管理办公室')
  await page.getByLabel('登录名').fill('admin.cs')
  await page.getByLabel('姓名').fill('钱志明')
  await page.getByLabel('密码', { exact: true }).fill('Setup@2026ok')
  await page.getByLabel('确认密码').fill('Setup@2026ok')
  await harness.screenshot(page, 'setup-form-desktop')

  await page.route('**/api/setup/administrator', (route) =>
    route.fulfill({
      status: 403,
      json: { code: 'IDENTITY_SETUP_TOKEN_INVALID', message: '初始化令牌不正确、已使用或已过期；请重启服务获取新令牌' },
    }),
  )
  await page.getByRole('button', { name: '创建系统管理员' }).click()
  await page.getByRole('alert').getByText('初始化令牌不正确、已使用或已过期').waitFor()
  await harness.screenshot(page, 'setup-token-invalid-desktop')

  // The real server answers IDENTITY_SETUP_DONE: an administrator exists.
  await page.unroute('**/api/setup/administrator')
  await page.getByRole('button', { name: '创建系统管理员' }).click()
  await page.getByRole('heading', { name: '系统已完成初始化' }).waitFor()
  expect(problems).toEqual([])
  await context.close()

  const phone = await harness.openPage({ viewport: PHONE })
  await phone.page.route('**/api/setup', (route) => route.fulfill({ json: { needed: true } }))
  await phone.page.goto('/setup')
  await phone.page.getByLabel('一次性初始化令牌').waitFor()
  await harness.screenshot(phone.page, 'setup-form-phone')
  await phone.context.close()
})
