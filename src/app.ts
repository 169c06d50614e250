import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { demoRoutes } from './demo/index.js'
import { auditRoutes, createAuditService, installRequestAudit } from './modules/audit/index.js'
import { type Actor, createIdentityService, identityRoutes, SESSION_COOKIE } from './modules/identity/index.js'
import type { Config } from './platform/config/index.js'
import { createKeyRing } from './platform/crypto/index.js'
import type { Db } from './platform/db/index.js'
import { healthRoutes } from './platform/health/index.js'
import { createHttpServer, installAccessControl, installIdempotency, registerApiDocs } from './platform/http/index.js'
import { registerWebAssets } from './platform/http/web-assets.js'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { version } = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { version: string }

export type AppDeps = { config: Config; db: Db; masterKey: Buffer; webDistDir?: string }

/** Builds the whole server from the platform pieces and the modules; `main.ts` starts it, tests inject into it. */
export async function buildApp({ config, db, masterKey, webDistDir = path.join(rootDir, 'dist', 'web') }: AppDeps) {
  const keyRing = await createKeyRing(db, masterKey)
  const app = await createHttpServer({
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    publicUrl: config.publicUrl,
    version,
  })

  const audit = createAuditService({ db })
  const identity = createIdentityService({ db, cipher: keyRing, audit, settings: config })

  const { recordDenial } = installRequestAudit(app, audit, (request) =>
    identity.describeActor(request.principal as Actor | undefined),
  )
  installAccessControl(app, (request) => identity.resolveActor(request.cookies[SESSION_COOKIE]), recordDenial)
  installIdempotency(app, db)

  healthRoutes(app, { db, version })
  await registerApiDocs(app)
  identityRoutes(app, {
    identity,
    secureCookies: config.publicUrl.startsWith('https:'),
    loginRateLimitPerMinute: config.loginRateLimitPerMinute,
  })
  auditRoutes(app, { audit })
  if (config.demoMode) demoRoutes(app)
  await registerWebAssets(app, webDistDir)

  return { app, services: { audit, identity, keyRing } }
}

export type TongbanApp = Awaited<ReturnType<typeof buildApp>>
