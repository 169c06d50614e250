import { afterAll, beforeAll, expect, test } from 'vitest'
import { startTestApp, type TestApp } from '../../test-support/test-app.js'
import type { SearchResult } from './catalog.schemas.js'
import { DEMO_ITEMS } from './demo/demo-items.js'
import { RELEVANCE_QUERIES } from './demo/relevance-queries.js'
import { createItemSearch } from './item-search.js'

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

// A big catalog prunes its common words from matching; the demo county is small, so a lower bar stands in for it.
function searchWithCommonTermsPruned() {
  return createItemSearch({
    db: tongban.db,
    identity: tongban.services.identity,
    commonTermsRule: { ratio: 0.1, minItems: 1 },
  })
}

test('with common words only ranking, everyday questions still find the right item in the top 3', async () => {
  const search = searchWithCommonTermsPruned()
  let hits = 0

  for (const { query, expected } of RELEVANCE_QUERIES) {
    const { items } = await search.search({ q: query, limit: 3 })
    if (items.some((hit) => expected.includes(hit.code))) hits++
  }

  expect(hits / RELEVANCE_QUERIES.length).toBeGreaterThanOrEqual(0.9)
})

test('a common word does not drag in items that share nothing else with the question', async () => {
  const everyMatch = await tongban.services.catalog.search({ q: '出生证明丢了', limit: 100 })
  const pruned = await searchWithCommonTermsPruned().search({ q: '出生证明丢了', limit: 100 })

  expect(pruned.items.length).toBeLessThan(everyMatch.items.length / 2)
  expect(pruned.items[0]?.name).toBe('出生医学证明补发、换发')
})

test('a question made only of common words still finds items', async () => {
  const { items } = await searchWithCommonTermsPruned().search({ q: '登记', limit: 5 })

  expect(items.length).toBeGreaterThan(0)
})
