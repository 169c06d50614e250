import { afterAll, beforeAll, expect, test } from 'vitest'
import { startTestApp, type TestApp } from '../../test-support/test-app.js'
import type { SearchResult } from './catalog.schemas.js'
import { DEMO_ITEMS } from './demo/demo-items.js'
import { RELEVANCE_QUERIES } from './demo/relevance-queries.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp({ seedCatalog: true })
})
afterAll(() => tongban?.close())

async function searchTopThree(query: string): Promise<SearchResult['items']> {
  const response = await tongban.app.inject({
    method: 'GET',
    url: '/api/catalog/search',
    query: { q: query, limit: '3' },
  })
  expect(response.statusCode, response.body).toBe(200)
  return (response.json() as SearchResult).items
}

test('every demo item is seeded and published for the public search', async () => {
  const response = await tongban.app.inject({ method: 'GET', url: '/api/catalog/search', query: { limit: '100' } })

  expect((response.json() as SearchResult).total).toBe(DEMO_ITEMS.length)
})

test('a person typing 开饭店 finds 食品经营许可证核发 in the top 3', async () => {
  const names = (await searchTopThree('开饭店')).map((hit) => hit.name)

  expect(names).toContain('食品经营许可证核发')
})

test('at least 90 % of everyday questions find the right item in the top 3 of the public search', async () => {
  const misses: string[] = []

  for (const { query, names, expected } of RELEVANCE_QUERIES) {
    const top3 = await searchTopThree(query)
    if (!top3.some((hit) => expected.includes(hit.code))) {
      misses.push(
        `${query} → 期望 ${names.join(' / ')}，实际 ${top3.map((hit) => hit.name).join('、') || '（无结果）'}`,
      )
    }
  }

  const hitRate = (RELEVANCE_QUERIES.length - misses.length) / RELEVANCE_QUERIES.length
  console.log(
    `search relevance: ${Math.round(hitRate * 1000) / 10} % of ${RELEVANCE_QUERIES.length} queries hit the top 3`,
  )
  if (misses.length > 0) console.log(`misses:\n  ${misses.join('\n  ')}`)
  expect(RELEVANCE_QUERIES.length).toBeGreaterThanOrEqual(30)
  expect(hitRate, `misses:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.9)
})
