import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppError } from '../../platform/errors/index.js'
import { findTextProblem } from '../../platform/http/index.js'
import type { AuditActor, AuditContext } from './audit.schemas.js'
import type { AuditService } from './audit.service.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The audit context of this request: who, from where, which request. */
    readonly auditContext: AuditContext
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function actionOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`
}

/** The object a request acts on, from the route's path parameters (`alertId:7`), so a refusal keeps its target. */
function targetOf(request: FastifyRequest): string | null {
  const params = request.params
  if (!params || typeof params !== 'object') return null
  const parts = Object.entries(params as Record<string, unknown>)
    .filter(([name, value]) => name !== '*' && (typeof value === 'string' || typeof value === 'number'))
    // A refused request may carry a NUL in its path, which PostgreSQL cannot store: name the parameter only.
    .map(([name, value]) => `${name}:${findTextProblem(String(value)) ? '(不可显示)' : String(value).slice(0, 100)}`)
  return parts.length > 0 ? parts.join(',') : null
}

/**
 * Makes every state-changing request leave an audit record. Services record their own actions inside their
 * transaction; a request that ends without one (refused, failed, or a route with nothing to record) gets a
 * record here, with its outcome.
 */
export function installRequestAudit(
  app: FastifyInstance,
  audit: AuditService,
  describeActor: (request: FastifyRequest) => AuditActor | null,
): { recordDenial: (request: FastifyRequest, error: AppError) => Promise<void> } {
  const contexts = new WeakMap<FastifyRequest, AuditContext>()
  app.decorateRequest('auditContext', {
    getter(this: FastifyRequest) {
      let context = contexts.get(this)
      if (!context) {
        context = { actor: describeActor(this), clientAddress: this.ip ?? null, requestId: this.id }
        contexts.set(this, context)
      }
      return context
    },
  })

  app.addHook('onResponse', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || audit.isRecorded(request.auditContext)) return
    const status = reply.statusCode
    const result = status < 400 ? 'success' : status === 401 || status === 403 ? 'denied' : 'failure'
    try {
      await audit.recordNow(request.auditContext, {
        action: actionOf(request),
        target: targetOf(request),
        result,
        details: { status },
      })
    } catch (error) {
      request.log.error({ err: error }, 'could not write the audit record')
    }
  })

  return {
    async recordDenial(request, error) {
      try {
        await audit.recordNow(request.auditContext, {
          action: actionOf(request),
          target: targetOf(request),
          result: 'denied',
          details: { code: error.code, status: error.statusCode },
        })
      } catch (failure) {
        request.log.error({ err: failure }, 'could not write the audit record of a denial')
      }
    },
  }
}
