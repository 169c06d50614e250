import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { Db, Queryable } from '../../platform/db/index.js'
import { AppError } from '../../platform/errors/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import { identityErrors } from './identity.errors.js'
import * as repo from './identity.repository.js'
import type { SetupBody, SetupRoleHolderBody } from './identity.schemas.js'
import { hashPassword } from './password.js'
import { Role } from './roles.js'
import type { SecurityPolicy } from './security-policy.js'
import { findPasswordWeakness } from './security-policy.js'

const TOKEN_LIFETIME_HOURS = 24

type AdministratorRole = typeof Role.systemAdmin | typeof Role.securityAdmin | typeof Role.auditAdmin

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

const setupErrors = {
  notNeeded: () => new AppError('IDENTITY_SETUP_DONE', 409, '系统已有系统管理员，初始化已完成'),
  badToken: () =>
    new AppError('IDENTITY_SETUP_TOKEN_INVALID', 403, '初始化令牌不正确、已使用或已过期；请重启服务获取新令牌'),
  roleHeld: () => new AppError('IDENTITY_SETUP_ROLE_HELD', 409, '该管理员角色已有人担任；新的人选由安全管理员授予'),
  noCentre: () => new AppError('IDENTITY_SETUP_NO_CENTRE', 409, '请先创建首个系统管理员（初始化政务服务中心）'),
  unknownDivision: () =>
    new AppError('IDENTITY_DIVISION_NOT_FOUND', 400, '行政区划代码不存在', { field: 'divisionCode' }),
}

/**
 * A production install has no account with a known password: the first start prints a one-time token, and whoever
 * holds it creates the first system administrator (who must then enrol TOTP before doing anything else).
 */
