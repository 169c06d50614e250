import { Type } from 'typebox'
import { commonErrors } from '../../platform/errors/index.js'
import { errorResponses, type HttpServer } from '../../platform/http/index.js'
import {
  AuditRecordPage,
  AuditRecordQuery,
  ChainVerification,
  SecurityAlert,
  SecurityAlertId,
  SecurityAlertList,
} from './audit.schemas.js'
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
    async (request) => {
      const page = await audit.listRecords(request.query)
      // The auditor's reads are audited too: who looked at what, with which filters.
      await audit.recordNow(request.auditContext, {
        action: 'audit.records.list',
        result: 'success',
        details: { filters: request.query, total: page.total },
      })
      return page
    },
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
        summary: '安全告警（审计链断裂、登录洪泛、账户锁定等），未确认的在前',
        response: { 200: SecurityAlertList, ...errorResponses(401, 403) },
      },
      config: { access: { permission: 'audit.alerts.read' } },
    },
    () => audit.listAlerts(),
  )

  app.post(
    '/api/audit/alerts/:alertId/acknowledgement',
    {
      schema: {
        tags: ['audit'],
        summary: '确认安全告警（已知悉并处理）',
        params: Type.Object({ alertId: SecurityAlertId }),
        response: { 200: SecurityAlert, ...errorResponses(401, 403, 404, 409) },
      },
      config: { access: { permission: 'audit.alerts.acknowledge' } },
    },
    (request) => {
      const actor = request.auditContext.actor
      if (!actor) throw commonErrors.unauthenticated()
      return audit.acknowledgeAlert(request.params.alertId, actor, request.auditContext)
    },
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
    (request) => audit.verifyChainOnDemand(request.auditContext),
  )
}
