import { timingSafeEqual } from 'node:crypto'
import type { Db, Queryable, Transaction } from '../../platform/db/index.js'
import { type AppError, commonErrors } from '../../platform/errors/index.js'
import type { Principal } from '../../platform/http/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import { bindAccountField, decryptForDisplay } from './account-ciphers.js'
import { type PersonalDataCipher, toAccount, toAuditActor } from './account-views.js'
import { type AdminNetwork, isAddressAllowed } from './admin-networks.js'
import * as sessions from './authentication.repository.js'
import { findIdNumberProblem, normalizeIdNumber } from './id-number.js'
import { identityErrors } from './identity.errors.js'
import * as repo from './identity.repository.js'
import type { Account, SessionView } from './identity.schemas.js'
import { hashGrantCode } from './one-time-secrets.js'
import { hashPassword, UNKNOWN_ACCOUNT_HASH, verifyPassword } from './password.js'
import { ADMINISTRATOR_ROLES, isAdministrator, listPermissions, Permission, type Role } from './roles.js'
import { buildDefaultPolicy, findPasswordWeakness, isPasswordExpired, SecurityPolicy } from './security-policy.js'
import { buildSessionTokens, hashSessionToken } from './session-token.js'
import { createSlidingCounter } from './sliding-counter.js'
import { createTotpSecret, verifyTotp } from './totp.js'

export type IdentitySettings = {
  sessionIdleMinutes: number
  /** The idle limit of administrators' sessions (TONGBAN_ADMIN_SESSION_IDLE_MINUTES); the policy's can be shorter. */
  adminSessionIdleMinutes: number
  loginMaxFailures: number
  lockoutMinutes: number
}

/** Where a request comes from, for the administrators' address allow-list and its audit record. */
export type RequestOrigin = { clientAddress: string | null; requestId: string | null }

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

