import { buildApp } from '../src/app.js'
import { seedDemoCatalog, seedDemoData } from '../src/demo/index.js'
import { generateItems } from '../src/modules/catalog/demo/generate-items.js'
import { RELEVANCE_QUERIES } from '../src/modules/catalog/demo/relevance-queries.js'
import { SYSTEM_EDITOR } from '../src/modules/catalog/index.js'
import { loadConfig } from '../src/platform/config/index.js'
import { migrate } from '../src/platform/db/index.js'
import { openBenchDb } from './bench-db.js'
import { type BenchRow, measureAsync } from './harness.js'

const BENCH_DATABASE = 'tongban_bench_catalog'
const ITEMS = 5000
const BATCH = 500
// A fixed key: a reused bench database keeps data keys wrapped with it (nothing secret is stored here).
const BENCH_MASTER_KEY = Buffer.alloc(32, 7)

/**
 * Catalog search over 5,000 generated published items: the public search (segmentation, synonyms, GIN tsvector +
 * trigram, ranking, highlights) against a plain ILIKE scan of name and guide text, with the 40 everyday queries
 * of the relevance set cycling.
 */
export async function benchCatalogSearch(engine: 'pglite' | 'postgres'): Promise<BenchRow[]> {
  const label = engine === 'pglite' ? 'PGlite' : 'PostgreSQL'
  const { db, cleanup } = await openBenchDb(engine, BENCH_DATABASE, {
    // TONGBAN_BENCH_REUSE=1 keeps the loaded database between runs (loading 5,000 items takes minutes).
    reuse: process.env.TONGBAN_BENCH_REUSE === '1',
  })
  try {
    await migrate(db)
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', TONGBAN_DEMO: 'true' })
    const { app, services } = await buildApp({ config, db, masterKey: BENCH_MASTER_KEY, webDistDir: '/nonexistent' })
    await services.identity.ensureDivisions()
    await seedDemoData({ db, identity: services.identity, audit: services.audit })
    // The county's real catalog, which the everyday queries aim at, among 5,000 generated items.
    await seedDemoCatalog({ catalog: services.catalog })
    const loaded = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM catalog.items')).rows[0]?.n)
    const items = loaded >= ITEMS ? [] : generateItems(ITEMS)
    const context = { actor: null, clientAddress: null, requestId: null }
    for (let start = 0; start < items.length; start += BATCH) {
      const batch = items.slice(start, start + BATCH).map((value, index) => ({ row: start + index + 1, value }))
      const report = await services.catalog.importGuides(context, SYSTEM_EDITOR, batch, { publish: true })
      if (!report.imported) throw new Error(`bench import failed: ${JSON.stringify(report.problems.slice(0, 3))}`)
    }
    if (engine === 'postgres') await db.query('ANALYZE catalog.item_versions')
    const queries = RELEVANCE_QUERIES.map((entry) => entry.query)
    let i = 0
    const options = { iterations: 400, warmup: 40 }
    const ours = await measureAsync(
      () => services.catalog.search({ q: queries[i++ % queries.length], limit: 20 }),
      options,
    )
    i = 0
    const baseline = await measureAsync(
      () => services.catalog.searchByIlike(queries[i++ % queries.length] as string, 20),
      options,
    )
    // Speed must not be bought with relevance: the same everyday questions, scored among all the generated items.
    let hits = 0
    for (const { query, expected } of RELEVANCE_QUERIES) {
      const { items } = await services.catalog.search({ q: query, limit: 3 })
      if (items.some((hit) => expected.includes(hit.code))) hits++
    }
    await app.close()
    return [
      {
        name: `catalog search, ${ITEMS} + demo items (${label}; top-3 hits ${hits}/${RELEVANCE_QUERIES.length})`,
        baseline: 'ILIKE scan of name + guide',
        medianMs: ours.medianMs,
        p95Ms: ours.p95Ms,
        baselineMedianMs: baseline.medianMs,
        baselineP95Ms: baseline.p95Ms,
      },
    ]
  } finally {
    await db.close()
    await cleanup()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { formatTable } = await import('./harness.js')
  const engines = (process.argv[2] ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[]
  const rows: BenchRow[] = []
  for (const engine of engines) rows.push(...(await benchCatalogSearch(engine)))
  console.log(formatTable(rows))
}
