import type { Db, Queryable, Transaction } from '../../platform/db/index.js'
import { type AppError, commonErrors } from '../../platform/errors/index.js'
import type { Principal } from '../../platform/http/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import { type PersonalDataCipher, toAccount, toAuditActor } from './account-views.js'
import * as sessions from './authentication.repository.js'
import { findIdNumberProblem, normalizeIdNumber } from './id-number.js'
import { identityErrors } from './identity.errors.js'
import * as repo from './identity.repository.js'
import type { Account, SessionView } from './identity.schemas.js'
import { hashPassword, UNKNOWN_ACCOUNT_HASH, verifyPassword } from './password.js'
import { ADMINISTRATOR_ROLES, listPermissions, Permission, type Role } from './roles.js'
import { buildDefaultPolicy, findPasswordWeakness, isPasswordExpired, SecurityPolicy } from './security-policy.js'
import { buildSessionTokens, hashSessionToken } from './session-token.js'
import { createTotpSecret, verifyTotp } from './totp.js'

export type IdentitySettings = { sessionIdleMinutes: number; loginMaxFailures: number; lockoutMinutes: number }

/** The logged-in caller: the principal the platform checks, plus who they are in the organization. */
export interface Actor extends Principal {
  kind: repo.AccountKind
  loginName: string
  displayName: string
  roles: Role[]
  departmentId: string | null
  departmentName: string | null
  restriction: sessions.SessionRestriction | null
}

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60
// Writing last_seen_at on every request would make every read a write; a minute's precision is plenty.
const TOUCH_AFTER_SECONDS = 60
// The policy is read on every request; a change reaches the other processes within this time.
const POLICY_CACHE_MS = 10_000

// A restricted session may do this one thing, and nothing else, until it is done.
const RESTRICTED_PERMISSIONS: Record<sessions.SessionRestriction, string[]> = {
  totp_enrollment: [Permission.enrollTotp],
  password_change: [Permission.changeOwnPassword],
}

type LoginOutcome = { ok: true; token: string; view: SessionView } | { ok: false; error: AppError }

