import { generateSecret, generateSync, generateURI, verifySync } from 'otplib'

const PERIOD_SECONDS = 30

/** A new random TOTP secret (base32) and the otpauth:// URI an authenticator app scans. */
export function createTotpSecret(accountLabel: string): { secret: string; uri: string } {
  const secret = generateSecret()
  return { secret, uri: generateURI({ issuer: '通办 Tongban', label: accountLabel, secret }) }
}

/**
 * The time step of a valid code (RFC 6238, 30 s, ±1 step for clock drift), or undefined. A code whose step is not
 * after `lastAcceptedStep` is refused, so an overheard code cannot be replayed.
 */
export function verifyTotp(secret: string, code: string, lastAcceptedStep: number | null): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined
  const result = verifySync({ secret, token: code, epochTolerance: PERIOD_SECONDS })
  if (!result.valid) return undefined
  // The HOTP variant of the result type has no time step; a TOTP verification always carries one.
  const step = (result as { timeStep?: number }).timeStep ?? Math.floor(Date.now() / 1000 / PERIOD_SECONDS)
  if (lastAcceptedStep !== null && step <= lastAcceptedStep) return undefined
  return step
}

/** The current code for a secret (demo one-click login and tests). */
export function generateTotpCode(secret: string): string {
  return generateSync({ secret })
}
