import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestApp, type TestApp } from '../../test-support/test-app.js'
import type { SearchResult } from './catalog.schemas.js'
import { DEMO_ITEMS } from './demo/demo-items.js'
import { RELEVANCE_QUERIES } from './demo/relevance-queries.js'

let app: TestApp

beforeAll(async () => {
  app = await startTestApp({ seedCatalog: true })
})
afterAll(async () => {
  await app.close()
})

async function topThree(query: string): Promise<SearchResult['items']> {
  const response = await app.app.inject({ url: `/api/catalog/search?q=${encodeURIComponent(query)}&limit=3` })
  expect(response.statusCode, response.body).toBe(200)
  return (response.json() as SearchResult).items
}

describe('search over the demo catalog', () => {
  test('every demo item is seeded and published', async () => {
    const response = await app.app.inject({ url: '/api/catalog/search?limit=100' })

    expect(response.json().total).toBe(DEMO_ITEMS.length)
  })

  test('a person typing 开饭店 finds 食品经营许可证核发 in the top 3', async () => {
    const names = (await topThree('开饭店')).map((item) => item.name)

    expect(names).toContain('食品经营许可证核发')
  })

  test(`at least 90 % of ${RELEVANCE_QUERIES.length} everyday queries have an expected item in the top 3`, async () => {
    const misses: string[] = []
    for (const { query, names, expected } of RELEVANCE_QUERIES) {
      const top = await topThree(query)
      if (!top.some((item) => expected.includes(item.code)))
        misses.push(
          `${query} → ${top.map((item) => item.name).join(' / ') || '（无结果）'}（应有：${names.join(' 或 ')}）`,
        )
    }

    const hitRate = 1 - misses.length / RELEVANCE_QUERIES.length
    expect(RELEVANCE_QUERIES.length).toBeGreaterThanOrEqual(30)
    expect(hitRate, `misses:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.9)
  })
})
