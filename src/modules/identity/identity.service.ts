import type { Db, Queryable } from '../../platform/db/index.js'
import { AppError, commonErrors } from '../../platform/errors/index.js'
import type { Principal } from '../../platform/http/index.js'
import type { AuditActor, AuditContext, AuditService } from '../audit/index.js'
import { buildDivisionRows } from './divisions.js'
import { findIdNumberProblem, maskIdNumber, normalizeIdNumber } from './id-number.js'
import { identityErrors } from './identity.errors.js'
import * as repo from './identity.repository.js'
import type {
  Account,
  CreateStaffBody,
  Department,
  Division,
  RegisterBody,
  SessionView,
  StaffMember,
} from './identity.schemas.js'
import { MAX_DEPARTMENT_DEPTH } from './identity.schemas.js'
import { findPasswordWeakness, hashPassword, UNKNOWN_ACCOUNT_HASH, verifyPassword } from './password.js'
import { findSeparationConflict, isCentreWide, listPermissions, type Role } from './roles.js'
import { buildSessionTokens, hashSessionToken } from './session-token.js'
import { isValidUscc } from './uscc.js'

/** Encrypts personal data and builds blind indexes; provided by platform/crypto's key ring. */
export type PersonalDataCipher = {
  encrypt(plaintext: string): string
  decrypt(ciphertext: string): string
  blindIndex(value: string): string
}

export type IdentitySettings = {
  sessionIdleMinutes: number
  loginMaxFailures: number
  lockoutMinutes: number
}

/** The logged-in caller: the principal the platform checks, plus who they are in the organization. */
export interface Actor extends Principal {
  kind: repo.AccountKind
  loginName: string
  displayName: string
  roles: Role[]
  departmentId: string | null
  departmentName: string | null
}

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60
// Writing last_seen_at on every request would make every read a write; a minute's precision is plenty.
const TOUCH_AFTER_SECONDS = 60

function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

function isPhone(value: string): boolean {
  return /^1\d{10}$/.test(value)
}

