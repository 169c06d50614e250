import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { buildNextDailyRun, scheduleDailyAuditVerification } from '../modules/audit/index.js'
import { readPlanningPermitXml } from '../modules/workflow/index.js'
import { createManualClock } from '../platform/jobs/index.js'
import { loginAs, type Session, startTestApp, type TestApp } from '../test-support/test-app.js'

// The embedded engine has one connection: anything that waits on it from inside a transaction freezes the whole
// server. These run the paths that once did, on either engine, and watch that the server keeps answering.
const HEALTH_BOUND_MS = 10_000

async function timeHealth(app: TestApp): Promise<{ status: number; ms: number }> {
  const began = Date.now()
  const response = await app.app.inject({ method: 'GET', url: '/api/health' })
  return { status: response.statusCode, ms: Date.now() - began }
}

describe('the server keeps answering', () => {
  const clock = createManualClock(new Date('2026-03-02T10:00:00Z'))
  let app: TestApp
  let chenjing: Session

  beforeAll(async () => {
    app = await startTestApp({ clock })
    chenjing = await loginAs(app, 'chenjing')
  })
  afterAll(async () => {
    vi.useRealTimers()
    await app?.close()
  })

  test('the daily audit verification runs at 02:00 while requests flow and health answers in time', async () => {
    await scheduleDailyAuditVerification(app.db, app.services.jobs, clock.now())
    clock.set(new Date(buildNextDailyRun(clock.now()).getTime() + 1000))

    await app.services.jobs.start({ pollIntervalMs: 50 })
    const healthChecks: Array<{ status: number; ms: number }> = []
    let verified = false
    const deadline = Date.now() + 120_000
    while (!verified && Date.now() < deadline) {
      healthChecks.push(await timeHealth(app))
      await chenjing.request({ method: 'GET', url: '/api/auth/me' })
      const { rows } = await app.db.query<{ state: string }>(
        `SELECT state FROM platform.jobs WHERE kind = 'audit.daily_verification' ORDER BY created_at`,
      )
      verified = rows.map((row) => row.state).join(',') === 'done,pending'
    }
    await app.services.jobs.stop()

    expect(verified).toBe(true)
    expect(healthChecks.every((check) => check.status === 200 && check.ms < HEALTH_BOUND_MS)).toBe(true)
  }, 180_000)

  test('1,000 workflow starts in a row complete, also when the staff directory has to be read again', async () => {
    expect(
      (
        await chenjing.request({
          method: 'POST',
          url: '/api/workflow/deployments',
          headers: { 'content-type': 'application/xml' },
          payload: readPlanningPermitXml(),
        })
      ).statusCode,
    ).toBe(200)
    // The workflow reads staff and departments through a 30 s cache; moving time on makes starts reload it, inside
    // their transaction, where reading through the database itself once froze the embedded server.
    vi.useFakeTimers({ toFake: ['Date'] })

    const statuses: number[] = []
    for (let n = 0; n < 1000; n++) {
      if (n % 100 === 0) vi.setSystemTime(Date.now() + 31_000)
      const started = await chenjing.request({
        method: 'POST',
        url: '/api/workflow/instances',
        payload: { processKey: 'construction_planning_permit', businessKey: `watchdog-${n}` },
      })
      statuses.push(started.statusCode)
    }
    vi.useRealTimers()

    expect(statuses.filter((status) => status !== 200)).toEqual([])
    expect((await timeHealth(app)).status).toBe(200)
  }, 900_000)
})
