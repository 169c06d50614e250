import { openDb } from '../src/platform/db/index.js'
import { startTestApp } from '../src/test-support/test-app.js'
import { driveAuditOnly, driveCompletions, loadReviewers, type PendingTask } from './workflow-drivers.js'

// One more Tongban server process against the bench database (forked by workflow.bench.ts): it does the share of
// the work the bench sends it and answers with its samples.

export type ServerProcessWork =
  | { kind: 'completions'; instances: PendingTask[][]; concurrency: number }
  | { kind: 'audit'; count: number; concurrency: number }
  | { kind: 'stop' }

const [databaseUrl, masterKeyHex] = process.argv.slice(2) as [string, string]
const db = await openDb({ databaseUrl, dataDir: '', databasePoolSize: 10 })
const app = await startTestApp({ db, masterKey: Buffer.from(masterKeyHex, 'hex'), seed: false })
const actors = await loadReviewers(app)

process.on('message', async (work: ServerProcessWork) => {
  if (work.kind === 'stop') {
    await app.close()
    await db.close()
    process.disconnect()
    return
  }
  const samples =
    work.kind === 'completions'
      ? await driveCompletions(app, actors, work.instances, work.concurrency)
      : await driveAuditOnly(app, work.count, work.concurrency)
  process.send?.(samples)
})
process.send?.('ready')
