import type { Db, Queryable } from '../../platform/db/index.js'
import { AppError } from '../../platform/errors/index.js'
import type { JobQueue } from '../../platform/jobs/index.js'
import type { AuditActor, AuditContext, AuditService } from '../audit/index.js'
import { maskPhone, type PersonalDataCipher } from './account-views.js'
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
import { hashPassword } from './password.js'
import { createPersonalDataService } from './personal-data.js'
import { createPersonalDataExports } from './personal-data-export.js'
import { findSeparationConflict, isCentreWide, type Role } from './roles.js'
import { findPasswordWeakness } from './security-policy.js'
import { isValidUscc } from './uscc.js'

export type { Actor, IdentitySettings, PersonalDataCipher }

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

  async function checkPassword(password: string): Promise<void> {
    const weakness = findPasswordWeakness(password, await authentication.getPolicy())
    if (weakness) throw identityErrors.passwordWeak(weakness)
  }

  /**
   * Registers a natural or legal person and logs them in. Throws IDENTITY_ID_NUMBER_INVALID, IDENTITY_USCC_INVALID,
   * IDENTITY_PHONE_INVALID, IDENTITY_PASSWORD_WEAK, IDENTITY_LOGIN_NAME_TAKEN, IDENTITY_ACCOUNT_EXISTS.
   */
  async function register(context: AuditContext, body: RegisterBody): Promise<{ token: string; view: SessionView }> {
    checkPhone(body.phone)
    await checkPassword(body.password)
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
  async function listScopeDepartmentIds(actor: Actor): Promise<string[] | null> {
    if (isCentreWide(actor.roles)) return null
    return actor.departmentId ? repo.listDepartmentSubtreeIds(db, actor.departmentId) : []
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
  async function listStaff(actor: Actor, departmentId?: string): Promise<StaffMember[]> {
    const scope = await listScopeDepartmentIds(actor)
    let ids = scope
    if (departmentId) {
      const requested = await repo.listDepartmentSubtreeIds(db, departmentId)
      ids = scope ? requested.filter((id) => scope.includes(id)) : requested
    }
    const now = new Date()
    return (await repo.listStaff(db, ids)).map((row) => toStaffMember(row, now))
  }

  /** One staff member within the actor's scope. Throws NOT_FOUND (also for accounts outside the scope). */
  async function getStaffMember(actor: Actor, id: string, tx: Queryable = db): Promise<StaffMember> {
    const row = await repo.findAccountById(tx, id)
    const scope = await listScopeDepartmentIds(actor)
    const visible =
      row?.kind === 'staff' && (!scope || (row.department_id !== null && scope.includes(row.department_id)))
    // Outside the scope looks the same as absent: no probing for other departments' accounts.
    if (!row || !visible) throw identityErrors.staffNotFound()
    return toStaffMember(row, new Date())
  }

  /**
   * Creates a staff account in a department within the actor's scope. Throws IDENTITY_ROLE_SEPARATION,
   * IDENTITY_DEPARTMENT_NOT_FOUND, IDENTITY_LOGIN_NAME_TAKEN, IDENTITY_PASSWORD_WEAK, FORBIDDEN.
   */
  async function createStaff(context: AuditContext, actor: Actor, body: CreateStaffBody): Promise<StaffMember> {
    const conflict = findSeparationConflict(body.roles)
    if (conflict) throw identityErrors.roleSeparation(conflict)
    await checkPassword(body.password)
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
    return getStaffMember(actor, id)
  }

  /** Replaces a staff member's roles (security administrator), keeping three-role separation. Audited. */
  async function assignRoles(context: AuditContext, actor: Actor, id: string, roles: Role[]): Promise<StaffMember> {
    const conflict = findSeparationConflict(roles)
    if (conflict) throw identityErrors.roleSeparation(conflict)
    if (id === actor.id) throw identityErrors.ownRoles()
    return db.transaction(async (tx) => {
      if (!(await repo.lockAccount(tx, id))) throw identityErrors.staffNotFound()
      const before = await getStaffMember(actor, id, tx)
      await repo.replaceRoles(tx, id, roles)
      await audit.record(tx, context, {
        action: 'identity.roles.assign',
        target: `account:${id}`,
        result: 'success',
        details: { before: before.roles, after: roles },
      })
      return getStaffMember(actor, id, tx)
    })
  }

  /** Disables or re-enables a staff account (system administrator); disabling ends its sessions. Audited. */
  async function setStaffStatus(
    context: AuditContext,
    actor: Actor,
    id: string,
    status: 'active' | 'disabled',
  ): Promise<StaffMember> {
    if (id === actor.id) throw identityErrors.ownStatus()
    return db.transaction(async (tx) => {
      if (!(await repo.lockAccount(tx, id))) throw identityErrors.staffNotFound()
      await getStaffMember(actor, id, tx)
      await repo.setAccountStatus(tx, id, status)
      await audit.record(tx, context, {
        action: status === 'disabled' ? 'identity.staff.disable' : 'identity.staff.enable',
        target: `account:${id}`,
        result: 'success',
      })
      return getStaffMember(actor, id, tx)
    })
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
    return repo.insertAccount(
      tx,
      {
        kind: account.kind,
        loginName: account.loginName.toLowerCase(),
        displayName: account.displayName,
        passwordHash:
          typeof account.password === 'string' ? await hashPassword(account.password) : account.password.hash,
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

  /** Hashes a password the way accounts store it (seeding many accounts with one password hashes it once). */
  function buildPasswordHash(password: string): Promise<string> {
    return hashPassword(password)
  }

  /** Gives an account a TOTP secret directly (demo seeding only: the demo administrators' published secrets). */
  async function setTotpSecret(tx: Queryable, accountId: string, secret: string): Promise<void> {
    await repo.setTotpSecret(tx, accountId, cipher.encrypt(secret))
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
    setStaffStatus,
    findPersonByIdNumber,
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
