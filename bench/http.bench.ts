import { randomBytes } from 'node:crypto'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/platform/config/index.js'
import { migrate } from '../src/platform/db/index.js'
import { openBenchDb } from './bench-db.js'
import { type BenchRow, measureAsync } from './harness.js'

const BENCH_DATABASE = 'tongban_bench'
const RUN = { iterations: 2000, warmup: 300 }

/** A route that runs one SQL query (health) against a route that runs none (demo accounts), in-process. */
export async function benchHttp(engine: 'pglite' | 'postgres'): Promise<BenchRow[]> {
  const { db, cleanup } = await openBenchDb(engine, BENCH_DATABASE)
  try {
    await migrate(db)
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TONGBAN_DEMO: 'true' })
    const { app } = await buildApp({ config, db, masterKey: randomBytes(32), webDistDir: '/nonexistent' })
    await app.ready()
    const noQuery = await measureAsync(() => app.inject({ method: 'GET', url: '/api/demo/accounts' }), RUN)
    const oneQuery = await measureAsync(() => app.inject({ method: 'GET', url: '/api/health' }), RUN)
    await app.close()
    return [
      {
        name: `GET /api/health — one query (${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'})`,
        baseline: 'GET /api/demo/accounts — no query, same app',
        ...oneQuery,
        baselineMedianMs: noQuery.medianMs,
        baselineP95Ms: noQuery.p95Ms,
      },
    ]
  } finally {
    await db.close()
    await cleanup()
  }
}
