/** The result of one SQL statement, the same on both engines. */
export type QueryResult<Row> = { rows: Row[]; rowCount: number }

/** Anything that runs SQL: the database itself or an open transaction. Repositories take this. */
export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>>
}

/** A transaction: queries run inside it, and `afterCommit` callbacks run once it commits. */
export interface Transaction extends Queryable {
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
  /** Calls `onNotify` for each NOTIFY on `channel`; the returned function stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}
