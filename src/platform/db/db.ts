/** The result of one SQL statement, the same on both engines. */
export type QueryResult<Row> = { rows: Row[]; rowCount: number }

/** Anything that runs SQL: the database itself or an open transaction. Repositories take this. */
export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>>
}

/** One SQL statement with its parameters. */
export type Statement = { text: string; params?: readonly unknown[] }

/** A transaction: queries run inside it, and `afterCommit` callbacks run once it commits. */
export interface Transaction extends Queryable {
  /**
   * Runs statements one after another, in one round trip to the server where it can: each starts after the one
   * before it finished (its locks held, its writes visible) and, as any statement, from a fresh snapshot. For a lock
   * followed by reads of what the lock guards. Results come in statement order.
   */
  queryEach(statements: readonly Statement[]): Promise<QueryResult<Record<string, unknown>>[]>
  /**
   * Queues a write whose result nobody reads: it goes out with the transaction's next statement, or with its COMMIT,
   * saving a round trip. It runs before anything queried after it; if it fails, the transaction fails there.
   */
  queryLater(text: string, params?: readonly unknown[]): Promise<void>
  /** Runs a script of several statements (migrations); no parameters. */
  exec(script: string): Promise<void>
  afterCommit(callback: () => void | Promise<void>): void
}

export type Engine = 'pglite' | 'postgres'

/** The one data-access layer over embedded PGlite and PostgreSQL. */
export interface Db extends Queryable {
  readonly engine: Engine
  /** Runs `work` in one transaction: commit on success, roll back on any error (which is re-thrown). */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>
  /** Runs a script of several statements (migrations); no parameters. */
  exec(script: string): Promise<void>
  /**
   * Calls `onNotify` for each NOTIFY on `channel`; the returned function stops listening. On PostgreSQL, after the
   * listening connection was lost and re-established, `onNotify('')` is called once: NOTIFYs sent meanwhile are lost,
   * so treat a notification as "look again", not as the only record of a change.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}
