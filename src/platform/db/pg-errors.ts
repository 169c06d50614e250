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
