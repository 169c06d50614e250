import { buildApp } from './app.js'
import { seedDemoCatalog, seedDemoData, seedDemoWorkflow } from './demo/index.js'
import { scheduleDailyAuditVerification } from './modules/audit/index.js'
import { syncCalendarFromPackage } from './platform/calendar/index.js'
import { ConfigError, loadConfig } from './platform/config/index.js'
import { loadMasterKey } from './platform/crypto/index.js'
import { DataDirInUseError, migrate, openDb } from './platform/db/index.js'

async function start() {
  const config = loadConfig()
  const db = await openDb(config)
  const { version: migrationVersion } = await migrate(db)
  // A newer chinese-days package brings newly published years; the centre's overrides are kept.
  const calendarSync = await syncCalendarFromPackage(db)
  const masterKey = loadMasterKey({
    masterKeyHex: config.masterKeyHex,
    masterKeyFile: config.masterKeyFile,
    createIfMissing: true,
  })
  const { app, services } = await buildApp({ config, db, masterKey })
  if (calendarSync.daysWritten + calendarSync.daysRemoved + calendarSync.yearsPublished > 0)
    app.log.info(calendarSync, 'updated the working-day calendar from the chinese-days package')
  const divisions = await services.identity.ensureDivisions()
  if (divisions > 0) app.log.info({ divisions }, 'loaded administrative divisions (GB/T 2260)')
  if (config.demoMode) {
    const { seeded } = await seedDemoData({ db, identity: services.identity, audit: services.audit })
    if (seeded) app.log.info('seeded the demo county (常熟市) with departments, staff and public accounts')
    const catalogSeed = await seedDemoCatalog({ catalog: services.catalog })
    if (catalogSeed.seeded) app.log.info('seeded the demo catalog (事项库) with published items and synonyms')
    const workflowSeed = await seedDemoWorkflow(services.workflow)
    if (workflowSeed.seeded) app.log.info('deployed the demo parallel approval (建设工程规划许可) with three projects')
  }

  const setupToken = await services.identity.issueSetupToken()
  if (setupToken) {
    // Printed once, to the operator's console only: there is no account with a known password to log in with.
    console.log(
      `首次启动 (first start): 尚无系统管理员。请在 24 小时内打开 ${config.publicUrl}/setup ，使用一次性初始化令牌创建系统管理员：\n  ${setupToken}`,
    )
  }

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing requests in flight')
    // The job in flight commits or rolls back first; then Fastify stops accepting and waits for requests in
    // flight; then we close the database (and its lock).
    await services.jobs.stop()
    await app.close()
    await db.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))

  await app.listen({ port: config.port, host: config.host })
  await scheduleDailyAuditVerification(db, services.jobs, new Date())
  await services.jobs.start()
  const engine = db.engine === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'
  console.log(
    `通办 Tongban is running at ${config.publicUrl} — ${engine}, migration ${migrationVersion}${config.demoMode ? ', demo mode (演示模式)' : ''}`,
  )
}

start().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    console.error(`Tongban cannot start: ${error.message}`)
  } else {
    console.error('Tongban failed to start:', error)
  }
  process.exit(1)
})
