import type { Page } from 'playwright-core'

/**
 * Fast 3G as Lighthouse and the issue state it: 1.6 Mbps down, 750 kbps up, 150 ms round trip. Chromium applies it
 * per request (DevTools network emulation), so the numbers are reproducible from one machine to the next.
 */
export const FAST_3G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
} as const

export type LoadedScript = {
  url: string
  /** Bytes on the wire, headers included, as DevTools' "transferred" column. */
  transferredBytes: number
  contentEncoding: string | null
}

export type PageLoad = {
  scripts: LoadedScript[]
  /** Sum of `transferredBytes` over every JavaScript file of the load. */
  scriptBytes: number
  /** First contentful paint, ms after navigation start: index.html's placeholder (site bar, 正在加载…) counts. */
  firstContentfulPaintMs: number
  /** Largest contentful paint so far, ms after navigation start: the rendered page, not the placeholder. */
  largestContentfulPaintMs: number
}

// A string, not a function: tsx's name-keeping helper (__name) does not exist inside the page.
const READ_FIRST_CONTENTFUL_PAINT = `new Promise((resolve) => {
  new PerformanceObserver((list, observer) => {
    const entry = list.getEntriesByName('first-contentful-paint')[0]
    if (entry) {
      observer.disconnect()
      resolve(entry.startTime)
    }
  }).observe({ type: 'paint', buffered: true })
})`

// Read once the page's content is up; the last entry reported until then is the largest paint.
const READ_LARGEST_CONTENTFUL_PAINT = `new Promise((resolve) => {
  new PerformanceObserver((list, observer) => {
    const entries = list.getEntries()
    observer.disconnect()
    resolve(entries[entries.length - 1].startTime)
  }).observe({ type: 'largest-contentful-paint', buffered: true })
})`

type Tracked = { url: string; isScript: boolean; contentEncoding: string | null; transferredBytes: number }

/**
 * Opens `url` in `page` as a first visit (browser cache off) over emulated Fast 3G and reports the JavaScript it
 * transferred and its first contentful paint. `acceptEncoding` overrides what the browser accepts, e.g. 'identity'
 * to measure the same files sent uncompressed. `ready` waits for the page's content before reading the numbers.
 */
export async function measurePageLoad(
  page: Page,
  url: string,
  options: { acceptEncoding?: string; cpuSlowdown?: number; ready?: (page: Page) => Promise<unknown> } = {},
): Promise<PageLoad> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', FAST_3G)
  if (options.cpuSlowdown) await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuSlowdown })
  if (options.acceptEncoding) {
    await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': options.acceptEncoding } })
  }

  const requests = new Map<string, Tracked>()
  cdp.on('Network.responseReceived', (event) => {
    const headers = Object.fromEntries(
      Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
    )
    requests.set(event.requestId, {
      url: event.response.url,
      isScript: event.type === 'Script',
      contentEncoding: headers['content-encoding'] ?? null,
      transferredBytes: 0,
    })
  })
  const finished = new Set<string>()
  cdp.on('Network.loadingFinished', (event) => {
    const tracked = requests.get(event.requestId)
    if (tracked) tracked.transferredBytes = event.encodedDataLength
    finished.add(event.requestId)
  })

  await page.goto(url, { waitUntil: 'load' })
  await options.ready?.(page)
  const firstContentfulPaintMs = Number(await page.evaluate(READ_FIRST_CONTENTFUL_PAINT))
  const largestContentfulPaintMs = Number(await page.evaluate(READ_LARGEST_CONTENTFUL_PAINT))
  // Every script the page asked for has arrived by `load`; wait for its loadingFinished event to be delivered.
  const scriptIds = () => [...requests].filter(([, tracked]) => tracked.isScript).map(([id]) => id)
  for (let attempt = 0; attempt < 50 && scriptIds().some((id) => !finished.has(id)); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await cdp.detach()

  const scripts = [...requests.values()]
    .filter((tracked) => tracked.isScript)
    .map(({ url: scriptUrl, transferredBytes, contentEncoding }) => ({
      url: scriptUrl,
      transferredBytes,
      contentEncoding,
    }))
  return {
    scripts,
    scriptBytes: scripts.reduce((sum, script) => sum + script.transferredBytes, 0),
    firstContentfulPaintMs,
    largestContentfulPaintMs,
  }
}
