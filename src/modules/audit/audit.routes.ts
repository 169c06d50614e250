import { Type } from 'typebox'
import { errorResponses, type HttpServer } from '../../platform/http/index.js'
import { AuditAlert, AuditRecordPage, AuditRecordQuery, ChainVerification } from './audit.schemas.js'
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

  app.get(
    '/api/audit/records/export',
    {
      schema: {
        tags: ['audit'],
        summary: '导出审计记录（CSV）',
        querystring: AuditRecordQuery,
        response: { 200: Type.String({ description: 'CSV，UTF-8 带 BOM' }), ...errorResponses(401, 403) },
      },
      config: { access: { permission: 'audit.records.export' } },
    },
    async (request, reply) => {
      const csv = await audit.exportCsv(request.query)
      await audit.recordNow(request.auditContext, {
        action: 'audit.records.export',
        result: 'success',
        details: { filters: request.query },
      })
      const stamp = new Date().toISOString().slice(0, 10)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-records-${stamp}.csv"`)
        .send(csv)
    },
  )

  app.get(
    '/api/audit/alerts',
    {
      schema: {
        tags: ['audit'],
        summary: '审计告警（如每日校验发现审计链断裂）',
        response: { 200: Type.Array(AuditAlert), ...errorResponses(401, 403) },
      },
      config: { access: { permission: 'audit.records.read' } },
    },
    () => audit.listAlerts(),
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
