import { afterAll, beforeAll, expect, test } from 'vitest'
import { type BrowserHarness, PHONE, startBrowserHarness } from './test-support/browser-harness.js'
import { FAST_3G, measurePageLoad } from './test-support/page-load.js'

// The delivery goals of ADR 0019, on a phone over Fast 3G (1.6 Mbps down, 750 kbps up, 150 ms RTT; no CPU slowdown).
const PORTAL_JS_BUDGET_BYTES = 250 * 1024
const FCP_GOAL_MS = 3000
// First paint depends on this machine's load (two cores shared with other test runs): the test fails only at twice
// the goal, where something real has regressed; `npm run bench` reports the median and p95 against the goal.
const FCP_LIMIT_MS = 2 * FCP_GOAL_MS

let harness: BrowserHarness

beforeAll(async () => {
  harness = await startBrowserHarness()
})

afterAll(async () => {
  await harness?.stop()
})

test('on Fast 3G a first visit to the portal home downloads at most 250 KB of compressed JavaScript, without bpmn-js', async () => {
  const { page, context, problems } = await harness.openPage({ viewport: PHONE })

  const load = await measurePageLoad(page, '/', {
    ready: (opened) => opened.getByTestId('portal-departments').getByText('常熟市行政审批局').waitFor(),
  })

  console.info(
    `portal home over Fast 3G (${FAST_3G.latency} ms RTT): ${load.scripts.length} JavaScript files, ` +
      `${(load.scriptBytes / 1024).toFixed(1)} KB transferred, first contentful paint ${load.firstContentfulPaintMs.toFixed(0)} ms, ` +
      `largest contentful paint ${load.largestContentfulPaintMs.toFixed(0)} ms`,
  )
  expect(load.scriptBytes).toBeLessThanOrEqual(PORTAL_JS_BUDGET_BYTES)
  expect(load.scripts.map((script) => script.contentEncoding)).toEqual(load.scripts.map(() => 'br'))
  // The placeholder in index.html paints first; the rendered portal (largest paint) is held to the same limit.
  expect(load.firstContentfulPaintMs).toBeLessThan(FCP_LIMIT_MS)
  expect(load.largestContentfulPaintMs).toBeLessThan(FCP_LIMIT_MS)
  // The process designer's diagram library (diagram-js draws into .djs-container) stays out of the portal.
  for (const script of load.scripts) {
    expect(await (await fetch(script.url)).text()).not.toContain('djs-container')
  }
  await harness.screenshot(page, 'portal-home-phone-fast3g')
  expect(problems).toEqual([])
  await context.close()
})

test('hashed files are cached for a year and index.html is revalidated on every visit', async () => {
  const html = await fetch(`${harness.baseUrl}/`, { headers: { accept: 'text/html', 'accept-encoding': 'br' } })
  const entry = (await html.text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1]
  const script = await fetch(`${harness.baseUrl}${entry}`, { headers: { 'accept-encoding': 'gzip, br' } })

  expect(html.headers.get('cache-control')).toBe('no-cache')
  expect(script.status).toBe(200)
  expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  expect(script.headers.get('vary')).toMatch(/accept-encoding/i)
  expect(script.headers.get('content-encoding')).toBe('br')
})

test('a page whose code is gone after a redeploy reloads once, then says so in Chinese', async () => {
  const { page, context } = await harness.openPage({ viewport: PHONE })
  await page.goto('/')
  await page.getByTestId('portal-departments').waitFor()
  // The login page's chunk of the build this tab loaded no longer exists on the server.
  let refused = 0
  await page.route(/\/assets\/LoginPage-[^/]+\.js$/, (route) => {
    refused += 1
    return route.fulfill({ status: 404, body: '' })
  })

  await page.getByRole('link', { name: '登录', exact: true }).first().click()

  await expect.poll(() => page.getByRole('heading', { name: '网站已更新' }).isVisible()).toBe(true)
  // Once from the click, once more from the automatic reload that found the same old files.
  expect(refused).toBe(2)
  await expect.poll(() => page.getByRole('button', { name: '刷新页面' }).isVisible()).toBe(true)
  await harness.screenshot(page, 'page-load-failed-phone')
  await context.close()
})
