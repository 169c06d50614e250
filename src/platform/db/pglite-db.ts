import { PGlite, types } from '@electric-sql/pglite'
import { runAfterCommit } from './after-commit.js'
import type { Db, QueryResult, Transaction } from './db.js'

/** Opens embedded PGlite in `dataDir` (a directory path) or in memory when `dataDir` is undefined. */
export async function openPgliteDb(dataDir: string | undefined): Promise<Db> {
  const pglite = await PGlite.create(dataDir, {
    // Same value types as node-postgres gives us after its own parser setup (see postgres-db.ts).
    parsers: { [types.BYTEA]: (value: string) => Buffer.from(value.slice(2), 'hex') },
  })

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
