import { PGlite, types } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { runAfterCommit } from './after-commit.js'
import type { Db, QueryResult, Transaction } from './db.js'
import { guardTransactionScope } from './transaction-scope.js'

/**
 * Opens embedded PGlite in `dataDir` (a directory path) or in memory when `dataDir` is undefined; `loadDataDir`
 * starts it from a dump made by `dumpPgliteDb` (tests clone a migrated template this way).
 */
export async function openPgliteDb(dataDir: string | undefined, loadDataDir?: Blob): Promise<Db> {
  return guardTransactionScope(wrapPglite(await createPglite(dataDir, loadDataDir)))
}

/** An in-memory PGlite whose whole data directory can be dumped, for templates. */
export async function openDumpablePgliteDb(): Promise<{ db: Db; dump: () => Promise<Blob> }> {
  const pglite = await createPglite(undefined, undefined)
  return { db: guardTransactionScope(wrapPglite(pglite)), dump: () => pglite.dumpDataDir('none') }
}

function createPglite(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<PGlite> {
  return PGlite.create(dataDir, {
    // PGlite ships extensions as separate modules; load the ones migrations may CREATE EXTENSION on PostgreSQL too.
    extensions: { pg_trgm },
    // Same value types as node-postgres gives us after its own parser setup (see postgres-db.ts).
    parsers: { [types.BYTEA]: (value: string) => Buffer.from(value.slice(2), 'hex') },
    ...(loadDataDir ? { loadDataDir } : {}),
  })
}

function wrapPglite(pglite: PGlite): Db {
  function toResult<Row>(result: { rows: unknown[]; affectedRows?: number }): QueryResult<Row> {
    return { rows: result.rows as Row[], rowCount: result.affectedRows || result.rows.length }
  }

  return {
    engine: 'pglite',
    async query<Row>(text: string, params: readonly unknown[] = []) {
      return toResult<Row>(await pglite.query(text, params as unknown[]))
    },
    async transaction(work) {
      const callbacks: Array<() => void | Promise<void>> = []
      // PGlite is a single connection: its transaction() holds a mutex, so transactions run one at a time.
      const result = await pglite.transaction(async (inner) => {
        const tx: Transaction = {
          async query<Row>(text: string, params: readonly unknown[] = []) {
            return toResult<Row>(await inner.query(text, params as unknown[]))
          },
          async queryEach(statements) {
            // In-process: there are no round trips to save.
            const results: QueryResult<Record<string, unknown>>[] = []
            for (const { text, params = [] } of statements) results.push(toResult(await inner.query(text, [...params])))
            return results
          },
          async queryLater(text, params = []) {
            await inner.query(text, [...params])
          },
          async exec(script) {
            await inner.exec(script)
          },
          afterCommit: (callback) => void callbacks.push(callback),
        }
        return work(tx)
      })
      await runAfterCommit(callbacks)
      return result
    },
    async exec(script) {
      await pglite.exec(script)
    },
    async listen(channel, onNotify) {
      const unsubscribe = await pglite.listen(channel, onNotify)
      return async () => unsubscribe()
    },
    async close() {
      await pglite.close()
    },
  }
}
