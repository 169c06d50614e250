import { createHash } from 'node:crypto'
import pg from 'pg'
import { runAfterCommit } from './after-commit.js'
import type { Db, QueryResult, Transaction } from './db.js'

const INT8_OID = 20
const NUMERIC_OID = 1700

// PGlite returns int8 as a number when it fits; make node-postgres agree so code sees one type.
function parseInt8(value: string): number | bigint {
  const big = BigInt(value)
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big
}

const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8_OID) return parseInt8
    if (oid === NUMERIC_OID) return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format as 'text')
  },
}

// Named (prepared) statements are parsed once per connection and, after a few runs, planned once: most of what a
// short OLTP statement costs the server. Statement texts are fixed in code, but a few are built (IN lists, multi-row
// VALUES), so only the first texts seen get a name and the rest run unnamed; that bounds each connection's cache.
const MAX_NAMED_STATEMENTS = 1000
const statementNames = new Map<string, string>()

function toQueryConfig(text: string, params: readonly unknown[]): pg.QueryConfig {
  let name = statementNames.get(text)
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `tongban_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
    statementNames.set(text, name)
  }
  return name === undefined ? { text, values: params as unknown[] } : { name, text, values: params as unknown[] }
}

/** Connects a pool to PostgreSQL (or a PG-compatible server) at `connectionString`. */
export async function openPostgresDb(connectionString: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: poolSize, types: typeParsers as pg.CustomTypesConfig })
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', (error) => process.emitWarning(`PostgreSQL pool: ${error.message}`))
  const probe = await pool.connect()
  probe.release()

  function toResult<Row>(result: pg.QueryResult): QueryResult<Row> {
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length }
  }

  return {
    engine: 'postgres',
    async query<Row>(text: string, params: readonly unknown[] = []) {
      return toResult<Row>(await pool.query(toQueryConfig(text, params)))
    },
    async transaction(work) {
      const client = await pool.connect()
      const callbacks: Array<() => void | Promise<void>> = []
      const tx: Transaction = {
        async query<Row>(text: string, params: readonly unknown[] = []) {
          return toResult<Row>(await client.query(toQueryConfig(text, params)))
        },
        async exec(script) {
          await client.query(script)
        },
        afterCommit: (callback) => void callbacks.push(callback),
      }
      let result: Awaited<ReturnType<typeof work>>
      try {
        await client.query('BEGIN')
        result = await work(tx)
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
      await runAfterCommit(callbacks)
      return result
    },
    async exec(script) {
      await pool.query(script)
    },
    async listen(channel, onNotify) {
      // LISTEN needs a connection of its own for as long as we listen.
      const client = await pool.connect()
      const handler = (message: pg.Notification) => {
        if (message.channel === channel) onNotify(message.payload ?? '')
      }
      client.on('notification', handler)
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
      return async () => {
        client.off('notification', handler)
        await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined)
        client.release()
      }
    },
    async close() {
      await pool.end()
    },
  }
}