export function createAuthenticationService({
  db,
  cipher,
  audit,
  settings,
}: {
  db: Db
  cipher: PersonalDataCipher
  audit: AuditService
  settings: IdentitySettings
}) {
  let cachedPolicy: { policy: SecurityPolicy; at: number } | undefined

  /** The security policy in force (defaults from the environment until the security administrator sets one). */
  async function getPolicy(queryable: Queryable = db): Promise<SecurityPolicy> {
    if (cachedPolicy && Date.now() - cachedPolicy.at < POLICY_CACHE_MS && queryable === db) return cachedPolicy.policy
    const stored = await sessions.findPolicy(queryable)
    const policy = { ...buildDefaultPolicy(settings), ...(stored ?? {}) } as SecurityPolicy
    if (queryable === db) cachedPolicy = { policy, at: Date.now() }
    return policy
  }

  /** Replaces the security policy. Audited with the old and new values. */
  async function updatePolicy(context: AuditContext, actor: Actor, policy: SecurityPolicy): Promise<SecurityPolicy> {
    await db.transaction(async (tx) => {
      const before = await getPolicy(tx)
      await sessions.savePolicy(tx, policy, actor.id)
      await audit.record(tx, context, {
        action: 'security.policy.update',
        target: 'security-policy',
        result: 'success',
        details: { before, after: policy },
      })
    })
    cachedPolicy = undefined
    return getPolicy()
  }

  function requiresTotp(account: repo.AccountRow, policy: SecurityPolicy): boolean {
    if (account.kind !== 'staff') return false
    return policy.totpRequiredForStaff || account.roles.some((role) => ADMINISTRATOR_ROLES.includes(role))
  }

  async function openSession(
    tx: Queryable,
    account: repo.AccountRow,
    clientAddress: string | null,
    restriction: sessions.SessionRestriction | null,
  ) {
    const { token, csrfToken } = buildSessionTokens()
    const id = await sessions.insertSession(tx, {
      tokenHash: hashSessionToken(token),
      accountId: account.id,
      csrfToken,
      clientAddress,
      restriction,
    })
    return { id, token, csrfToken }
  }

  async function countFailure(
    tx: Transaction,
    context: AuditContext,
    account: repo.AccountRow,
    policy: SecurityPolicy,
    reason: string,
  ): Promise<AppError> {
    const asAccount = toAuditActor(account)
    const failures = account.failed_login_count + 1
    const locks = failures >= policy.loginMaxFailures
    const lockedUntil = locks ? new Date(Date.now() + policy.lockoutMinutes * 60_000) : null
    await repo.recordLoginFailure(tx, account.id, locks ? 0 : failures, lockedUntil)
    await audit.record(tx, context, {
      actor: asAccount,
      action: 'auth.login',
      target: `account:${account.id}`,
      result: 'failure',
      details: { reason, consecutiveFailures: failures },
    })
    if (!lockedUntil)
      return reason === 'wrong_totp' ? identityErrors.totpInvalid() : identityErrors.invalidCredentials()
    await audit.record(tx, context, {
      actor: asAccount,
      action: 'auth.account_locked',
      target: `account:${account.id}`,
      result: 'success',
      details: { lockedUntil: lockedUntil.toISOString(), consecutiveFailures: failures },
    })
    return identityErrors.accountLocked(lockedUntil, policy.loginMaxFailures)
  }

  /**
   * Logs in by login name (or a person's ID number), with a TOTP code where the account has one. Failures are
   * counted and audited; the account locks after the policy's limit. Throws AUTH_INVALID_CREDENTIALS,
   * AUTH_TOTP_REQUIRED, AUTH_TOTP_INVALID, AUTH_ACCOUNT_LOCKED, AUTH_ACCOUNT_DISABLED.
   */
  async function login(
    context: AuditContext,
    credentials: { loginName: string; password: string; totpCode?: string },
  ): Promise<{ token: string; view: SessionView }> {
    const identifier = credentials.loginName.trim()
    const by =
      findIdNumberProblem(identifier) === undefined
        ? { idNumberIndex: cipher.blindIndex(normalizeIdNumber(identifier)) }
        : { loginName: identifier.toLowerCase() }
    const policy = await getPolicy()
    const outcome = await db.transaction(async (tx): Promise<LoginOutcome> => {
      const account = await repo.findAccountForLogin(tx, by)
      const now = new Date()
      if (!account) {
        await verifyPassword(credentials.password, UNKNOWN_ACCOUNT_HASH)
        await audit.record(tx, context, {
          action: 'auth.login',
          result: 'failure',
          details: { reason: 'unknown_account' },
        })
        return { ok: false, error: identityErrors.invalidCredentials() }
      }
      const asAccount = toAuditActor(account)
      const refuse = async (reason: string, error: AppError): Promise<LoginOutcome> => {
        await audit.record(tx, context, {
          actor: asAccount,
          action: 'auth.login',
          target: `account:${account.id}`,
          result: 'failure',
          details: { reason },
        })
        return { ok: false, error }
      }
      if (account.locked_until && account.locked_until > now) {
        return refuse('locked', identityErrors.accountLocked(account.locked_until, policy.loginMaxFailures))
      }
      if (!(await verifyPassword(credentials.password, account.password_hash))) {
        return { ok: false, error: await countFailure(tx, context, account, policy, 'wrong_password') }
      }
      if (account.status !== 'active') return refuse('disabled', identityErrors.accountDisabled())
      if (account.totp_secret_cipher) {
        if (!credentials.totpCode) return refuse('totp_required', identityErrors.totpRequired())
        const step = verifyTotp(
          cipher.decrypt(account.totp_secret_cipher),
          credentials.totpCode,
          account.totp_last_step,
        )
        if (step === undefined)
          return { ok: false, error: await countFailure(tx, context, account, policy, 'wrong_totp') }
        await sessions.recordTotpStep(tx, account.id, step)
      }
      const restriction =
        !account.totp_secret_cipher && requiresTotp(account, policy)
          ? 'totp_enrollment'
          : isPasswordExpired(account.password_changed_at, policy, now)
            ? 'password_change'
            : null
      const previousLogin = account.last_login_at
        ? { at: account.last_login_at.toISOString(), clientAddress: account.last_login_address }
        : null
      await repo.recordLoginSuccess(tx, account.id, now, context.clientAddress)
      const session = await openSession(tx, account, context.clientAddress, restriction)
      if (account.kind === 'staff' && policy.singleSessionForStaff) {
        const ended = await sessions.deleteOtherSessions(tx, account.id, session.id)
        if (ended > 0) {
          await audit.record(tx, context, {
            actor: asAccount,
            action: 'auth.sessions_replaced',
            target: `account:${account.id}`,
            result: 'success',
            details: { ended },
          })
        }
      }
      await audit.record(tx, context, {
        actor: asAccount,
        action: 'auth.login',
        target: `account:${account.id}`,
        result: 'success',
        details: restriction ? { restriction } : undefined,
      })
      const fresh = { ...account, last_login_at: now, last_login_address: context.clientAddress }
      return {
        ok: true,
        token: session.token,
        view: { account: toAccount(fresh, cipher), csrfToken: session.csrfToken, previousLogin, restriction },
      }
    })
    if (!outcome.ok) throw outcome.error
    return { token: outcome.token, view: outcome.view }
  }

  /** Opens a session for an account just created (registration) inside the caller's transaction. */
  async function openFirstSession(tx: Queryable, accountId: string, clientAddress: string | null) {
    const account = (await repo.findAccountById(tx, accountId)) as repo.AccountRow
    await repo.recordLoginSuccess(tx, accountId, new Date(), clientAddress)
    const session = await openSession(tx, account, clientAddress, null)
    const view: SessionView = {
      account: toAccount(account, cipher),
      csrfToken: session.csrfToken,
      previousLogin: null,
      restriction: null,
    }
    return { token: session.token, view, account }
  }

  /** Ends the caller's session. */
  async function logout(context: AuditContext, actor: Actor): Promise<void> {
    await db.transaction(async (tx) => {
      await sessions.deleteSession(tx, actor.sessionId)
      await audit.record(tx, context, { action: 'auth.logout', target: `account:${actor.id}`, result: 'success' })
    })
  }

  /** The actor behind a session cookie, or undefined when there is none, it idled out or it is too old. */
  async function resolveActor(token: string | undefined): Promise<Actor | undefined> {
    if (!token || token.length > 200) return undefined
    const session = await sessions.findSessionByTokenHash(db, hashSessionToken(token))
    if (!session) return undefined
    const policy = await getPolicy()
    if (session.idle_seconds > policy.sessionIdleMinutes * 60 || session.age_seconds > SESSION_MAX_AGE_SECONDS) {
      await sessions.deleteSession(db, session.id)
      return undefined
    }
    const account = await repo.findAccountById(db, session.account_id)
    if (account?.status !== 'active') return undefined
    if (session.idle_seconds > TOUCH_AFTER_SECONDS) await sessions.touchSession(db, session.id)
    const permissions = session.restriction
      ? RESTRICTED_PERMISSIONS[session.restriction]
      : listPermissions(account.kind, account.roles)
    return {
      id: account.id,
      sessionId: session.id,
      csrfToken: session.csrf_token,
      permissions: new Set(permissions),
      kind: account.kind,
      loginName: account.login_name,
      displayName: account.display_name,
      roles: account.roles,
      departmentId: account.department_id,
      departmentName: account.department_name,
      restriction: session.restriction,
    }
  }

  /** The caller's own account, as the pages show it. Throws AUTH_REQUIRED when the account is gone. */
  async function getOwnAccount(
    actor: Actor,
  ): Promise<{ account: Account; csrfToken: string; restriction: Actor['restriction'] }> {
    const account = await repo.findAccountById(db, actor.id)
    if (!account) throw commonErrors.unauthenticated()
    const view = toAccount(account, cipher)
    return {
      account: { ...view, permissions: [...actor.permissions] },
      csrfToken: actor.csrfToken,
      restriction: actor.restriction,
    }
  }

  /** Starts TOTP enrolment: a new secret, kept pending until a code from it verifies. */
  async function startTotpEnrollment(context: AuditContext, actor: Actor): Promise<{ secret: string; uri: string }> {
    const { secret, uri } = createTotpSecret(actor.loginName)
    await db.transaction(async (tx) => {
      await sessions.setPendingTotp(tx, actor.id, cipher.encrypt(secret))
      await audit.record(tx, context, {
        action: 'auth.totp.enrollment_started',
        target: `account:${actor.id}`,
        result: 'success',
      })
    })
    return { secret, uri }
  }

  /** Activates the pending TOTP secret with a code from it; a restricted session becomes a full one. Throws AUTH_TOTP_INVALID. */
  async function activateTotp(context: AuditContext, actor: Actor, code: string): Promise<void> {
    await db.transaction(async (tx) => {
      await repo.lockAccount(tx, actor.id)
      const account = await repo.findAccountById(tx, actor.id)
      const pending = account?.totp_pending_cipher
      const step = pending ? verifyTotp(cipher.decrypt(pending), code, null) : undefined
      if (!pending || step === undefined) throw identityErrors.totpInvalid()
      await sessions.activateTotp(tx, actor.id, pending, step)
      if (actor.restriction === 'totp_enrollment') await sessions.clearSessionRestriction(tx, actor.sessionId)
      await audit.record(tx, context, {
        action: 'auth.totp.activated',
        target: `account:${actor.id}`,
        result: 'success',
      })
    })
  }

  /**
   * Changes the caller's own password under the policy: strength, and no reuse of the last N. A restricted session
   * becomes a full one. Throws AUTH_INVALID_CREDENTIALS, IDENTITY_PASSWORD_WEAK, IDENTITY_PASSWORD_REUSED.
   */
  async function changePassword(context: AuditContext, actor: Actor, current: string, next: string): Promise<void> {
    const policy = await getPolicy()
    const weakness = findPasswordWeakness(next, policy)
    if (weakness) throw identityErrors.passwordWeak(weakness)
    const newHash = await hashPassword(next)
    await db.transaction(async (tx) => {
      await repo.lockAccount(tx, actor.id)
      const account = (await repo.findAccountById(tx, actor.id)) as repo.AccountRow
      if (!(await verifyPassword(current, account.password_hash))) throw identityErrors.invalidCredentials()
      const recent = [
        account.password_hash,
        ...(await sessions.listRecentPasswordHashes(tx, actor.id, policy.passwordHistoryCount)),
      ]
      for (const old of recent.slice(0, Math.max(1, policy.passwordHistoryCount))) {
        if (await verifyPassword(next, old)) throw identityErrors.passwordReused(policy.passwordHistoryCount)
      }
      await sessions.replacePassword(tx, actor.id, account.password_hash, newHash)
      // Other sessions were opened with the old password: end them.
      await sessions.deleteOtherSessions(tx, actor.id, actor.sessionId)
      if (actor.restriction === 'password_change') await sessions.clearSessionRestriction(tx, actor.sessionId)
      await audit.record(tx, context, {
        action: 'auth.password.change',
        target: `account:${actor.id}`,
        result: 'success',
      })
    })
  }

  return {
    getPolicy,
    updatePolicy,
    login,
    openFirstSession,
    logout,
    resolveActor,
    getOwnAccount,
    startTotpEnrollment,
    activateTotp,
    changePassword,
  }
}

export type AuthenticationService = ReturnType<typeof createAuthenticationService>
export { SecurityPolicy }
