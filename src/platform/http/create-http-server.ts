import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import fastifyCookie from '@fastify/cookie'
import fastifyHelmet from '@fastify/helmet'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify'
import { AppError } from '../errors/index.js'
import { ErrorBody } from './error-body.js'
import { installErrorHandling, MAX_PARAM_LENGTH, renderClientError, renderFrameworkError } from './error-handler.js'
import { installRequestHygiene } from './request-hygiene.js'
import { buildLoggerOptions } from './request-logging.js'
import { installSchemaValidation } from './schema-validation.js'

/** The Fastify instance every module registers its routes on, typed by TypeBox schemas. */
export type HttpServer = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

export type HttpServerOptions = {
  logLevel: string
  bodyLimitBytes: number
  publicUrl: string
  version: string
}

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/

/** Builds Fastify with the platform's cross-cutting parts: errors, request ids, logs, headers, OpenAPI. */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const isHttps = options.publicUrl.startsWith('https:')
  const app = Fastify({
    logger: buildLoggerOptions(options.logLevel),
    bodyLimit: options.bodyLimitBytes,
    trustProxy: process.env.TONGBAN_TRUST_PROXY === 'true',
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id']
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : `req-${randomUUID()}`
    },
    forceCloseConnections: 'idle',
    // Fastify's own 503 while closing is not in our shape; the onRequest hook below answers it instead.
    return503OnClosing: false,
    // Our path parameters are ids and codes; a longer one is refused with 414 in our shape (renderFrameworkError).
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: renderFrameworkError,
    clientErrorHandler: renderClientError,
  }).withTypeProvider<TypeBoxTypeProvider>()

  let isClosing = false
  app.addHook('preClose', async () => {
    isClosing = true
  })
  app.addHook('onRequest', async (_request, reply) => {
    if (!isClosing) return
    // The load balancer sends the retry to another process; this one is draining.
    reply.header('connection', 'close')
    throw new AppError('SERVICE_UNAVAILABLE', 503, '服务正在停止，请稍后重试')
  })
  installSchemaValidation(app)
  installErrorHandling(app)
  installRequestHygiene(app, { bodyLimitBytes: options.bodyLimitBytes })
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  app.addSchema(ErrorBody)

  await app.register(fastifyCookie)
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS at run time; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: isHttps ? { maxAge: 31536000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
  })
  await app.register(fastifyRateLimit, { global: false })
  await app.register(fastifySwagger, {
    // Shared schemas appear under their own name (ErrorBody), not def-0.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string) || `def-${i}` },
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '通办 Tongban API',
        description: '一网通办政务服务平台接口。所有错误响应均为 ErrorBody：{ code, message, details?, requestId }。',
        version: options.version,
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tongban_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
  })
  return app
}

/** Serves the OpenAPI document at /api/openapi.json and a browsable page at /api/docs (assets bundled, no CDN). */
export async function registerApiDocs(app: HttpServer): Promise<void> {
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger())
  await app.register(async (docs) => {
    // The documentation pages are public; the routes they describe keep their own access rules.
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' }
    })
    await docs.register(fastifySwaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: true,
      uiConfig: { docExpansion: 'list', deepLinking: false, url: '/api/openapi.json' },
    })
  })
}
