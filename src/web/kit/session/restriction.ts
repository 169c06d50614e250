import type { SessionRestriction } from '../types.js'

/** The one page a restricted session may use: bind an authenticator app, or replace an expired password. */
export const RESTRICTION_PATHS: Record<NonNullable<SessionRestriction>, string> = {
  totp_enrollment: '/account/totp',
  password_change: '/account/password',
}

/** Where a restricted session must go, or undefined when the session is a full one. */
export function findRestrictionPath(restriction: SessionRestriction): string | undefined {
  return restriction ? RESTRICTION_PATHS[restriction] : undefined
}
