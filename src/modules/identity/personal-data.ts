import type { Db } from '../../platform/db/index.js'
import { commonErrors } from '../../platform/errors/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import { bindAccountField } from './account-ciphers.js'
import type { PersonalDataCipher } from './account-views.js'
import * as sessions from './authentication.repository.js'
import type { Actor } from './authentication.service.js'
import { identityErrors } from './identity.errors.js'
import * as repo from './identity.repository.js'
import { verifyPassword } from './password.js'

/** What closing an account keeps, and why: shown to the person and returned by the API. */
export const CLOSURE_NOTICE =
  '账户已注销：登录名、手机号码和密码已删除，无法再登录。根据《中华人民共和国档案法》和政务服务办件归档要求，' +
  '您的姓名、证件号码（加密保存）及已办事项和审计记录将依法保存至归档期满，仅用于档案查询与监督，不再用于其他用途。'

/** The personal-data rights of 个人信息保护法: reveal for staff with a reason, download and closure for the holder. */
export function createPersonalDataService({
  db,
  cipher,
  audit,
}: {
  db: Db
  cipher: PersonalDataCipher
  audit: AuditService
}) {
  /** The full ID number and phone of a person, for staff who need them, with the reason audited. Throws NOT_FOUND. */
  async function revealPersonalData(context: AuditContext, accountId: string, reason: string) {
    const row = await repo.findAccountById(db, accountId)
    if (!row || row.kind === 'staff') throw commonErrors.notFound('该账户')
    await audit.recordNow(context, {
      action: 'identity.personal_data.reveal',
      target: `account:${accountId}`,
      result: 'success',
      details: { reason, fields: ['idNumber', 'phone'] },
    })
    return {
      id: row.id,
      displayName: row.display_name,
      idNumber: row.id_number_cipher
        ? cipher.decrypt(row.id_number_cipher, bindAccountField(row.id, 'id_number_cipher'))
        : null,
      phone: row.phone_cipher ? cipher.decrypt(row.phone_cipher, bindAccountField(row.id, 'phone_cipher')) : null,
    }
  }

  /** Everything Tongban holds about the caller's own account, in clear, for them alone. Audited. */
  async function exportOwnData(context: AuditContext, actor: Actor) {
    const row = await repo.findAccountById(db, actor.id)
    if (!row) throw commonErrors.unauthenticated()
    const activity = await audit.listRecords({ limit: 500, offset: 0, actorId: actor.id })
    await audit.recordNow(context, {
      action: 'identity.personal_data.download',
      target: `account:${actor.id}`,
      result: 'success',
    })
    return {
      exportedAt: new Date().toISOString(),
      account: {
        kind: row.kind,
        loginName: row.login_name,
        name: row.display_name,
        idNumber: row.id_number_cipher
          ? cipher.decrypt(row.id_number_cipher, bindAccountField(row.id, 'id_number_cipher'))
          : null,
        uscc: row.uscc,
        phone: row.phone_cipher ? cipher.decrypt(row.phone_cipher, bindAccountField(row.id, 'phone_cipher')) : null,
        department: row.department_name,
        roles: row.roles,
        lastLoginAt: row.last_login_at?.toISOString() ?? null,
        lastLoginAddress: row.last_login_address,
        hasTotp: row.totp_secret_cipher !== null,
      },
      activity: activity.records.map((record) => ({
        occurredAt: record.occurredAt,
        action: record.action,
        result: record.result,
        clientAddress: record.clientAddress,
      })),
    }
  }

  /**
   * Closes the caller's own public account after checking the password: erases what may be erased, keeps what the
   * law requires, ends every session. Throws AUTH_INVALID_CREDENTIALS, IDENTITY_STAFF_CANNOT_CLOSE.
   */
  async function closeOwnAccount(context: AuditContext, actor: Actor, password: string): Promise<{ notice: string }> {
    if (actor.kind === 'staff') throw identityErrors.staffCannotClose()
    await db.transaction(async (tx) => {
      await repo.lockAccount(tx, actor.id)
      const row = (await repo.findAccountById(tx, actor.id)) as repo.AccountRow
      if (!(await verifyPassword(password, row.password_hash))) throw identityErrors.invalidCredentials()
      await repo.closeAccount(tx, actor.id)
      await sessions.deleteOtherSessions(tx, actor.id, null)
      await audit.record(tx, context, {
        action: 'identity.account.close',
        target: `account:${actor.id}`,
        result: 'success',
      })
    })
    return { notice: CLOSURE_NOTICE }
  }

  return { revealPersonalData, exportOwnData, closeOwnAccount }
}
