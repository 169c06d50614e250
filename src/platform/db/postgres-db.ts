import { createHash } from 'node:crypto'
import pg from 'pg'
import { prepareValue } from 'pg/lib/utils.js'
import { runAfterCommit } from './after-commit.js'
import type { Db, QueryResult, Statement, Transaction } from './db.js'

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

// node-postgres waits for each answer before it sends the next statement, so a transaction pays one round trip per
// statement — on a virtual machine each is a pair of costly system calls on both sides. A statement this connection
// has already prepared can instead be sent as `EXECUTE name(literals)` in one simple-protocol message with the ones
// before and after it (BEGIN first of all): the server still runs them one by one, each from a fresh snapshot.
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>()

function toLiteral(value: unknown): string {
  // The text node-postgres would send as the parameter (bytea in hex), quoted by its own escaping.
  const prepared = prepareValue(value)
  if (prepared === null) return 'NULL'
  return pg.escapeLiteral(Buffer.isBuffer(prepared) ? `\\x${prepared.toString('hex')}` : prepared)
}

/** `EXECUTE` of the statement's prepared form, or undefined while this connection has not prepared it. */
function asExecute(client: pg.PoolClient, { text, params = [] }: Statement): string | undefined {
  const name = statementNames.get(text)
  if (name === undefined || !preparedOn.get(client)?.has(name)) return undefined
  return params.length === 0 ? `EXECUTE ${name}` : `EXECUTE ${name}(${params.map(toLiteral).join(', ')})`
}

async function runPrepared(client: pg.PoolClient, { text, params = [] }: Statement): Promise<pg.QueryResult> {
  const config = toQueryConfig(text, params)
  const result = await client.query(config)
  if (config.name) {
    const names = preparedOn.get(client) ?? new Set<string>()
    names.add(config.name)
    preparedOn.set(client, names)
  }
  return result
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
      // BEGIN goes out with the transaction's first statement, writes queued by queryLater with the statement after
      // them or with COMMIT; a transaction that runs nothing sends nothing.
      let begun = false
      const later: Statement[] = []
      async function run(statements: readonly Statement[], commit = false): Promise<pg.QueryResult[]> {
        const all = [...later.splice(0), ...statements]
        const queued = all.length - statements.length
        if (all.length === 0 && (!commit || !begun)) return []
        const lead = begun ? [] : ['BEGIN']
        const executes = all.map((statement) => asExecute(client, statement))
        if (all.length + lead.length + (commit ? 1 : 0) > 1 && executes.every((execute) => execute !== undefined)) {
          begun = true
          const message = [...lead, ...executes, ...(commit ? ['COMMIT'] : [])].join('; ')
          const results = (await client.query(message)) as unknown
          const list = (Array.isArray(results) ? results : [results]) as pg.QueryResult[]
          return list.slice(lead.length + queued, lead.length + all.length)
        }
        if (!begun) {
          begun = true
          await client.query('BEGIN')
        }
        const results: pg.QueryResult[] = []
        for (const statement of all) results.push(await runPrepared(client, statement))
        if (commit) await client.query('COMMIT')
        return results.slice(queued)
      }
      const tx: Transaction = {
        async query<Row>(text: string, params: readonly unknown[] = []) {
          const [result] = await run([{ text, params }])
          return toResult<Row>(result as pg.QueryResult)
        },
        async queryEach(statements) {
          return (await run(statements)).map((result) => toResult<Record<string, unknown>>(result))
        },
        async queryLater(text, params = []) {
          later.push({ text, params })
        },
        async exec(script) {
          await run([])
          if (!begun) {
            begun = true
            await client.query('BEGIN')
          }
          await client.query(script)
        },
        afterCommit: (callback) => void callbacks.push(callback),
      }
      let result: Awaited<ReturnType<typeof work>>
      try {
        result = await work(tx)
        await run([], true)
      } catch (error) {
        if (begun) await client.query('ROLLBACK').catch(() => undefined)
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
