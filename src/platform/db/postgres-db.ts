import { createHash } from 'node:crypto'
import pg from 'pg'
import { prepareValue } from 'pg/lib/utils.js'
import { runAfterCommit } from './after-commit.js'
import type { Db, QueryResult, Statement, Transaction } from './db.js'
import { DatabaseUnavailableError, isDatabaseUnavailable } from './pg-errors.js'
import { guardTransactionScope } from './transaction-scope.js'

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

async function runPrepared(
  client: pg.PoolClient,
  { text, params = [] }: Statement,
  deadline: Deadline,
): Promise<pg.QueryResult> {
  const config = toQueryConfig(text, params)
  const result = await deadline(client, client.query(config))
  if (config.name) {
    const names = preparedOn.get(client) ?? new Set<string>()
    names.add(config.name)
    preparedOn.set(client, names)
  }
  return result
}

/** Waits for `pending` on `client` at most as long as the database may take to answer (see openPostgresDb). */
type Deadline = <T>(client: pg.ClientBase, pending: Promise<T>) => Promise<T>

const noDeadline: Deadline = (_client, pending) => pending

/** How a PostgreSQL database behaves when the server or the network fails. */
export type PostgresDbOptions = {
  /** Longest wait to open a connection or get one from the full pool (default 5000 ms). */
  connectTimeoutMs?: number
  /**
   * Longest a statement may run: the server cancels it then (statement_timeout), and a connection that does not
   * answer even 2 s later is treated as dead (a network cut sends no reset). 0 turns both off. Default 10000 ms.
   */
  queryTimeoutMs?: number
  /** Where connection losses and recoveries are reported; never given secrets (default: a process warning). */
  onWarning?: (message: string) => void
}

// After this, a server that still has not answered our statement (nor its own cancellation) is presumed gone.
const DEADLINE_GRACE_MS = 2000
// A transaction left open by a process that lost its network would hold its row locks until the server's TCP
// keepalive notices (hours); the server ends it after this instead.
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000
const LISTEN_RETRY_MIN_MS = 200
const LISTEN_RETRY_MAX_MS = 5000
// The LISTEN connection is idle most of the time, so a cut without a reset would go unnoticed for many minutes
// (the operating system's keepalive); a short query now and then finds it.
const LISTEN_PING_INTERVAL_MS = 15_000
const LISTEN_PING_TIMEOUT_MS = 5000

function describeError(error: unknown): string {
  // Only the code and the driver's message: never the error object, which may carry the client and its password.
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return [typeof code === 'string' ? code : undefined, typeof message === 'string' ? message : String(error)]
    .filter(Boolean)
    .join(' ')
}

/**
 * Connects a pool to PostgreSQL (or a PG-compatible server) at `connectionString`. A lost connection never crashes
 * the process: it is discarded, the operation on it fails with DatabaseUnavailableError (HTTP 503), and new
 * operations open new connections as soon as the server answers again; LISTEN reconnects by itself.
 */
