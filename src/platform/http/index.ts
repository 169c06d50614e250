export {
  type Access,
  type DenialListener,
  installAccessControl,
  type Principal,
  type PrincipalResolver,
} from './access-control.js'
export { createHttpServer, type HttpServer, registerApiDocs } from './create-http-server.js'
export { ErrorBody, errorResponses } from './error-body.js'
export { sendError } from './error-handler.js'
export { installIdempotency } from './idempotency.js'
export { assertJsonWithinLimits, DEFAULT_JSON_LIMITS, type JsonLimits } from './json-limits.js'
export { listRegisteredRoutes, type RegisteredRoute } from './request-hygiene.js'
export { maskQueryValues } from './request-logging.js'
export {
  assertCleanText,
  findTextProblem,
  findUncleanValue,
  type TextHygieneOptions,
  type TextProblem,
} from './text-hygiene.js'
