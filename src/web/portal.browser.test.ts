import { afterAll, beforeAll, expect, test } from 'vitest'
import { type BrowserHarness, PHONE, startBrowserHarness } from './test-support/browser-harness.js'

let harness: BrowserHarness

beforeAll(async () => {
  harness = await startBrowserHarness()
})

afterAll(async () => {
  await harness?.stop()
})

test('the portal home is titled after the county and lists the departments of the service centre', async () => {
  const { page, context, problems } = await harness.openPage()

  await page.goto('/')

  const departments = page.getByTestId('portal-departments')
  await expect.poll(() => departments.textContent()).toContain('常熟市行政审批局')
  expect(await departments.textContent()).toContain('常熟市市场监督管理局')
  expect(await page.locator('.portal-brand-title').textContent()).toBe('常熟市政务服务网')
  await harness.screenshot(page, 'portal-home-desktop')
  expect(problems).toEqual([])
  await context.close()
})

test('on a 375 px wide phone the portal home has no horizontal scroll', async () => {
  const { page, context, problems } = await harness.openPage({ viewport: PHONE })

  await page.goto('/')
  await page.getByTestId('portal-departments').waitFor()

  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }))
  expect(widths.scroll).toBeLessThanOrEqual(widths.client)
  await harness.screenshot(page, 'portal-home-phone')
  expect(problems).toEqual([])
  await context.close()
})

test('a page reloaded at a client-side address is served the app, while an unknown API path stays a JSON 404', async () => {
  const page = await fetch(`${harness.baseUrl}/register`, { headers: { accept: 'text/html' } })
  const api = await fetch(`${harness.baseUrl}/api/no-such-thing`, { headers: { accept: 'text/html' } })

  expect(page.status).toBe(200)
  expect(page.headers.get('cache-control')).toBe('no-cache')
  expect(await page.text()).toContain('<div id="root">')
  expect(api.status).toBe(404)
  expect((await api.json()).code).toBe('NOT_FOUND')
})