export async function openPostgresDb(
  connectionString: string,
  poolSize = 10,
  options: PostgresDbOptions = {},
): Promise<Db> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000
  const queryTimeoutMs = options.queryTimeoutMs ?? 10_000
  const warn = options.onWarning ?? ((message: string) => process.emitWarning(message, 'TongbanDatabaseWarning'))
  const clientConfig: pg.ClientConfig = {
    connectionString,
    types: typeParsers as pg.CustomTypesConfig,
    connectionTimeoutMillis: connectTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    ...(queryTimeoutMs > 0 ? { statement_timeout: queryTimeoutMs } : {}),
  }
  const pool = new pg.Pool({ ...clientConfig, max: poolSize })

  // One warning when the database goes away and one when it is back, not one per failed request.
  let unavailableSince: number | undefined
  let isClosing = false
  function noteUnavailable(error: unknown): void {
    if (unavailableSince !== undefined || isClosing) return
    unavailableSince = Date.now()
    warn(`PostgreSQL unavailable: ${describeError(error)}`)
  }
  function noteAvailable(): void {
    if (unavailableSince === undefined) return
    warn(`PostgreSQL available again after ${Math.round((Date.now() - unavailableSince) / 1000)} s`)
    unavailableSince = undefined
  }

  // Connections that failed; released with an error, so the pool closes them instead of handing them out again.
  const broken = new WeakSet<pg.ClientBase>()
  function onClientError(client: pg.ClientBase, error: unknown): void {
    broken.add(client)
    // Its prepared statements died with it; a new connection prepares them again.
    preparedOn.delete(client as pg.PoolClient)
    noteUnavailable(error)
  }
  // Without these listeners an 'error' on a connection in use (terminated, reset, server restart) is an uncaught
  // exception that ends the process. The pool itself handles (and reports here) errors on idle connections.
  pool.on('connect', (client) => client.on('error', (error) => onClientError(client, error)))
  pool.on('error', (error, client) => onClientError(client, error))

  const deadline: Deadline =
    queryTimeoutMs > 0
      ? (client, pending) => {
          let timer: NodeJS.Timeout | undefined
          const expired = new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => {
              const error = new DatabaseUnavailableError(`PostgreSQL did not answer within ${queryTimeoutMs} ms`)
              onClientError(client, error)
              // Nothing more will come on this connection: close it so its queued statements fail too.
              ;(client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy()
              reject(error)
            }, queryTimeoutMs + DEADLINE_GRACE_MS)
          })
          return Promise.race([pending, expired]).finally(() => clearTimeout(timer))
        }
      : noDeadline

  /** The error to throw for `error`: outages become DatabaseUnavailableError, anything else is left as it is. */
  function classify(error: unknown, isCommitOutcomeUnknown = false): unknown {
    if (!isDatabaseUnavailable(error)) return error
    if ((error as { code?: string }).code !== '57014') noteUnavailable(error)
    if (error instanceof DatabaseUnavailableError && error.isCommitOutcomeUnknown === isCommitOutcomeUnknown)
      return error
    return new DatabaseUnavailableError(
      isCommitOutcomeUnknown ? 'the connection was lost during COMMIT: outcome unknown' : describeError(error),
      { cause: error, isCommitOutcomeUnknown },
    )
  }

  async function acquire(): Promise<pg.PoolClient> {
    try {
      return await pool.connect()
    } catch (error) {
      throw classify(error)
    }
  }

  function release(client: pg.PoolClient, error?: unknown): void {
    // A statement the server cancelled (57014, the statement timeout) leaves a healthy connection.
    const isBroken =
      broken.has(client) ||
      (error !== undefined && isDatabaseUnavailable(error) && (error as { code?: string }).code !== '57014')
    client.release(isBroken ? new Error('connection failed') : undefined)
  }

  async function withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await acquire()
    try {
      const result = await work(client)
      release(client)
      noteAvailable()
      return result
    } catch (error) {
      release(client, error)
      throw classify(error)
    }
  }

  try {
    await withClient(async () => undefined)
  } catch (error) {
    await pool.end()
    throw error
  }

  function toResult<Row>(result: pg.QueryResult): QueryResult<Row> {
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length }
  }

  const listener = createListener(clientConfig, { onLost: noteUnavailable, onBack: noteAvailable })

  return guardTransactionScope({
    engine: 'postgres',
    async query<Row>(text: string, params: readonly unknown[] = []) {
      return toResult<Row>(await withClient((client) => runPrepared(client, { text, params }, deadline)))
    },
    async transaction(work) {
      const client = await acquire()
      const callbacks: Array<() => void | Promise<void>> = []
      // BEGIN goes out with the transaction's first statement, writes queued by queryLater with the statement after
      // them or with COMMIT; a transaction that runs nothing sends nothing.
      let begun = false
      // Once COMMIT has gone out, a lost connection leaves the outcome unknown: the caller must not report success,
      // nor claim that nothing happened.
      let isCommitSent = false
      // A maintenance script (migrations, restore) runs without the statement timeout, see exec below.
      let wait = deadline
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
          if (commit) isCommitSent = true
          const results = (await wait(client, client.query(message))) as unknown
          const list = (Array.isArray(results) ? results : [results]) as pg.QueryResult[]
          return list.slice(lead.length + queued, lead.length + all.length)
        }
        if (!begun) {
          begun = true
          await wait(client, client.query('BEGIN'))
        }
        const results: pg.QueryResult[] = []
        for (const statement of all) results.push(await runPrepared(client, statement, wait))
        if (commit) {
          isCommitSent = true
          await wait(client, client.query('COMMIT'))
        }
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
            await wait(client, client.query('BEGIN'))
          }
          // Scripts are migrations and restores: a long index build is expected, so no timeout for the rest of this
          // transaction (a lost connection still fails it at once).
          wait = noDeadline
          await client.query(`SET LOCAL statement_timeout = 0; ${script}`)
        },
        afterCommit: (callback) => void callbacks.push(callback),
      }
      let result: Awaited<ReturnType<typeof work>>
      try {
        result = await work(tx)
        await run([], true)
      } catch (error) {
        if (begun && !broken.has(client)) await wait(client, client.query('ROLLBACK')).catch(() => undefined)
        release(client, error)
        throw classify(error, isCommitSent && isDatabaseUnavailable(error))
      }
      release(client)
      noteAvailable()
      await runAfterCommit(callbacks)
      return result
    },
    async exec(script) {
      await withClient((client) => client.query(script))
    },
    listen: (channel, onNotify) => listener.listen(channel, onNotify),
    async close() {
      isClosing = true
      await listener.close()
      await pool.end()
    },
  })
}

