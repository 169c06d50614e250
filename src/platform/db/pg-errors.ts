function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined
}

/** True for a unique-constraint violation (SQLSTATE 23505): someone else created the same row first. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505'
}

/** True when a NOWAIT row lock was held by another transaction (SQLSTATE 55P03). */
export function isLockNotAvailable(error: unknown): boolean {
  return sqlState(error) === '55P03'
}

/** The database chose this transaction as the loser of a deadlock or a serialization conflict; it rolled back whole. */
export function isTransactionConflict(error: unknown): boolean {
  const state = sqlState(error)
  return state === '40P01' || state === '40001'
}

/**
 * The database could not be reached, or stopped answering, or ended our connection: an outage, not a bug. The
 * operation did not take effect, except when `isCommitOutcomeUnknown` (COMMIT was sent and no answer came back).
 */
export class DatabaseUnavailableError extends Error {
  readonly isCommitOutcomeUnknown: boolean

  constructor(reason: string, options: { cause?: unknown; isCommitOutcomeUnknown?: boolean } = {}) {
    super(reason, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'DatabaseUnavailableError'
    this.isCommitOutcomeUnknown = options.isCommitOutcomeUnknown ?? false
  }
}

// 57P01 admin_shutdown (pg_terminate_backend, a fast shutdown), 57P02 crash_shutdown, 57P03 cannot_connect_now
// (starting up, shutting down, in recovery), 53300 too_many_connections, 57014 query_canceled (statement timeout).
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '57014'])
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ECONNABORTED',
])
// node-postgres reports a lost or timed-out connection as a plain Error with one of these messages.
const DRIVER_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Query read timeout',
  'Cannot use a pool after calling end on the pool',
]

/** True for an error that means the database is unreachable or dropped the connection (answer 503, retry later). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true
  if (typeof error !== 'object' || error === null) return false
  const code = sqlState(error)
  if (code !== undefined && (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || NETWORK_CODES.has(code)))
    return true
  const message = (error as { message?: unknown }).message
  return typeof message === 'string' && DRIVER_MESSAGES.some((known) => message.startsWith(known))
}