export function createIdentityService({
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
  function toAuditActor(account: repo.AccountRow): AuditActor {
    return {
      accountId: account.id,
      displayName: account.display_name,
      roles: account.roles,
      departmentId: account.department_id,
      departmentName: account.department_name,
    }
  }

  function toAccount(row: repo.AccountRow): Account {
    return {
      id: row.id,
      kind: row.kind,
      loginName: row.login_name,
      displayName: row.display_name,
      roles: row.roles,
      department: row.department_id ? { id: row.department_id, name: row.department_name ?? '' } : null,
      permissions: listPermissions(row.kind, row.roles),
      maskedIdNumber: row.id_number_cipher ? maskIdNumber(cipher.decrypt(row.id_number_cipher)) : null,
      maskedPhone: row.phone_cipher ? maskPhone(cipher.decrypt(row.phone_cipher)) : null,
      uscc: row.uscc,
      lastLoginAt: row.last_login_at?.toISOString() ?? null,
    }
  }

  async function openSession(tx: Queryable, account: repo.AccountRow, clientAddress: string | null) {
    const { token, csrfToken } = buildSessionTokens()
    await repo.insertSession(tx, {
      tokenHash: hashSessionToken(token),
      accountId: account.id,
      csrfToken,
      clientAddress,
    })
    return { token, csrfToken }
  }

  type LoginOutcome = { ok: true; token: string; view: SessionView } | { ok: false; error: AppError }

  /**
   * Logs in by login name (or a person's ID number). Failures are counted and audited, and the account locks
   * after `loginMaxFailures` in a row. Throws AUTH_INVALID_CREDENTIALS, AUTH_ACCOUNT_LOCKED, AUTH_ACCOUNT_DISABLED.
   */
  async function login(
    context: AuditContext,
    loginName: string,
    password: string,
  ): Promise<{ token: string; view: SessionView }> {
    const identifier = loginName.trim()
    const by =
      findIdNumberProblem(identifier) === undefined
        ? { idNumberIndex: cipher.blindIndex(normalizeIdNumber(identifier)) }
        : { loginName: identifier.toLowerCase() }
    const outcome = await db.transaction(async (tx): Promise<LoginOutcome> => {
      const account = await repo.findAccountForLogin(tx, by)
      const now = new Date()
      if (!account) {
        await verifyPassword(password, UNKNOWN_ACCOUNT_HASH)
        await audit.record(tx, context, {
          action: 'auth.login',
          result: 'failure',
          details: { reason: 'unknown_account' },
        })
        return { ok: false, error: identityErrors.invalidCredentials() }
      }
      const asAccount = toAuditActor(account)
      if (account.locked_until && account.locked_until > now) {
        await audit.record(tx, context, {
          actor: asAccount,
          action: 'auth.login',
          target: `account:${account.id}`,
          result: 'failure',
          details: { reason: 'locked' },
        })
        return { ok: false, error: identityErrors.accountLocked(account.locked_until, settings.loginMaxFailures) }
      }
      if (!(await verifyPassword(password, account.password_hash))) {
        const failures = account.failed_login_count + 1
        const locks = failures >= settings.loginMaxFailures
        const lockedUntil = locks ? new Date(now.getTime() + settings.lockoutMinutes * 60_000) : null
        await repo.recordLoginFailure(tx, account.id, locks ? 0 : failures, lockedUntil)
        await audit.record(tx, context, {
          actor: asAccount,
          action: 'auth.login',
          target: `account:${account.id}`,
          result: 'failure',
          details: { reason: 'wrong_password', consecutiveFailures: failures },
        })
        if (lockedUntil) {
          await audit.record(tx, context, {
            actor: asAccount,
            action: 'auth.account_locked',
            target: `account:${account.id}`,
            result: 'success',
            details: { lockedUntil: lockedUntil.toISOString(), consecutiveFailures: failures },
          })
          return { ok: false, error: identityErrors.accountLocked(lockedUntil, settings.loginMaxFailures) }
        }
        return { ok: false, error: identityErrors.invalidCredentials() }
      }
      if (account.status !== 'active') {
        await audit.record(tx, context, {
          actor: asAccount,
          action: 'auth.login',
          target: `account:${account.id}`,
          result: 'failure',
          details: { reason: 'disabled' },
        })
        return { ok: false, error: identityErrors.accountDisabled() }
      }
      const previousLogin = account.last_login_at
        ? { at: account.last_login_at.toISOString(), clientAddress: account.last_login_address }
        : null
      await repo.recordLoginSuccess(tx, account.id, now, context.clientAddress)
      const { token, csrfToken } = await openSession(tx, account, context.clientAddress)
      await audit.record(tx, context, {
        actor: asAccount,
        action: 'auth.login',
        target: `account:${account.id}`,
        result: 'success',
      })
      const fresh = { ...account, last_login_at: now, last_login_address: context.clientAddress }
      return { ok: true, token, view: { account: toAccount(fresh), csrfToken, previousLogin } }
    })
    if (!outcome.ok) throw outcome.error
    return { token: outcome.token, view: outcome.view }
  }

  /** Ends the caller's session. */
  async function logout(context: AuditContext, actor: Actor): Promise<void> {
    await db.transaction(async (tx) => {
      await repo.deleteSession(tx, actor.sessionId)
      await audit.record(tx, context, { action: 'auth.logout', target: `account:${actor.id}`, result: 'success' })
    })
  }

  /** The actor behind a session cookie, or undefined when there is none, it idled out or it is too old. */
  async function resolveActor(token: string | undefined): Promise<Actor | undefined> {
    if (!token || token.length > 200) return undefined
    const session = await repo.findSessionByTokenHash(db, hashSessionToken(token))
    if (!session) return undefined
    if (session.idle_seconds > settings.sessionIdleMinutes * 60 || session.age_seconds > SESSION_MAX_AGE_SECONDS) {
      await repo.deleteSession(db, session.id)
      return undefined
    }
    const account = await repo.findAccountById(db, session.account_id)
    if (account?.status !== 'active') return undefined
    if (session.idle_seconds > TOUCH_AFTER_SECONDS) await repo.touchSession(db, session.id)
    return {
      id: account.id,
      sessionId: session.id,
      csrfToken: session.csrf_token,
      permissions: new Set(listPermissions(account.kind, account.roles)),
      kind: account.kind,
      loginName: account.login_name,
      displayName: account.display_name,
      roles: account.roles,
      departmentId: account.department_id,
      departmentName: account.department_name,
    }
  }

  /** The caller's own account, as the pages show it. Throws AUTH_REQUIRED when the account is gone. */
  async function getOwnAccount(actor: Actor): Promise<{ account: Account; csrfToken: string }> {
    const account = await repo.findAccountById(db, actor.id)
    if (!account) throw commonErrors.unauthenticated()
    return { account: toAccount(account), csrfToken: actor.csrfToken }
  }

  function checkPhone(phone: string | undefined): void {
    if (phone !== undefined && !isPhone(phone)) throw identityErrors.phoneInvalid()
  }

  function checkPassword(password: string): void {
    const weakness = findPasswordWeakness(password)
    if (weakness) throw identityErrors.passwordWeak(weakness)
  }

  /**
   * Registers a natural or legal person and logs them in. Throws IDENTITY_ID_NUMBER_INVALID, IDENTITY_USCC_INVALID,
   * IDENTITY_PHONE_INVALID, IDENTITY_PASSWORD_WEAK, IDENTITY_LOGIN_NAME_TAKEN, IDENTITY_ACCOUNT_EXISTS.
   */
  async function register(context: AuditContext, body: RegisterBody): Promise<{ token: string; view: SessionView }> {
    checkPhone(body.phone)
    checkPassword(body.password)
    let idNumber: string | null = null
    let uscc: string | null = null
    if (body.kind === 'person') {
      const problem = findIdNumberProblem(body.idNumber)
      if (problem) throw identityErrors.idNumberInvalid(problem)
      idNumber = normalizeIdNumber(body.idNumber)
    } else {
      if (!isValidUscc(body.uscc)) throw identityErrors.usccInvalid()
      uscc = body.uscc.trim().toUpperCase()
    }
    const loginName = body.loginName.toLowerCase()
    const passwordHash = await hashPassword(body.password)
    return db.transaction(async (tx) => {
      if (await repo.isLoginNameTaken(tx, loginName)) throw identityErrors.loginNameTaken()
      const idNumberIndex = idNumber ? cipher.blindIndex(idNumber) : null
      if (idNumberIndex && (await repo.isIdNumberRegistered(tx, idNumberIndex))) throw identityErrors.accountExists()
      if (uscc && (await repo.isUsccRegistered(tx, uscc))) throw identityErrors.accountExists()
      const id = await repo.insertAccount(
        tx,
        {
          kind: body.kind,
          loginName,
          displayName: body.name.trim(),
          passwordHash,
          departmentId: null,
          idNumberCipher: idNumber ? cipher.encrypt(idNumber) : null,
          idNumberIndex,
          phoneCipher: cipher.encrypt(body.phone),
          phoneIndex: cipher.blindIndex(body.phone),
          uscc,
        },
        [],
      )
      const account = (await repo.findAccountById(tx, id)) as repo.AccountRow
      const asAccount = toAuditActor(account)
      await repo.recordLoginSuccess(tx, id, new Date(), context.clientAddress)
      const { token, csrfToken } = await openSession(tx, account, context.clientAddress)
      await audit.record(tx, context, {
        actor: asAccount,
        action: 'identity.account.register',
        target: `account:${id}`,
        result: 'success',
      })
      return { token, view: { account: toAccount(account), csrfToken, previousLogin: null } }
    })
  }

  /** The departments the actor may see staff of: all (null) for centre-wide roles, else their department's subtree. */
  async function listScopeDepartmentIds(actor: Actor): Promise<string[] | null> {
    if (isCentreWide(actor.roles)) return null
    return actor.departmentId ? repo.listDepartmentSubtreeIds(db, actor.departmentId) : []
  }

  /** Staff visible to the actor, optionally within one department (and its sub-departments). */
  async function listStaff(actor: Actor, departmentId?: string): Promise<StaffMember[]> {
    const scope = await listScopeDepartmentIds(actor)
    let ids = scope
    if (departmentId) {
      const requested = await repo.listDepartmentSubtreeIds(db, departmentId)
      ids = scope ? requested.filter((id) => scope.includes(id)) : requested
    }
    const rows = await repo.listStaff(db, ids)
    const now = new Date()
    return rows.map((row) => ({
      id: row.id,
      loginName: row.login_name,
      displayName: row.display_name,
      roles: row.roles,
      department: row.department_id ? { id: row.department_id, name: row.department_name ?? '' } : null,
      status: row.status === 'disabled' ? 'disabled' : row.locked_until && row.locked_until > now ? 'locked' : 'active',
      lastLoginAt: row.last_login_at?.toISOString() ?? null,
    }))
  }

  /**
   * Creates a staff account in a department within the actor's scope. Throws IDENTITY_ROLE_SEPARATION,
   * IDENTITY_DEPARTMENT_NOT_FOUND, IDENTITY_LOGIN_NAME_TAKEN, IDENTITY_PASSWORD_WEAK, FORBIDDEN.
   */
  async function createStaff(context: AuditContext, actor: Actor, body: CreateStaffBody): Promise<StaffMember> {
    const conflict = findSeparationConflict(body.roles)
    if (conflict) throw identityErrors.roleSeparation(conflict)
    checkPassword(body.password)
    checkPhone(body.phone)
    const scope = await listScopeDepartmentIds(actor)
    if (scope && !scope.includes(body.departmentId)) throw identityErrors.outsideDepartmentScope()
    const passwordHash = await hashPassword(body.password)
    const id = await db.transaction(async (tx) => {
      if (!(await repo.findDepartment(tx, body.departmentId))) throw identityErrors.departmentNotFound()
      const loginName = body.loginName.toLowerCase()
      if (await repo.isLoginNameTaken(tx, loginName)) throw identityErrors.loginNameTaken()
      const created = await repo.insertAccount(
        tx,
        {
          kind: 'staff',
          loginName,
          displayName: body.displayName.trim(),
          passwordHash,
          departmentId: body.departmentId,
          idNumberCipher: null,
          idNumberIndex: null,
          phoneCipher: body.phone ? cipher.encrypt(body.phone) : null,
          phoneIndex: body.phone ? cipher.blindIndex(body.phone) : null,
          uscc: null,
        },
        body.roles,
      )
      await audit.record(tx, context, {
        action: 'identity.staff.create',
        target: `account:${created}`,
        result: 'success',
        details: { roles: body.roles, departmentId: body.departmentId },
      })
      return created
    })
    const [member] = (await listStaff(actor)).filter((staff) => staff.id === id)
    return member as StaffMember
  }

  /** A person's account found by ID number through the blind index, without decrypting any row. */
  async function findPersonByIdNumber(idNumber: string) {
    const problem = findIdNumberProblem(idNumber)
    if (problem) throw identityErrors.idNumberInvalid(problem)
    const row = await repo.findAccountByIdNumberIndex(db, cipher.blindIndex(normalizeIdNumber(idNumber)))
    if (!row?.id_number_cipher) return undefined
    return {
      id: row.id,
      displayName: row.display_name,
      maskedIdNumber: maskIdNumber(cipher.decrypt(row.id_number_cipher)),
      maskedPhone: row.phone_cipher ? maskPhone(cipher.decrypt(row.phone_cipher)) : null,
    }
  }

  /** Loads the GB/T 2260 divisions on first start; later starts find them there. */
  async function ensureDivisions(): Promise<number> {
    if ((await repo.countDivisions(db)) > 0) return 0
    const rows = buildDivisionRows()
    await db.transaction((tx) => repo.insertDivisions(tx, rows))
    return rows.length
  }

  async function listDivisions(parentCode?: string): Promise<Division[]> {
    const rows = await repo.listDivisions(db, parentCode)
    return rows.map((row) => ({ code: row.code, name: row.name, level: row.level }))
  }

  /** Creates a department under a division (and optionally a parent department), at most three levels deep. */
  async function createDepartment(
    tx: Queryable,
    department: { divisionCode: string; parentId: string | null; code: string; name: string; sortOrder?: number },
  ): Promise<string> {
    let depth = 1
    for (let parent = department.parentId; parent; depth += 1) {
      const found = await repo.findDepartment(tx, parent)
      if (!found) throw identityErrors.departmentNotFound()
      parent = found.parent_id
    }
    if (depth > MAX_DEPARTMENT_DEPTH) {
      throw new AppError('IDENTITY_DEPARTMENT_TOO_DEEP', 400, `部门层级不能超过 ${MAX_DEPARTMENT_DEPTH} 级`)
    }
    return repo.insertDepartment(tx, { ...department, sortOrder: department.sortOrder ?? 0 })
  }

  /** How many departments exist (seeding checks this inside its own transaction). */
  async function countDepartments(tx: Queryable): Promise<number> {
    return (await repo.listDepartments(tx)).length
  }

  /** The department tree, with the division it serves (the first department's division). */
  async function getDepartmentDirectory() {
    const rows = await repo.listDepartments(db)
    const byParent = new Map<string | null, repo.DepartmentRow[]>()
    for (const row of rows) byParent.set(row.parent_id, [...(byParent.get(row.parent_id) ?? []), row])
    const build = (parentId: string | null): Department[] =>
      (byParent.get(parentId) ?? []).map((row) => ({
        id: row.id,
        code: row.code,
        name: row.name,
        children: build(row.id),
      }))
    const divisionCode = rows[0]?.division_code
    const path = divisionCode ? await repo.listDivisionPath(db, divisionCode) : []
    const division = path[path.length - 1]
    return {
      division: {
        code: division?.code ?? '',
        name: division?.name ?? '',
        fullName: path.map((entry) => entry.name).join(''),
      },
      departments: build(null),
    }
  }

  /** Creates an account directly (demo seeding and the first administrator); the caller audits it. */
  async function createAccount(
    tx: Queryable,
    account: {
      kind: repo.AccountKind
      loginName: string
      displayName: string
      password: string
      departmentId?: string
      roles?: Role[]
      idNumber?: string
      phone?: string
      uscc?: string
    },
  ): Promise<string> {
    const roles = account.roles ?? []
    const conflict = findSeparationConflict(roles)
    if (conflict) throw identityErrors.roleSeparation(conflict)
    if (account.idNumber) {
      const problem = findIdNumberProblem(account.idNumber)
      if (problem) throw identityErrors.idNumberInvalid(problem)
    }
    if (account.uscc && !isValidUscc(account.uscc)) throw identityErrors.usccInvalid()
    const idNumber = account.idNumber ? normalizeIdNumber(account.idNumber) : null
    return repo.insertAccount(
      tx,
      {
        kind: account.kind,
        loginName: account.loginName.toLowerCase(),
        displayName: account.displayName,
        passwordHash: await hashPassword(account.password),
        departmentId: account.departmentId ?? null,
        idNumberCipher: idNumber ? cipher.encrypt(idNumber) : null,
        idNumberIndex: idNumber ? cipher.blindIndex(idNumber) : null,
        phoneCipher: account.phone ? cipher.encrypt(account.phone) : null,
        phoneIndex: account.phone ? cipher.blindIndex(account.phone) : null,
        uscc: account.uscc ?? null,
      },
      roles,
    )
  }

  /** The audit snapshot of an actor (null for anonymous requests). */
  function describeActor(actor: Actor | undefined): AuditActor | null {
    if (!actor) return null
    return {
      accountId: actor.id,
      displayName: actor.displayName,
      roles: actor.roles,
      departmentId: actor.departmentId,
      departmentName: actor.departmentName,
    }
  }

  return {
    login,
    logout,
    register,
    resolveActor,
    getOwnAccount,
    listStaff,
    createStaff,
    findPersonByIdNumber,
    ensureDivisions,
    listDivisions,
    createDepartment,
    countDepartments,
    getDepartmentDirectory,
    createAccount,
    describeActor,
  }
}

export type IdentityService = ReturnType<typeof createIdentityService>
