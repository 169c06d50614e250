import { createHash, randomBytes } from 'node:crypto'

export const SESSION_COOKIE = 'tongban_session'

/** A new unguessable session token (for the cookie) and CSRF token (for the pages). */
export function buildSessionTokens(): { token: string; csrfToken: string } {
  return { token: randomBytes(32).toString('base64url'), csrfToken: randomBytes(24).toString('base64url') }
}

/** Only the hash is stored, so reading the sessions table does not let anyone log in. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
