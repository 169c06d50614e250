import { errorResponses, type HttpServer } from '../../platform/http/index.js'
import { AuditRecordPage, AuditRecordQuery, ChainVerification } from './audit.schemas.js'
import type { AuditService } from './audit.service.js'

/** The audit administrator's view of the trail: filtered records and chain verification on demand. */
export function auditRoutes(app: HttpServer, { audit }: { audit: AuditService }): void {
  app.get(
    '/api/audit/records',
    {
      schema: {
        tags: ['audit'],
        summary: '查询审计记录',
        querystring: AuditRecordQuery,
        response: { 200: AuditRecordPage, ...errorResponses(401, 403) },
      },
      config: { access: { permission: 'audit.records.read' } },
    },
    (request) => audit.listRecords(request.query),
  )

  app.post(
    '/api/audit/verifications',
    {
      schema: {
        tags: ['audit'],
        summary: '校验审计链',
        response: { 200: ChainVerification, ...errorResponses(401, 403) },
      },
      config: { access: { permission: 'audit.chain.verify' } },
    },
    async (request) => {
      const verification = await audit.verifyChain()
      await audit.recordNow(request.auditContext, {
        action: 'audit.chain.verify',
        result: 'success',
        details: {
          intact: verification.intact,
          checked: verification.checked,
          firstBroken: verification.firstBroken?.seq ?? null,
        },
      })
      return verification
    },
  )
}
