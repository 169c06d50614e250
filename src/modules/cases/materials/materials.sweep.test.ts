import { randomBytes, randomUUID } from 'node:crypto'
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createManualClock } from '../../../platform/jobs/index.js'
import { startTestApp, type TestApp } from '../../../test-support/test-app.js'
import { listStoredObjects } from './materials.test-support.js'

// A crash between writing a material's file and committing its row leaves a file nobody can reach; the hourly job
// removes it, on the queue's own clock.
describe('sweeping files left by interrupted uploads', () => {
  const clock = createManualClock(new Date('2030-03-02T02:00:00Z'))
  let app: TestApp

  beforeAll(async () => {
    app = await startTestApp({ seed: false, clock })
  })
  afterAll(async () => app?.close())

  test('an orphan older than an hour is removed by the job, which then waits an hour on the clock', async () => {
    const folder = path.join(app.dataDir, 'files', 'materials', randomUUID())
    mkdirSync(folder, { recursive: true })
    const orphan = path.join(folder, randomUUID())
    writeFileSync(orphan, randomBytes(100))
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000)
    utimesSync(orphan, twoHoursAgo, twoHoursAgo)

    let runs = 0
    while ((await app.services.jobs.runDueJobs()) > 0 && runs < 20) runs += 1

    expect(runs).toBeLessThan(20)
    expect(listStoredObjects(path.join(app.dataDir, 'files'))).toEqual([])
    const { rows } = await app.db.query<{ run_at: Date }>(
      `SELECT run_at FROM platform.jobs WHERE kind = 'cases.materials.sweep_orphans' AND state = 'pending'`,
    )
    expect(rows.map((row) => row.run_at.toISOString())).toEqual(['2030-03-02T03:00:00.000Z'])
  })
})