// A login flood: this many failures within the window, from one address or against one account, alert the
// security administrator (again at each further multiple).
const FLOOD_WINDOW_MINUTES = 10
export const ADDRESS_FLOOD_THRESHOLD = 20
export const ACCOUNT_FLOOD_THRESHOLD = 10

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
  let cachedNetworks: { networks: AdminNetwork[]; at: number } | undefined
  const failuresByAddress = createSlidingCounter({ windowMs: FLOOD_WINDOW_MINUTES * 60_000 })
  const failuresByAccount = createSlidingCounter({ windowMs: FLOOD_WINDOW_MINUTES * 60_000 })

  /** The administrators' address allow-list (empty: no restriction), cached like the policy. */
  async function getAdminNetworks(queryable: Queryable = db): Promise<AdminNetwork[]> {
    if (cachedNetworks && Date.now() - cachedNetworks.at < POLICY_CACHE_MS && queryable === db) {
      return cachedNetworks.networks
    }
    const networks = await repo.listAdminNetworks(queryable)
    if (queryable === db) cachedNetworks = { networks, at: Date.now() }
    return networks
  }

  /** Forgets the cached allow-list after the security administrator saved a new one. */
  function forgetAdminNetworks(): void {
    cachedNetworks = undefined
  }

  /** Counts a failed login towards the flood windows and alerts the security administrator when one floods. */
  async function noteFailure(tx: Transaction, context: AuditContext, accountId: string | null): Promise<void> {
    const now = Date.now()
    const address = context.clientAddress
    if (address) {
      const count = failuresByAddress.add(address, now)
      if (count % ADDRESS_FLOOD_THRESHOLD === 0) {
        await audit.raiseAlert(
          {
            kind: 'login_flood',
            title: '同一地址短时间内大量登录失败',
            detail: `同一来源地址 ${FLOOD_WINDOW_MINUTES} 分钟内登录失败 ${count} 次`,
            target: `address:${address}`,
          },
          { tx, context },
        )
      }
    }
    if (accountId) {
      const count = failuresByAccount.add(accountId, now)
      if (count % ACCOUNT_FLOOD_THRESHOLD === 0) {
        await audit.raiseAlert(
          {
            kind: 'login_flood',
            title: '同一账户短时间内大量登录失败',
            detail: `${FLOOD_WINDOW_MINUTES} 分钟内登录失败 ${count} 次`,
            target: `account:${accountId}`,
          },
          { tx, context },
        )
      }
    }
  }

  /** Refuses an administrator outside the allow-list: audited as denied, and an alert for the security administrator. */
  async function refuseAddress(tx: Transaction, context: AuditContext, account: repo.AccountRow, action: string) {
    await audit.record(tx, context, {
      actor: toAuditActor(account),
      action,
      target: `account:${account.id}`,
      result: 'denied',
      details: { reason: 'address_not_allowed' },
    })
    await audit.raiseAlert(
      {
        kind: 'admin_address_refused',
        title: '管理员账户从允许范围以外的地址访问',
        detail: '来源地址不在管理员地址白名单内；地址见同一请求的审计记录',
        target: `account:${account.id}`,
      },
      { tx, context },
    )
  }

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
    await noteFailure(tx, context, account.id)
    if (!lockedUntil) {
      if (reason === 'wrong_totp') return identityErrors.totpInvalid()
      return reason === 'wrong_grant_code' ? identityErrors.grantCodeInvalid() : identityErrors.invalidCredentials()
    }
    await audit.record(tx, context, {
      actor: asAccount,
      action: 'auth.account_locked',
      target: `account:${account.id}`,
      result: 'success',
      details: { lockedUntil: lockedUntil.toISOString(), consecutiveFailures: failures },
    })
    await audit.raiseAlert(
      {
        kind: 'account_locked',
        title: '账户因连续登录失败被锁定',
        detail: `连续失败 ${failures} 次，锁定 ${policy.lockoutMinutes} 分钟`,
        target: `account:${account.id}`,
      },
      { tx, context },
    )
    return identityErrors.accountLocked(lockedUntil, policy.loginMaxFailures)
  }

  /**
   * Logs in by login name (or a person's ID number), with a TOTP code where the account has one. An administrator
   * without a second factor needs the grant code from the security administrator, and then may only enrol one; an
   * administrator outside the address allow-list is refused. Failures are counted and audited; the account locks
   * after the policy's limit. Throws AUTH_INVALID_CREDENTIALS, AUTH_TOTP_REQUIRED, AUTH_TOTP_INVALID,
   * AUTH_GRANT_CODE_REQUIRED, AUTH_GRANT_CODE_INVALID, AUTH_SECOND_FACTOR_NOT_GRANTED, AUTH_ADDRESS_NOT_ALLOWED,
   * AUTH_ACCOUNT_LOCKED, AUTH_ACCOUNT_DISABLED.
   */
  async function login(
    context: AuditContext,
    credentials: { loginName: string; password: string; totpCode?: string; grantCode?: string },
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
        await noteFailure(tx, context, null)
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
        await noteFailure(tx, context, account.id)
        return refuse('locked', identityErrors.accountLocked(account.locked_until, policy.loginMaxFailures))
      }
      if (!(await verifyPassword(credentials.password, account.password_hash))) {
        return { ok: false, error: await countFailure(tx, context, account, policy, 'wrong_password') }
      }
      if (account.status !== 'active') return refuse('disabled', identityErrors.accountDisabled())
      const administrator = isAdministrator(account.roles)
      if (administrator && !isAddressAllowed(await getAdminNetworks(tx), context.clientAddress)) {
        await refuseAddress(tx, context, account, 'auth.login')
        return { ok: false, error: identityErrors.addressNotAllowed() }
      }
      if (!account.totp_secret_cipher && administrator) {
        // Split knowledge: whoever set the password (system administrator) does not hold the grant code, and the
        // security administrator who holds it does not know the password; the holder enrols a new second factor.
        const grant = account.enrolment_grant_hash
        const grantLive = grant && account.enrolment_grant_expires_at && account.enrolment_grant_expires_at > now
        if (grantLive) {
          if (!credentials.grantCode) return refuse('grant_code_required', identityErrors.grantCodeRequired())
          const presented = Buffer.from(hashGrantCode(credentials.grantCode))
          if (!timingSafeEqual(presented, Buffer.from(grant))) {
            return { ok: false, error: await countFailure(tx, context, account, policy, 'wrong_grant_code') }
          }
        } else if (!account.may_enrol_without_grant) {
          return refuse('second_factor_not_granted', identityErrors.secondFactorNotGranted())
        }
      }
      if (account.totp_secret_cipher) {
        if (!credentials.totpCode) return refuse('totp_required', identityErrors.totpRequired())
        const step = verifyTotp(
          cipher.decrypt(account.totp_secret_cipher, bindAccountField(account.id, 'totp_secret_cipher')),
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
          : account.must_change_password || isPasswordExpired(account.password_changed_at, policy, now)
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

  /**
   * The actor behind a session cookie, or undefined when there is none, it idled out (administrators sooner) or it
   * is too old. An administrator's session used from outside the address allow-list is ended, audited and alerted;
   * throws AUTH_ADDRESS_NOT_ALLOWED.
   */
  async function resolveActor(
    token: string | undefined,
    origin: RequestOrigin = { clientAddress: null, requestId: null },
  ): Promise<Actor | undefined> {
    if (!token || token.length > 200) return undefined
    const session = await sessions.findSessionByTokenHash(db, hashSessionToken(token))
    if (!session) return undefined
    const policy = await getPolicy()
    const account = await repo.findAccountById(db, session.account_id)
    const administrator = account ? isAdministrator(account.roles) : false
    const idleMinutes = administrator
      ? Math.min(policy.sessionIdleMinutes, settings.adminSessionIdleMinutes)
      : policy.sessionIdleMinutes
    if (session.idle_seconds > idleMinutes * 60 || session.age_seconds > SESSION_MAX_AGE_SECONDS) {
      await sessions.deleteSession(db, session.id)
      return undefined
    }
    if (account?.status !== 'active') return undefined
    if (administrator && !isAddressAllowed(await getAdminNetworks(), origin.clientAddress)) {
      await db.transaction(async (tx) => {
        await sessions.deleteSession(tx, session.id)
        await refuseAddress(tx, { actor: toAuditActor(account), ...origin }, account, 'auth.session.use')
      })
      throw identityErrors.addressNotAllowed()
    }
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
      await sessions.setPendingTotp(
        tx,
        actor.id,
        cipher.encrypt(secret, bindAccountField(actor.id, 'totp_pending_cipher')),
      )
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
      const secret = pending ? cipher.decrypt(pending, bindAccountField(actor.id, 'totp_pending_cipher')) : undefined
      const step = secret ? verifyTotp(secret, code, null) : undefined
      if (!account || !secret || step === undefined) throw identityErrors.totpInvalid()
      // A ciphertext is bound to its column, so the secret is sealed anew for totp_secret_cipher.
      const active = cipher.encrypt(secret, bindAccountField(actor.id, 'totp_secret_cipher'))
      await sessions.activateTotp(tx, actor.id, active, step)
      if (actor.restriction === 'totp_enrollment') {
        // A one-time password (new account, reset) is changed next, before the session becomes a full one.
        if (account.must_change_password) await sessions.setSessionRestriction(tx, actor.sessionId, 'password_change')
        else await sessions.clearSessionRestriction(tx, actor.sessionId)
      }
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
    const owner = await repo.findAccountById(db, actor.id)
    const weakness = findPasswordWeakness(next, policy, {
      loginName: actor.loginName,
      // Only a strength check: a tampered value (alerted) must not stop the owner changing the password.
      phone: owner?.phone_cipher
        ? decryptForDisplay(cipher, owner.phone_cipher, bindAccountField(owner.id, 'phone_cipher'))
        : null,
      idNumber: owner?.id_number_cipher
        ? decryptForDisplay(cipher, owner.id_number_cipher, bindAccountField(owner.id, 'id_number_cipher'))
        : null,
    })
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
    getAdminNetworks,
    forgetAdminNetworks,
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
