import { randomUUID } from 'node:crypto'
import type { Db, Queryable } from '../../platform/db/index.js'
import { AppError } from '../../platform/errors/index.js'
import type { JobQueue } from '../../platform/jobs/index.js'
import type { AuditActor, AuditContext, AuditService } from '../audit/index.js'
import { bindAccountField } from './account-ciphers.js'
import { maskPhone, type PersonalDataCipher } from './account-views.js'
import { type AdminNetwork, isAddressAllowed, normalizeCidr } from './admin-networks.js'
import * as sessions from './authentication.repository.js'
import { type Actor, createAuthenticationService, type IdentitySettings } from './authentication.service.js'
import { buildDivisionRows } from './divisions.js'
import { createFirstAdministratorSetup } from './first-administrator.js'
import { findIdNumberProblem, maskIdNumber, normalizeIdNumber } from './id-number.js'
import { identityErrors } from './identity.errors.js'
import * as repo from './identity.repository.js'
import type {
  CreateDepartmentBody,
  CreateStaffBody,
  Department,
  Division,
  RegisterBody,
  SessionView,
  StaffMember,
} from './identity.schemas.js'
import { MAX_DEPARTMENT_DEPTH } from './identity.schemas.js'
import { createKeyRotation, type RotatingCipher } from './key-rotation.js'
import { buildGrantCode, buildOneTimePassword, hashGrantCode } from './one-time-secrets.js'
import { hashPassword } from './password.js'
import { createPersonalDataService } from './personal-data.js'
import { createPersonalDataExports } from './personal-data-export.js'
import { ADMINISTRATOR_ROLES, findSeparationConflict, isCentreWide, ROLE_LABELS, type Role } from './roles.js'
import { findPasswordWeakness, type PasswordOwner } from './security-policy.js'
import { createSlidingCounter } from './sliding-counter.js'
import { isValidUscc } from './uscc.js'

export type { Actor, IdentitySettings, PersonalDataCipher }

// Person lookup by ID number: each staff account may look up this many people per window (each lookup audited).
export const LOOKUP_LIMIT = 30
const LOOKUP_WINDOW_MINUTES = 10
// A grant code is handed over in person; it need not live longer than a working week.
const GRANT_CODE_DAYS = 7

function isPhone(value: string): boolean {
  return /^1\d{10}$/.test(value)
}