/**
 * One connection of its own (outside the pool) carries every LISTEN of this Db. When it is lost it reconnects with
 * backoff and listens again; NOTIFYs sent meanwhile are lost, so each handler is then called once with an empty
 * payload to catch up.
 */
function createListener(config: pg.ClientConfig, events: { onLost: (error: unknown) => void; onBack: () => void }) {
  const channels = new Map<string, Set<(payload: string) => void>>()
  let client: pg.Client | undefined
  let opening: Promise<pg.Client> | undefined
  let retryTimer: NodeJS.Timeout | undefined
  let failures = 0
  let isClosed = false

  const pinger = setInterval(() => {
    const current = client
    if (!current) return
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('no answer')), LISTEN_PING_TIMEOUT_MS)
    })
    Promise.race([current.query('SELECT 1'), expired])
      .catch(() => {
        // Closing the socket makes the client report the loss ('error'), and the reconnect starts from there.
        ;(current as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy()
      })
      .finally(() => clearTimeout(timer))
  }, LISTEN_PING_INTERVAL_MS)
  pinger.unref()

  function call(handler: (payload: string) => void, payload: string): void {
    try {
      handler(payload)
    } catch (error) {
      // A listener's bug must not end the process nor stop the others from hearing.
      process.emitWarning(`LISTEN handler failed: ${(error as Error).message}`)
    }
  }

  function dispatch(message: pg.Notification): void {
    for (const handler of channels.get(message.channel) ?? []) call(handler, message.payload ?? '')
  }

  async function open(): Promise<pg.Client> {
    const next = new pg.Client(config)
    next.on('error', (error) => {
      events.onLost(error)
      if (client !== next) return
      client = undefined
      scheduleReconnect()
    })
    next.on('notification', dispatch)
    try {
      await next.connect()
      for (const channel of channels.keys()) await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
    } catch (error) {
      await next.end().catch(() => undefined)
      throw error
    }
    if (isClosed) {
      await next.end().catch(() => undefined)
      throw new Error('the database is closed')
    }
    client = next
    return next
  }

  function ensureOpen(): Promise<pg.Client> {
    if (client) return Promise.resolve(client)
    opening ??= open().finally(() => {
      opening = undefined
    })
    return opening
  }

  function scheduleReconnect(): void {
    if (isClosed || retryTimer || channels.size === 0) return
    // Exponential backoff with jitter, so a restarted server is not met by every process at the same instant.
    const delay = Math.min(LISTEN_RETRY_MIN_MS * 2 ** failures, LISTEN_RETRY_MAX_MS) * (0.5 + Math.random() / 2)
    failures++
    retryTimer = setTimeout(() => {
      retryTimer = undefined
      ensureOpen().then(
        () => {
          failures = 0
          events.onBack()
          for (const handlers of channels.values()) for (const handler of handlers) call(handler, '')
        },
        (error: unknown) => {
          events.onLost(error)
          scheduleReconnect()
        },
      )
    }, delay)
  }

  async function listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const handlers = channels.get(channel) ?? new Set()
    const isNew = handlers.size === 0
    handlers.add(onNotify)
    channels.set(channel, handlers)
    try {
      const current = client ?? (retryTimer ? undefined : await ensureOpen())
      // A fresh connection already listens on every channel in the map; an existing one is told now.
      if (current && isNew && current === client) await current.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
    } catch (error) {
      handlers.delete(onNotify)
      if (handlers.size === 0) channels.delete(channel)
      throw error
    }
    return async () => {
      handlers.delete(onNotify)
      if (handlers.size > 0 || channels.get(channel) !== handlers) return
      channels.delete(channel)
      await client?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined)
    }
  }

  async function close(): Promise<void> {
    isClosed = true
    clearInterval(pinger)
    clearTimeout(retryTimer)
    retryTimer = undefined
    await opening?.catch(() => undefined)
    const last = client
    client = undefined
    await last?.end().catch(() => undefined)
  }

  return { listen, close }
}
