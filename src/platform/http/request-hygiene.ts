import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../errors/index.js'
import { assertJsonWithinLimits, DEFAULT_JSON_LIMITS } from './json-limits.js'
import { buildTextProblemError, findUncleanValue } from './text-hygiene.js'
import { CONTEXT_NAMES } from './validation-messages.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `Cache-Control` for this route's successful answers, e.g. `public, max-age=300` for public catalog content.
     * Every other API answer is `no-store`: most carry personal data or depend on who asks.
     */
    cacheControl?: string
  }
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** A registered route as the body rule sees it. */
export type RegisteredRoute = { method: string; url: string; hasBodySchema: boolean }

const registeredRoutes = new WeakMap<FastifyInstance, RegisteredRoute[]>()

/** Every route registered on `app` since `installRequestHygiene`, with whether it declares a body schema. */
export function listRegisteredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return registeredRoutes.get(app) ?? []
}

function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null || body === '') return true
  // `{}` is what a client sends for "no fields"; our own pages do so for actions such as claiming a task.
  return typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body) && Object.keys(body).length === 0
}

function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?')
}

/**
 * Input hygiene for every route in one place, so no route can forget it:
 * - JSON bodies are checked for nesting depth, array length and string length on the raw text before parsing;
 * - text/plain bodies are not accepted (the API speaks JSON; a module may add its own parser, as BPMN XML does);
 * - every string and key in the body, query string, path parameters and headers is refused when it holds NUL or
 *   another control character (the body may hold line breaks and tabs) or a lone surrogate;
 * - a POST/PUT/PATCH/DELETE whose route declares no body schema refuses a non-empty body;
 * - API answers are `Cache-Control: no-store` unless the route declares `config.cacheControl`.
 */
export function installRequestHygiene(app: FastifyInstance, options: { bodyLimitBytes: number }): void {
  const routes: RegisteredRoute[] = []
  registeredRoutes.set(app, routes)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, hasBodySchema: route.schema?.body !== undefined })
    }
  })
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string
    // A route that raised its body limit (an upload in base64) may carry one string that long; any other route
    // keeps to the default, even when TONGBAN_BODY_LIMIT_BYTES is raised.
    const routeLimit = request.routeOptions.bodyLimit ?? options.bodyLimitBytes
    const maxStringLength =
      routeLimit > options.bodyLimitBytes ? routeLimit : Math.min(DEFAULT_JSON_LIMITS.maxStringLength, routeLimit)
    try {
      assertJsonWithinLimits(text, { ...DEFAULT_JSON_LIMITS, maxStringLength })
    } catch (error) {
      done(error as AppError, undefined)
      return
    }
    parseJson(request, text, done)
  })

  const refuseUnclean = (part: string, value: unknown, multiline: boolean) => {
    const found = findUncleanValue(value, part, { multiline })
    if (found) throw buildTextProblemError(CONTEXT_NAMES[part] ?? part, found.path, found.problem)
  }
  // The URL and headers are checked first, before the session lookup or anything else that touches the database.
  app.addHook('onRequest', async (request) => {
    refuseUnclean('params', request.params, false)
    refuseUnclean('querystring', request.query, false)
    refuseUnclean('headers', request.headers, false)
  })
  app.addHook('preValidation', async (request) => {
    refuseUnclean('body', request.body, true)
    // An unknown route answers 404 (or 405), whatever its body.
    if (request.is404) return
    if (BODY_METHODS.has(request.method) && request.routeOptions.schema?.body === undefined) {
      if (!isEmptyBody(request.body)) {
        throw new AppError('BODY_NOT_ALLOWED', 400, '该接口不接受请求体', [{ path: 'body', rule: 'notAllowed' }])
      }
    }
  })

  app.addHook('onSend', async (request, reply, payload) => {
    if (!isApiRequest(request)) return payload
    const declared = request.routeOptions.config?.cacheControl
    if (declared && reply.statusCode < 400 && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', declared)
    } else if (!declared || reply.statusCode >= 400) {
      reply.header('cache-control', 'no-store')
    }
    return payload
  })
}
