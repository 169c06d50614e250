import { AsyncLocalStorage } from 'node:async_hooks'
import type { Db } from './db.js'

/** One open transaction on one database, as seen from the code running inside it. */
type Scope = { readonly db: object; isOpen: boolean; readonly outer: Scope | undefined }

const currentScope = new AsyncLocalStorage<Scope>()

/**
 * A programming error: code running inside a transaction reached for the database itself instead of the
 * transaction's `tx`. On PGlite (one connection, a mutex around each transaction) that call would wait forever for
 * the transaction it runs in; on PostgreSQL it takes a second pool connection, the same deadlock once the pool is
 * exhausted. So it throws on both engines, and tests on either catch it.
 */
export class NestedDbAccessError extends Error {
  constructor(method: string) {
    super(
      `db.${method}() was called inside a db.transaction() of the same database: use the transaction's tx, or run ` +
        'this after the transaction (tx.afterCommit); on the embedded engine this call would wait forever',
    )
    this.name = 'NestedDbAccessError'
  }
}

function assertOutsideTransaction(db: object, method: string): void {
  for (let scope = currentScope.getStore(); scope; scope = scope.outer) {
    if (scope.db === db && scope.isOpen) throw new NestedDbAccessError(method)
  }
}

/**
 * Wraps an engine's Db so that it knows, through the async context, when code runs inside one of its own
 * transactions, and refuses `query`, `transaction`, `exec` and `listen` on the database from there. Work that
 * merely started inside a transaction and outlives it (a timer, a detached promise) is not refused once the
 * transaction has ended.
 */
export function guardTransactionScope(db: Db): Db {
  return {
    engine: db.engine,
    async query<Row>(text: string, params?: readonly unknown[]) {
      assertOutsideTransaction(db, 'query')
      return db.query<Row>(text, params)
    },
    async transaction(work) {
      assertOutsideTransaction(db, 'transaction')
      const outer = currentScope.getStore()
      return db.transaction(async (tx) => {
        const scope: Scope = { db, isOpen: true, outer }
        try {
          return await currentScope.run(scope, () => work(tx))
        } finally {
          scope.isOpen = false
        }
      })
    },
    async exec(script) {
      assertOutsideTransaction(db, 'exec')
      return db.exec(script)
    },
    async listen(channel, onNotify) {
      assertOutsideTransaction(db, 'listen')
      return db.listen(channel, onNotify)
    },
    close: () => db.close(),
  }
}
