import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/platform/config/index.js'
import { type Db, migrate, openDb } from '../src/platform/db/index.js'
import { type BenchRow, measureAsync } from './harness.js'

const PG_URL = process.env.TONGBAN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const BENCH_DATABASE = 'tongban_bench'
const RUN = { iterations: 2000, warmup: 300 }

async function openBenchDb(engine: 'pglite' | 'postgres'): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-bench-'))
    const db = await openDb({ databaseUrl: undefined, dataDir, databasePoolSize: 1 })
    return { db, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) }
  }
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`)
  await admin.end()
  const url = new URL(PG_URL)
  url.pathname = `/${BENCH_DATABASE}`
  const db = await openDb({ databaseUrl: url.toString(), dataDir: '', databasePoolSize: 10 })
  return {
    db,
    cleanup: async () => {
      const again = new pg.Client({ connectionString: PG_URL })
      await again.connect()
      await again.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`)
      await again.end()
    },
  }
}

/** A route that runs one SQL query (health) against a route that runs none (demo accounts), in-process. */
export async function benchHttp(engine: 'pglite' | 'postgres'): Promise<BenchRow[]> {
  const { db, cleanup } = await openBenchDb(engine)
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