export function createFirstAdministratorSetup({
  db,
  audit,
  getPolicy,
}: {
  db: Db
  audit: AuditService
  getPolicy: () => Promise<SecurityPolicy>
}) {
  async function isSetupNeeded(): Promise<boolean> {
    return !(await repo.hasAccountWithRole(db, Role.systemAdmin))
  }

  /** The administrator roles nobody holds yet; their first holders are created with the setup token. */
  async function listUnheldAdministratorRoles(queryable: Queryable = db): Promise<AdministratorRole[]> {
    const unheld: AdministratorRole[] = []
    for (const role of [Role.systemAdmin, Role.securityAdmin, Role.auditAdmin] as const) {
      if (!(await repo.hasAccountWithRole(queryable, role))) unheld.push(role)
    }
    return unheld
  }

  /**
   * While an administrator role has no holder, a new token valid for 24 hours (older unused ones stop working). One
   * token creates the first holder of each role: only the security administrator grants roles, so the first one
   * cannot come from the system administrator.
   */
  async function issueSetupToken(): Promise<string | undefined> {
    if ((await listUnheldAdministratorRoles()).length === 0) return undefined
    const token = randomBytes(18).toString('base64url')
    await db.transaction(async (tx) => {
      await repo.expireSetupTokens(tx)
      await repo.insertSetupToken(tx, hashToken(token), new Date(Date.now() + TOKEN_LIFETIME_HOURS * 3600_000))
    })
    return token
  }

  /**
   * Creates the centre's first department and its system administrator with the token. Throws IDENTITY_SETUP_DONE,
   * IDENTITY_SETUP_TOKEN_INVALID, IDENTITY_PASSWORD_WEAK, IDENTITY_DIVISION_NOT_FOUND.
   */
  async function createFirstAdministrator(context: AuditContext, body: SetupBody): Promise<{ accountId: string }> {
    const weakness = findPasswordWeakness(body.password, await getPolicy(), { loginName: body.loginName })
    if (weakness) throw identityErrors.passwordWeak(weakness)
    const passwordHash = await hashPassword(body.password)
    return db.transaction(async (tx) => {
      if (await repo.hasAccountWithRole(tx, Role.systemAdmin)) throw setupErrors.notNeeded()
      const stored = await repo.findUsableSetupToken(tx)
      const presented = Buffer.from(hashToken(body.token))
      if (!stored || !timingSafeEqual(Buffer.from(stored), presented)) throw setupErrors.badToken()
      if ((await repo.listDivisionPath(tx, body.divisionCode)).length === 0) throw setupErrors.unknownDivision()
      const departmentId = await repo.insertDepartment(tx, {
        divisionCode: body.divisionCode,
        parentId: null,
        code: `${body.divisionCode}-ZWFW`,
        name: body.centreName.trim(),
        sortOrder: 0,
      })
      const accountId = await repo.insertAccount(
        tx,
        {
          id: randomUUID(),
          kind: 'staff',
          loginName: body.loginName.toLowerCase(),
          displayName: body.displayName.trim(),
          passwordHash,
          departmentId,
          idNumberCipher: null,
          idNumberIndex: null,
          phoneCipher: null,
          phoneIndex: null,
          uscc: null,
        },
        [Role.systemAdmin],
      )
      // Whoever holds the setup token chose this password and is the holder: no grant code to wait for.
      await repo.allowEnrolmentWithoutGrant(tx, accountId)
      await audit.record(tx, context, {
        actor: {
          accountId,
          displayName: body.displayName.trim(),
          roles: [Role.systemAdmin],
          departmentId,
          departmentName: body.centreName,
        },
        action: 'identity.setup.first_administrator',
        target: `account:${accountId}`,
        result: 'success',
        details: { divisionCode: body.divisionCode },
      })
      if ((await listUnheldAdministratorRoles(tx)).length === 0) await repo.spendSetupToken(tx, stored)
      return { accountId }
    })
  }

  /**
   * Creates the first security or audit administrator with the setup token, by that person, in the centre's first
   * department; they enrol TOTP at first login. Throws IDENTITY_SETUP_ROLE_HELD, IDENTITY_SETUP_NO_CENTRE,
   * IDENTITY_SETUP_TOKEN_INVALID, IDENTITY_PASSWORD_WEAK, IDENTITY_LOGIN_NAME_TAKEN.
   */
  async function createFirstRoleHolder(
    context: AuditContext,
    body: SetupRoleHolderBody,
  ): Promise<{ accountId: string }> {
    const weakness = findPasswordWeakness(body.password, await getPolicy(), { loginName: body.loginName })
    if (weakness) throw identityErrors.passwordWeak(weakness)
    const passwordHash = await hashPassword(body.password)
    return db.transaction(async (tx) => {
      const stored = await repo.findUsableSetupToken(tx)
      const presented = Buffer.from(hashToken(body.token))
      if (!stored || !timingSafeEqual(Buffer.from(stored), presented)) throw setupErrors.badToken()
      if (await repo.hasAccountWithRole(tx, body.role)) throw setupErrors.roleHeld()
      const centre = (await repo.listDepartments(tx))[0]
      if (!centre || !(await repo.hasAccountWithRole(tx, Role.systemAdmin))) throw setupErrors.noCentre()
      const loginName = body.loginName.toLowerCase()
      if (await repo.isLoginNameTaken(tx, loginName)) throw identityErrors.loginNameTaken()
      const accountId = await repo.insertAccount(
        tx,
        {
          id: randomUUID(),
          kind: 'staff',
          loginName,
          displayName: body.displayName.trim(),
          passwordHash,
          departmentId: centre.id,
          idNumberCipher: null,
          idNumberIndex: null,
          phoneCipher: null,
          phoneIndex: null,
          uscc: null,
        },
        [body.role],
      )
      await repo.allowEnrolmentWithoutGrant(tx, accountId)
      await audit.record(tx, context, {
        actor: {
          accountId,
          displayName: body.displayName.trim(),
          roles: [body.role],
          departmentId: centre.id,
          departmentName: centre.name,
        },
        action: 'identity.setup.first_role_holder',
        target: `account:${accountId}`,
        result: 'success',
        details: { role: body.role },
      })
      if ((await listUnheldAdministratorRoles(tx)).length === 0) await repo.spendSetupToken(tx, stored)
      return { accountId }
    })
  }

  return {
    isSetupNeeded,
    issueSetupToken,
    createFirstAdministrator,
    createFirstRoleHolder,
    listUnheldAdministratorRoles,
  }
}
