import { buildApp } from './app.js'
import { seedDemoCases, seedDemoCatalog, seedDemoData, seedDemoWorkflow } from './demo/index.js'
import { scheduleDailyAuditVerification } from './modules/audit/index.js'
import { seedDemoItemProcesses } from './modules/cases/index.js'
import { syncCalendarFromPackage } from './platform/calendar/index.js'
import { ConfigError, loadConfig } from './platform/config/index.js'
import { CryptoError, describeDataUnderMasterKey, loadMasterKey } from './platform/crypto/index.js'
import { DataDirInUseError, migrate, openDb, secureDataDir } from './platform/db/index.js'

// How long SIGTERM waits for requests and the job in flight before the process exits anyway: a stuck request or
// job must not keep a stopping server alive (the orchestrator would have to SIGKILL it).
const SHUTDOWN_DRAIN_MS = 10_000

// Whatever Tongban writes (keys, checkpoints, uploads, the database) is for the service account alone.
process.umask(0o077)

async function start() {
  const config = loadConfig()
  const { tightened, notOwned } = secureDataDir(config.dataDir)
  if (tightened > 0)
    console.warn(`数据目录 ${config.dataDir} 中 ${tightened} 个文件或目录的组/其他用户权限已收回（0700/0600）`)
  if (notOwned.length > 0)
    console.warn(`数据目录中 ${notOwned.length} 项不属于本服务账户，无法收紧权限：${notOwned[0]} …`)
  const db = await openDb(config)
  const { version: migrationVersion } = await migrate(db)
  // A newer chinese-days package brings newly published years; the centre's overrides are kept.
  const calendarSync = await syncCalendarFromPackage(db)
  const existingData = await describeDataUnderMasterKey(db)
  const masterKey = loadMasterKey({
    masterKeyHex: config.masterKeyHex,
    masterKeyFile: config.masterKeyFile,
    // Only a database that holds nothing yet gets a fresh key; otherwise a moved key file stops the start.
    createIfMissing: existingData === undefined,
    existingData,
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
    // Which demo items run a process once accepted (cheap, idempotent; the case history below relies on it too).
    await seedDemoItemProcesses(db)
  }

  const setupToken = await services.identity.issueSetupToken()
  if (setupToken) {
    // Printed once, to the operator's console only: there is no account with a known password to log in with.
    console.log(
      (await services.identity.isSetupNeeded())
        ? `首次启动 (first start): 尚无系统管理员。请在 24 小时内打开 ${config.publicUrl}/setup ，使用一次性初始化令牌创建系统管理员：\n  ${setupToken}\n随后首个安全管理员、审计管理员由本人在同一页面用同一令牌各自创建自己的账户；三个角色都有人担任后令牌即失效。`
        : `尚无安全管理员或审计管理员：请由本人在 24 小时内打开 ${config.publicUrl}/setup ，使用一次性初始化令牌创建自己的账户：\n  ${setupToken}\n三个角色都有人担任后令牌即失效。`,
    )
  }

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing requests in flight')
    setTimeout(() => {
      console.error(`Tongban did not finish its requests and jobs within ${SHUTDOWN_DRAIN_MS} ms; exiting anyway`)
      // The uncommitted work rolls back: PGlite replays its log at the next start, PostgreSQL aborts it.
      process.exit(1)
    }, SHUTDOWN_DRAIN_MS).unref()
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
  // The demo's three months of cases take tens of seconds to play through: the server answers meanwhile.
  if (config.demoMode && config.demoCaseHistory) {
    const { audit, keyRing, calendar, catalog, identity, workflow } = services
    seedDemoCases({ db, audit, cipher: keyRing, calendar, catalog, identity, workflow }).then(
      (caseSeed) => {
        if (caseSeed.seeded)
          app.log.info({ cases: caseSeed.cases }, 'seeded the demo case history (演示办件, last 3 months)')
      },
      (error: unknown) => {
        if (!closing) app.log.error({ err: error }, 'seeding the demo case history failed')
      },
    )
  }
  const engine = db.engine === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'
  console.log(
    `通办 Tongban is running at ${config.publicUrl} — ${engine}, migration ${migrationVersion}${config.demoMode ? ', demo mode (演示模式)' : ''}`,
  )
}

start().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof CryptoError) {
    console.error(`Tongban cannot start: ${error.message}`)
  } else {
    console.error('Tongban failed to start:', error)
  }
  process.exit(1)
})
