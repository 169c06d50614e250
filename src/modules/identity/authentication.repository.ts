import type { Queryable } from '../../platform/db/index.js'

// SQL for sessions, TOTP, passwords and the security policy: the authentication side of the identity tables.

export type SessionRestriction = 'totp_enrollment' | 'password_change'

export async function insertSession(
  db: Queryable,
  session: {
    tokenHash: string
    accountId: string
    csrfToken: string
    clientAddress: string | null
    restriction: SessionRestriction | null
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO identity.sessions (token_hash, account_id, csrf_token, client_address, restriction)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [session.tokenHash, session.accountId, session.csrfToken, session.clientAddress, session.restriction],
  )
  return (rows[0] as { id: string }).id
}

export type SessionRow = {
  id: string
  account_id: string
  csrf_token: string
  restriction: SessionRestriction | null
  idle_seconds: number
  age_seconds: number
}

export async function findSessionByTokenHash(db: Queryable, tokenHash: string): Promise<SessionRow | undefined> {
  const { rows } = await db.query<SessionRow>(
    `SELECT id, account_id, csrf_token, restriction,
            EXTRACT(EPOCH FROM now() - last_seen_at)::float8 AS idle_seconds,
            EXTRACT(EPOCH FROM now() - created_at)::float8 AS age_seconds
       FROM identity.sessions WHERE token_hash = $1`,
    [tokenHash],
  )
  return rows[0]
}

export async function touchSession(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE identity.sessions SET last_seen_at = now() WHERE id = $1', [id])
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM identity.sessions WHERE id = $1', [id])
}

/** Ends every session of an account except `keepId`; returns how many ended. */
export async function deleteOtherSessions(db: Queryable, accountId: string, keepId: string | null): Promise<number> {
  const { rowCount } = await db.query(
    'DELETE FROM identity.sessions WHERE account_id = $1 AND id IS DISTINCT FROM $2',
    [accountId, keepId],
  )
  return rowCount
}

export async function clearSessionRestriction(db: Queryable, sessionId: string): Promise<void> {
  await db.query('UPDATE identity.sessions SET restriction = NULL WHERE id = $1', [sessionId])
}

export async function setPendingTotp(db: Queryable, accountId: string, cipher: string): Promise<void> {
  await db.query('UPDATE identity.accounts SET totp_pending_cipher = $2 WHERE id = $1', [accountId, cipher])
}

/** Makes the pending secret the second factor; a grant code that allowed the enrolment is spent. */
export async function activateTotp(db: Queryable, accountId: string, cipher: string, step: number): Promise<void> {
  await db.query(
    `UPDATE identity.accounts
        SET totp_secret_cipher = $2, totp_pending_cipher = NULL, totp_last_step = $3,
            enrolment_grant_hash = NULL, enrolment_grant_expires_at = NULL, may_enrol_without_grant = false
      WHERE id = $1`,
    [accountId, cipher, step],
  )
}

export async function recordTotpStep(db: Queryable, accountId: string, step: number): Promise<void> {
  await db.query('UPDATE identity.accounts SET totp_last_step = $2 WHERE id = $1', [accountId, step])
}

export async function listRecentPasswordHashes(db: Queryable, accountId: string, count: number): Promise<string[]> {
  if (count === 0) return []
  const { rows } = await db.query<{ password_hash: string }>(
    'SELECT password_hash FROM identity.password_history WHERE account_id = $1 ORDER BY created_at DESC LIMIT $2',
    [accountId, count],
  )
  return rows.map((row) => row.password_hash)
}

/**
 * Sets a new password hash and keeps the old one in the history. `oneTime` marks a value the system generated
 * (reset): the owner must change it at the next login; the owner's own change clears the mark.
 */
export async function replacePassword(
  db: Queryable,
  accountId: string,
  oldHash: string,
  newHash: string,
  options: { oneTime?: boolean } = {},
): Promise<void> {
  await db.query('INSERT INTO identity.password_history (account_id, password_hash) VALUES ($1, $2)', [
    accountId,
    oldHash,
  ])
  await db.query(
    `UPDATE identity.accounts SET password_hash = $2, password_changed_at = now(), must_change_password = $3
      WHERE id = $1`,
    [accountId, newHash, options.oneTime ?? false],
  )
}

export async function setSessionRestriction(
  db: Queryable,
  sessionId: string,
  restriction: SessionRestriction,
): Promise<void> {
  await db.query('UPDATE identity.sessions SET restriction = $2 WHERE id = $1', [sessionId, restriction])
}

export async function findPolicy(db: Queryable): Promise<Record<string, unknown> | undefined> {
  const { rows } = await db.query<{ policy: Record<string, unknown> }>(
    'SELECT policy FROM identity.security_policy WHERE id = 1',
  )
  return rows[0]?.policy
}

export async function savePolicy(db: Queryable, policy: object, updatedBy: string): Promise<void> {
  await db.query(
    `INSERT INTO identity.security_policy (id, policy, updated_by) VALUES (1, $1, $2)
     ON CONFLICT (id) DO UPDATE SET policy = EXCLUDED.policy, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [JSON.stringify(policy), updatedBy],
  )
}