/** Identity: who is who (divisions, departments, accounts, roles) plus authentication (sessions, TOTP, policy). */
export function createIdentityService(deps: {
  db: Db
  cipher: RotatingCipher & PersonalDataCipher
  audit: AuditService
  jobs: JobQueue
  settings: IdentitySettings
}) {
  const { db, cipher, audit } = deps
  const authentication = createAuthenticationService(deps)
  const setup = createFirstAdministratorSetup({ db, audit, getPolicy: authentication.getPolicy })
  const personalData = createPersonalDataService({ db, cipher, audit })
  const keyRotation = createKeyRotation({ db, cipher, audit, jobs: deps.jobs })
  const exports = createPersonalDataExports({ db, cipher, audit })

  function checkPhone(phone: string | undefined): void {
    if (phone !== undefined && !isPhone(phone)) throw identityErrors.phoneInvalid()
  }

  async function checkPassword(password: string, owner: PasswordOwner): Promise<void> {
    const weakness = findPasswordWeakness(password, await authentication.getPolicy(), owner)
    if (weakness) throw identityErrors.passwordWeak(weakness)
  }

  /** Audits a refused attempt (who, on whom, why) in its own transaction, then hands back the error to throw. */
  async function refusal(
    context: AuditContext,
    action: string,
    target: string | null,
    error: AppError,
    result: 'denied' | 'failure' = 'denied',
  ): Promise<AppError> {
    await audit.recordNow(context, { action, target, result, details: { code: error.code } })
    return error
  }

  /**
   * The last active holder of an administrator role cannot lose it (disabled or demoted): nobody could then do that
   * administrator's work. Locks every holder, so two demotions at once cannot each leave the other as the last.
   */
  async function checkNotLastHolder(tx: Queryable, id: string, losing: readonly Role[]): Promise<void> {
    for (const role of ADMINISTRATOR_ROLES.filter((administrator) => losing.includes(administrator))) {
      const holders = await repo.lockActiveHolders(tx, role)
      if (holders.includes(id) && holders.length <= 1) throw identityErrors.lastAdministrator(ROLE_LABELS[role])
    }
  }

  /**
   * Registers a natural or legal person and logs them in. Throws IDENTITY_ID_NUMBER_INVALID, IDENTITY_USCC_INVALID,
   * IDENTITY_PHONE_INVALID, IDENTITY_PASSWORD_WEAK, IDENTITY_LOGIN_NAME_TAKEN, IDENTITY_ACCOUNT_EXISTS.
   */
  async function register(context: AuditContext, body: RegisterBody): Promise<{ token: string; view: SessionView }> {
    checkPhone(body.phone)
    await checkPassword(body.password, {
      loginName: body.loginName,
      phone: body.phone,
      idNumber: body.kind === 'person' ? normalizeIdNumber(body.idNumber) : null,
    })
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
      const newId = randomUUID()
      const id = await repo.insertAccount(
        tx,
        {
          id: newId,
          kind: body.kind,
          loginName,
          displayName: body.name.trim(),
          passwordHash,
          departmentId: null,
          idNumberCipher: idNumber ? cipher.encrypt(idNumber, bindAccountField(newId, 'id_number_cipher')) : null,
          idNumberIndex,
          phoneCipher: cipher.encrypt(body.phone, bindAccountField(newId, 'phone_cipher')),
          phoneIndex: cipher.blindIndex(body.phone),
          uscc,
        },
        [],
      )
      const { token, view, account } = await authentication.openFirstSession(tx, id, context.clientAddress)
      await audit.record(tx, context, {
        actor: {
          accountId: id,
          displayName: account.display_name,
          roles: [],
          departmentId: null,
          departmentName: null,
        },
        action: 'identity.account.register',
        target: `account:${id}`,
        result: 'success',
      })
      return { token, view }
    })
  }

  /** The departments the actor may see staff of: all (null) for centre-wide roles, else their department's subtree. */
  async function listScopeDepartmentIds(actor: Actor, q: Queryable = db): Promise<string[] | null> {
    if (isCentreWide(actor.roles)) return null
    return actor.departmentId ? repo.listDepartmentSubtreeIds(q, actor.departmentId) : []
  }

  function toStaffMember(row: repo.AccountRow, now: Date): StaffMember {
    return {
      id: row.id,
      loginName: row.login_name,
      displayName: row.display_name,
      roles: row.roles,
      department: row.department_id ? { id: row.department_id, name: row.department_name ?? '' } : null,
      status: row.status === 'disabled' ? 'disabled' : row.locked_until && row.locked_until > now ? 'locked' : 'active',
      lastLoginAt: row.last_login_at?.toISOString() ?? null,
    }
  }

  /** Staff visible to the actor, optionally within one department (and its sub-departments). */
  async function listStaff(actor: Actor, departmentId?: string, q: Queryable = db): Promise<StaffMember[]> {
    const scope = await listScopeDepartmentIds(actor, q)
    let ids = scope
    if (departmentId) {
      const requested = await repo.listDepartmentSubtreeIds(q, departmentId)
      ids = scope ? requested.filter((id) => scope.includes(id)) : requested
    }
    const now = new Date()
    return (await repo.listStaff(q, ids)).map((row) => toStaffMember(row, now))
  }

  /** One staff member within the actor's scope. Throws NOT_FOUND (also for accounts outside the scope). */
  async function getStaffMember(actor: Actor, id: string, tx: Queryable = db): Promise<StaffMember> {
    const row = await repo.findAccountById(tx, id)
    const scope = await listScopeDepartmentIds(actor, tx)
    const visible =
      row?.kind === 'staff' && (!scope || (row.department_id !== null && scope.includes(row.department_id)))
    // Outside the scope looks the same as absent: no probing for other departments' accounts.
    if (!row || !visible) throw identityErrors.staffNotFound()
    return toStaffMember(row, new Date())
  }

  /**
   * Creates a staff account without roles (roles are the security administrator's to grant) and with a one-time
   * password generated here, shown once to the system administrator; the owner must change it at first login.
   * Throws IDENTITY_ROLES_BY_SECURITY_ADMIN, IDENTITY_DEPARTMENT_NOT_FOUND, IDENTITY_LOGIN_NAME_TAKEN,
   * IDENTITY_PHONE_INVALID, FORBIDDEN.
   */
  async function createStaff(
    context: AuditContext,
    actor: Actor,
    body: CreateStaffBody,
  ): Promise<StaffMember & { oneTimePassword: string }> {
    if (body.roles && body.roles.length > 0) {
      throw await refusal(context, 'identity.staff.create', null, identityErrors.rolesBySecurityAdmin())
    }
    checkPhone(body.phone)
    const scope = await listScopeDepartmentIds(actor)
    if (scope && !scope.includes(body.departmentId)) throw identityErrors.outsideDepartmentScope()
    const oneTimePassword = buildOneTimePassword()
    const passwordHash = await hashPassword(oneTimePassword)
    const id = await db.transaction(async (tx) => {
      if (!(await repo.findDepartment(tx, body.departmentId))) throw identityErrors.departmentNotFound()
      const loginName = body.loginName.toLowerCase()
      if (await repo.isLoginNameTaken(tx, loginName)) throw identityErrors.loginNameTaken()
      const newId = randomUUID()
      const created = await repo.insertAccount(
        tx,
        {
          id: newId,
          kind: 'staff',
          loginName,
          displayName: body.displayName.trim(),
          passwordHash,
          departmentId: body.departmentId,
          idNumberCipher: null,
          idNumberIndex: null,
          phoneCipher: body.phone ? cipher.encrypt(body.phone, bindAccountField(newId, 'phone_cipher')) : null,
          phoneIndex: body.phone ? cipher.blindIndex(body.phone) : null,
          uscc: null,
          mustChangePassword: true,
        },
        [],
      )
      await audit.record(tx, context, {
        action: 'identity.staff.create',
        target: `account:${created}`,
        result: 'success',
        details: { departmentId: body.departmentId },
      })
      return created
    })
    return { ...(await getStaffMember(actor, id)), oneTimePassword }
  }

  /**
   * Replaces a staff member's roles (security administrator), keeping three-role separation. Granting an
   * administrator role clears the account's second factor and answers a one-time grant code, shown once: the holder
   * enrols a new second factor with it and their password, so neither the creator nor the grantor can log in as
   * them. The last active holder of an administrator role keeps it. Audited, refusals too. Throws
   * IDENTITY_ROLE_SEPARATION, IDENTITY_OWN_ROLES, IDENTITY_STAFF_NOT_FOUND, IDENTITY_LAST_ADMINISTRATOR.
   */
  async function assignRoles(
    context: AuditContext,
    actor: Actor,
    id: string,
    roles: Role[],
  ): Promise<StaffMember & { grantCode: string | null }> {
    const target = `account:${id}`
    const conflict = findSeparationConflict(roles)
    if (conflict) {
      throw await refusal(context, 'identity.roles.assign', target, identityErrors.roleSeparation(conflict), 'failure')
    }
    if (id === actor.id) throw await refusal(context, 'identity.roles.assign', target, identityErrors.ownRoles())
    try {
      return await db.transaction(async (tx) => {
        if (!(await repo.lockAccount(tx, id))) throw identityErrors.staffNotFound()
        const before = await getStaffMember(actor, id, tx)
        await checkNotLastHolder(
          tx,
          id,
          before.roles.filter((role) => !roles.includes(role)),
        )
        await repo.replaceRoles(tx, id, roles)
        const granted = roles.filter((role) => ADMINISTRATOR_ROLES.includes(role) && !before.roles.includes(role))
        const touchesAdministrator = [...before.roles, ...roles].some((role) => ADMINISTRATOR_ROLES.includes(role))
        let grantCode: string | null = null
        if (granted.length > 0) {
          grantCode = buildGrantCode()
          await repo.setEnrolmentGrant(
            tx,
            id,
            hashGrantCode(grantCode),
            new Date(Date.now() + GRANT_CODE_DAYS * 86_400_000),
          )
        }
        // Sessions opened under the old roles end: an administrator's must start again with the second factor.
        if (touchesAdministrator) await sessions.deleteOtherSessions(tx, id, null)
        await audit.record(tx, context, {
          action: 'identity.roles.assign',
          target,
          result: 'success',
          details: { before: before.roles, after: roles, grantCodeIssued: grantCode !== null },
        })
        return { ...(await getStaffMember(actor, id, tx)), grantCode }
      })
    } catch (error) {
      if (error instanceof AppError && error.code === 'IDENTITY_LAST_ADMINISTRATOR') {
        throw await refusal(context, 'identity.roles.assign', target, error)
      }
      throw error
    }
  }

  /**
   * Sets a one-time password for a staff account (system administrator), shown once; the owner must change it at the
   * next login, and an administrator's second factor is still asked for, so the resetter never holds their session.
   * Ends the account's sessions. Throws IDENTITY_OWN_PASSWORD, IDENTITY_STAFF_NOT_FOUND.
   */
  async function resetPassword(context: AuditContext, actor: Actor, id: string): Promise<{ oneTimePassword: string }> {
    const target = `account:${id}`
    if (id === actor.id) throw await refusal(context, 'identity.password.reset', target, identityErrors.ownPassword())
    const oneTimePassword = buildOneTimePassword()
    const newHash = await hashPassword(oneTimePassword)
    await db.transaction(async (tx) => {
      if (!(await repo.lockAccount(tx, id))) throw identityErrors.staffNotFound()
      await getStaffMember(actor, id, tx)
      const account = (await repo.findAccountById(tx, id)) as repo.AccountRow
      await sessions.replacePassword(tx, id, account.password_hash, newHash, { oneTime: true })
      await sessions.deleteOtherSessions(tx, id, null)
      await audit.record(tx, context, { action: 'identity.password.reset', target, result: 'success' })
    })
    return { oneTimePassword }
  }

  /** Ends a lockout after failed logins (security administrator). Audited. Throws IDENTITY_STAFF_NOT_FOUND. */
  async function unlockAccount(context: AuditContext, actor: Actor, id: string): Promise<StaffMember> {
    return db.transaction(async (tx) => {
      if (!(await repo.lockAccount(tx, id))) throw identityErrors.staffNotFound()
      const before = await getStaffMember(actor, id, tx)
      await repo.unlockAccount(tx, id)
      await audit.record(tx, context, {
        action: 'identity.account.unlock',
        target: `account:${id}`,
        result: 'success',
        details: { wasLocked: before.status === 'locked' },
      })
      return getStaffMember(actor, id, tx)
    })
  }

  /**
   * Replaces the administrators' address allow-list (security administrator); empty means no restriction. Refuses a
   * list that would shut out the caller's own address. Audited. Throws IDENTITY_NETWORK_INVALID,
   * IDENTITY_ALLOWLIST_EXCLUDES_SELF.
   */
  async function saveAdminNetworks(context: AuditContext, networks: readonly AdminNetwork[]): Promise<AdminNetwork[]> {
    const normalized = new Map<string, AdminNetwork>()
    for (const network of networks) {
      const cidr = normalizeCidr(network.cidr)
      if (!cidr) throw identityErrors.networkInvalid(network.cidr)
      normalized.set(cidr, { cidr, description: network.description.trim() })
    }
    const list = [...normalized.values()]
    if (!isAddressAllowed(list, context.clientAddress)) {
      throw await refusal(
        context,
        'security.admin_networks.update',
        'admin-networks',
        identityErrors.allowListExcludesSelf(context.clientAddress ?? '未知'),
        'failure',
      )
    }
    await db.transaction(async (tx) => {
      const before = await repo.listAdminNetworks(tx)
      await repo.replaceAdminNetworks(tx, list, context.actor?.accountId ?? '')
      await audit.record(tx, context, {
        action: 'security.admin_networks.update',
        target: 'admin-networks',
        result: 'success',
        details: { before: before.map((network) => network.cidr), after: list.map((network) => network.cidr) },
      })
    })
    authentication.forgetAdminNetworks()
    return authentication.getAdminNetworks()
  }

  /** Disables or re-enables a staff account (system administrator); disabling ends its sessions. Audited. */
  async function setStaffStatus(
    context: AuditContext,
    actor: Actor,
    id: string,
    status: 'active' | 'disabled',
  ): Promise<StaffMember> {
    const action = status === 'disabled' ? 'identity.staff.disable' : 'identity.staff.enable'
    if (id === actor.id) throw await refusal(context, action, `account:${id}`, identityErrors.ownStatus())
    try {
      return await db.transaction(async (tx) => {
        if (!(await repo.lockAccount(tx, id))) throw identityErrors.staffNotFound()
        const member = await getStaffMember(actor, id, tx)
        if (status === 'disabled') await checkNotLastHolder(tx, id, member.roles)
        await repo.setAccountStatus(tx, id, status)
        await audit.record(tx, context, { action, target: `account:${id}`, result: 'success' })
        return getStaffMember(actor, id, tx)
      })
    } catch (error) {
      if (error instanceof AppError && error.code === 'IDENTITY_LAST_ADMINISTRATOR') {
        throw await refusal(context, action, `account:${id}`, error)
      }
      throw error
    }
  }

  const lookups = createSlidingCounter({ windowMs: LOOKUP_WINDOW_MINUTES * 60_000 })

  /**
   * A person's account found by ID number through the blind index. Limited per staff account and audited every
   * time, naming the account found (never the ID number). Throws IDENTITY_LOOKUP_RATE_LIMITED,
   * IDENTITY_ID_NUMBER_INVALID.
   */
  async function findPersonByIdNumber(context: AuditContext, actor: Actor, idNumber: string) {
    if (lookups.add(actor.id, Date.now()) > LOOKUP_LIMIT) {
      throw await refusal(
        context,
        'identity.people.lookup',
        null,
        identityErrors.lookupRateLimited(LOOKUP_LIMIT, LOOKUP_WINDOW_MINUTES),
      )
    }
    const problem = findIdNumberProblem(idNumber)
    if (problem) {
      throw await refusal(context, 'identity.people.lookup', null, identityErrors.idNumberInvalid(problem), 'failure')
    }
    const row = await repo.findAccountByIdNumberIndex(db, cipher.blindIndex(normalizeIdNumber(idNumber)))
    const found = row?.kind === 'person' && row.id_number_cipher ? row : undefined
    await audit.recordNow(context, {
      action: 'identity.people.lookup',
      target: found ? `account:${found.id}` : null,
      result: found ? 'success' : 'failure',
      details: { found: found !== undefined },
    })
    if (!row?.id_number_cipher) return undefined
    return {
      id: row.id,
      displayName: row.display_name,
      maskedIdNumber: maskIdNumber(cipher.decrypt(row.id_number_cipher, bindAccountField(row.id, 'id_number_cipher'))),
      maskedPhone: row.phone_cipher
        ? maskPhone(cipher.decrypt(row.phone_cipher, bindAccountField(row.id, 'phone_cipher')))
        : null,
    }
  }

  /**
   * A public account's identity in clear, for filing a case in its name (cases module; never sent to a browser as
   * is). Undefined for staff and unknown accounts.
   */
  async function getApplicantProfile(accountId: string, q: Queryable = db) {
    const row = await repo.findAccountById(q, accountId)
    if (!row || row.kind === 'staff') return undefined
    return {
      id: row.id,
      kind: row.kind as 'person' | 'organization',
      displayName: row.display_name,
      idNumber: row.id_number_cipher
        ? cipher.decrypt(row.id_number_cipher, bindAccountField(row.id, 'id_number_cipher'))
        : null,
      uscc: row.uscc,
      phone: row.phone_cipher ? cipher.decrypt(row.phone_cipher, bindAccountField(row.id, 'phone_cipher')) : null,
    }
  }

  /** The id of the person account registered with this ID number (window registration links it), if any. */
  async function findPersonAccountId(idNumber: string, q: Queryable = db): Promise<string | undefined> {
    if (findIdNumberProblem(idNumber)) return undefined
    const row = await repo.findAccountByIdNumberIndex(q, cipher.blindIndex(normalizeIdNumber(idNumber)))
    return row?.kind === 'person' ? row.id : undefined
  }

  /** The organization account registered under this 统一社会信用代码 (cases link a company's filings to it). */
  async function findOrganizationAccount(
    uscc: string,
    q: Queryable = db,
  ): Promise<{ id: string; loginName: string; displayName: string } | undefined> {
    if (!isValidUscc(uscc)) return undefined
    const row = await repo.findAccountByUscc(q, uscc)
    return row?.kind === 'organization'
      ? { id: row.id, loginName: row.login_name, displayName: row.display_name }
      : undefined
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

  /** Adds a department (system administrator) in the centre's division. Audited. */
  async function addDepartment(context: AuditContext, body: CreateDepartmentBody): Promise<Department> {
    const id = await db.transaction(async (tx) => {
      const existing = await repo.listDepartments(tx)
      const divisionCode = existing[0]?.division_code
      if (!divisionCode) throw identityErrors.departmentNotFound()
      if (existing.some((department) => department.code === body.code)) throw identityErrors.departmentCodeTaken()
      const created = await createDepartment(tx, {
        divisionCode,
        parentId: body.parentId ?? null,
        code: body.code,
        name: body.name.trim(),
        sortOrder: existing.length,
      })
      await audit.record(tx, context, {
        action: 'identity.department.create',
        target: `department:${created}`,
        result: 'success',
        details: { parentId: body.parentId ?? null },
      })
      return created
    })
    return { id, code: body.code, name: body.name.trim(), children: [] }
  }

  /** How many departments exist (seeding checks this inside its own transaction). */
  async function countDepartments(tx: Queryable): Promise<number> {
    return (await repo.listDepartments(tx)).length
  }

  /** The department tree, with the division it serves (the first department's division). */
  async function getDepartmentDirectory(q: Queryable = db) {
    const rows = await repo.listDepartments(q)
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
    const path = divisionCode ? await repo.listDivisionPath(q, divisionCode) : []
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
      /** A password, or its hash when many accounts share one (demo seeding hashes once). */
      password: string | { hash: string }
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
    const id = randomUUID()
    return repo.insertAccount(
      tx,
      {
        id,
        kind: account.kind,
        loginName: account.loginName.toLowerCase(),
        displayName: account.displayName,
        passwordHash:
          typeof account.password === 'string' ? await hashPassword(account.password) : account.password.hash,
        departmentId: account.departmentId ?? null,
        idNumberCipher: idNumber ? cipher.encrypt(idNumber, bindAccountField(id, 'id_number_cipher')) : null,
        idNumberIndex: idNumber ? cipher.blindIndex(idNumber) : null,
        phoneCipher: account.phone ? cipher.encrypt(account.phone, bindAccountField(id, 'phone_cipher')) : null,
        phoneIndex: account.phone ? cipher.blindIndex(account.phone) : null,
        uscc: account.uscc ?? null,
      },
      roles,
    )
  }

  /** Hashes a password the way accounts store it (seeding many accounts with one password hashes it once). */
  function buildPasswordHash(password: string): Promise<string> {
    return hashPassword(password)
  }

  /** Gives an account a TOTP secret directly (demo seeding only: the demo administrators' published secrets). */
  async function setTotpSecret(tx: Queryable, accountId: string, secret: string): Promise<void> {
    await repo.setTotpSecret(tx, accountId, cipher.encrypt(secret, bindAccountField(accountId, 'totp_secret_cipher')))
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
    ...authentication,
    ...setup,
    ...personalData,
    ...keyRotation,
    ...exports,
    register,
    listStaff,
    getStaffMember,
    createStaff,
    assignRoles,
    resetPassword,
    unlockAccount,
    saveAdminNetworks,
    setStaffStatus,
    findPersonByIdNumber,
    getApplicantProfile,
    findPersonAccountId,
    findOrganizationAccount,
    ensureDivisions,
    listDivisions,
    createDepartment,
    addDepartment,
    countDepartments,
    getDepartmentDirectory,
    createAccount,
    buildPasswordHash,
    setTotpSecret,
    describeActor,
  }
}

export type IdentityService = ReturnType<typeof createIdentityService>
