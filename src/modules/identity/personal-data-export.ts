import type { Db } from '../../platform/db/index.js'
import { AppError } from '../../platform/errors/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import { bindAccountField } from './account-ciphers.js'
import type { PersonalDataCipher } from './account-views.js'
import type { Actor } from './authentication.service.js'
import * as repo from './identity.repository.js'

const exportErrors = {
  notFound: () => new AppError('IDENTITY_EXPORT_NOT_FOUND', 404, '未找到该导出申请'),
  selfApproval: () => new AppError('IDENTITY_EXPORT_SELF_APPROVAL', 403, '导出申请须由申请人以外的另一人审批'),
  notPending: () => new AppError('IDENTITY_EXPORT_ALREADY_DECIDED', 409, '该导出申请已审批'),
  notApproved: () => new AppError('IDENTITY_EXPORT_NOT_APPROVED', 409, '该导出申请未获批准或已下载过'),
  notRequester: () => new AppError('IDENTITY_EXPORT_NOT_REQUESTER', 403, '只有申请人本人可以下载'),
}

function csvCell(value: string | null): string {
  const text = value ?? ''
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** Exporting personal data in clear takes two people: one asks with a reason, another approves (双人审批). */
export function createPersonalDataExports({
  db,
  cipher,
  audit,
}: {
  db: Db
  cipher: PersonalDataCipher
  audit: AuditService
}) {
  async function requestExport(context: AuditContext, actor: Actor, reason: string) {
    return db.transaction(async (tx) => {
      const id = await repo.insertExportRequest(tx, actor.id, reason)
      await audit.record(tx, context, {
        action: 'identity.export.request',
        target: `export:${id}`,
        result: 'success',
        details: { reason },
      })
      return (await repo.findExportRequest(tx, id)) as repo.ExportRequestRow
    })
  }

  async function listExportRequests() {
    return repo.listExportRequests(db)
  }

  /** Approves or rejects another person's request. Throws IDENTITY_EXPORT_SELF_APPROVAL, …_ALREADY_DECIDED. */
  async function decideExport(context: AuditContext, actor: Actor, id: string, approve: boolean) {
    return db.transaction(async (tx) => {
      const request = await repo.findExportRequest(tx, id, { lock: true })
      if (!request) throw exportErrors.notFound()
      if (request.requested_by === actor.id) throw exportErrors.selfApproval()
      if (request.status !== 'pending') throw exportErrors.notPending()
      await repo.decideExportRequest(tx, id, approve ? 'approved' : 'rejected', actor.id)
      await audit.record(tx, context, {
        action: approve ? 'identity.export.approve' : 'identity.export.reject',
        target: `export:${id}`,
        result: 'success',
      })
      return (await repo.findExportRequest(tx, id)) as repo.ExportRequestRow
    })
  }

  /** The approved export, once, for the requester: registered persons with ID number and phone in clear. */
  async function downloadExport(context: AuditContext, actor: Actor, id: string): Promise<string> {
    return db.transaction(async (tx) => {
      const request = await repo.findExportRequest(tx, id, { lock: true })
      if (!request) throw exportErrors.notFound()
      if (request.requested_by !== actor.id) throw exportErrors.notRequester()
      if (request.status !== 'approved') throw exportErrors.notApproved()
      const people = await repo.listPeopleForExport(tx)
      await repo.markExportDownloaded(tx, id)
      await audit.record(tx, context, {
        action: 'identity.export.download',
        target: `export:${id}`,
        result: 'success',
        details: { rows: people.length },
      })
      const lines = ['姓名,居民身份证号码,手机号码,注册时间']
      for (const person of people) {
        lines.push(
          [
            person.display_name,
            person.id_number_cipher
              ? cipher.decrypt(person.id_number_cipher, bindAccountField(person.id, 'id_number_cipher'))
              : null,
            person.phone_cipher
              ? cipher.decrypt(person.phone_cipher, bindAccountField(person.id, 'phone_cipher'))
              : null,
            person.created_at.toISOString(),
          ]
            .map(csvCell)
            .join(','),
        )
      }
      return `\uFEFF${lines.join('\r\n')}\r\n`
    })
  }

  return { requestExport, listExportRequests, decideExport, downloadExport }
}
