import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError, commonErrors } from '../errors/index.js'

/** Who is calling: set on the request once the session is checked. Modules extend it with their own fields. */
export interface Principal {
  id: string
  sessionId: string
  csrfToken: string
  permissions: ReadonlySet<string>
}

/**
 * What a route needs, declared in its `config.access`: open to all, any logged-in user, or a named permission.
 * A route that declares nothing needs a logged-in user: safe by default.
 */
export type Access = 'public' | 'authenticated' | { permission: string }

/** How the server learns who is calling; the identity module provides it. */
export type PrincipalResolver = (request: FastifyRequest) => Promise<Principal | undefined>

/** Called for every refusal, so it can be audited; must not throw. */
export type DenialListener = (request: FastifyRequest, error: AppError) => Promise<void>

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
  interface FastifyRequest {
    principal: Principal | undefined
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Checks every request in one place: session, CSRF token on state changes, and the route's permission. */
export function installAccessControl(app: FastifyInstance, resolve: PrincipalResolver, onDenied: DenialListener): void {
  app.decorateRequest('principal', undefined)
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access ?? 'authenticated'
    const principal = await resolve(request)
    request.principal = principal
    if (access === 'public' || request.routeOptions.url === undefined) return
    let refusal: AppError | undefined
    if (!principal) refusal = commonErrors.unauthenticated()
    else if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== principal.csrfToken) {
      // The session cookie travels by itself; only our own pages know the token, so a forged form fails here.
      refusal = new AppError('CSRF_TOKEN_INVALID', 403, '安全校验失败，请刷新页面后重试')
    } else if (typeof access === 'object' && !principal.permissions.has(access.permission)) {
      refusal = commonErrors.forbidden()
    }
    if (refusal) {
      await onDenied(request, refusal)
      throw refusal
    }
  })
}
