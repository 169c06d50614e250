import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, startTestApp, type TestApp } from '../test-support/test-app.js'
import { DEMO_ORGANIZATIONS, DEMO_PEOPLE } from './demo-organization.js'
import { seedDemoCases } from './seed-cases.js'

type CaseSummary = { state: string; warningLevel?: string }

let app: TestApp
let firstRun: { seeded: boolean; cases: number }

function seed() {
  const { audit, keyRing, calendar, catalog, identity, workflow } = app.services
  return seedDemoCases({ db: app.db, audit, cipher: keyRing, calendar, catalog, identity, workflow })
}

async function getJson<T>(loginName: string, url: string): Promise<T> {
  const session = await loginAs(app, loginName)
  const response = await session.request({ method: 'GET', url })
  expect(response.statusCode, `${loginName} GET ${url}`).toBe(200)
  return response.json() as T
}

beforeAll(async () => {
  app = await startTestApp({ seedCatalog: true })
  firstRun = await seed()
}, 300_000)

afterAll(async () => {
  await app?.close()
})

describe('the demo county with a case history', () => {
  test('several hundred cases are seeded, spread over the states a centre sees in a normal week', async () => {
    expect(firstRun.seeded).toBe(true)
    expect(firstRun.cases).toBeGreaterThanOrEqual(300)

    const { counts } = await getJson<{ counts: Record<string, number> }>('chenjing', '/api/cases/handling?limit=1')

    for (const state of [
      'submitted',
      'returned',
      'accepted',
      'not_accepted',
      'supplement_requested',
      'under_review',
      'special_procedure',
      'granted',
      'concluded',
      'delivered',
      'withdrawn',
    ]) {
      expect(counts[state] ?? 0, state).toBeGreaterThan(0)
    }
    expect((counts.delivered ?? 0) + (counts.concluded ?? 0)).toBeGreaterThan(100)
  })

  // Accepting a case completes the process's own 受理 task, so the clerks' work is the pre-review queue.
  test('the window clerks find a pre-review queue of online submissions', async () => {
    for (const clerk of ['zhangmin', 'xuhui']) {
      const submitted = await getJson<{ cases: CaseSummary[] }>(clerk, '/api/cases/handling?state=submitted')

      expect(submitted.cases.length, clerk).toBeGreaterThan(10)
    }
  })

  test('each department reviewer has cases of their department and the parallel reviews in their inbox', async () => {
    for (const [reviewer, elementId] of [
      ['liqiang', 'marketReview'],
      ['zhaogang', 'housingReview'],
      ['qianlei', 'planningReview'],
    ] as const) {
      const tasks = await getJson<{ elementId: string }[]>(reviewer, '/api/workflow/tasks?view=unclaimed')
      // Three come from the demo projects of the workflow seed; the rest are cases' reviews.
      expect(tasks.filter((task) => task.elementId === elementId).length, reviewer).toBeGreaterThan(3)
    }
    for (const handler of ['wangfang', 'liuyang', 'zhaogang', 'qianlei']) {
      const { cases } = await getJson<{ cases: CaseSummary[] }>(handler, '/api/cases/handling')
      expect(
        cases.filter((summary) => ['accepted', 'under_review', 'supplement_requested'].includes(summary.state)).length,
        handler,
      ).toBeGreaterThan(0)
    }
  })

  test('the centre managers see red (overdue) and yellow cases across departments', async () => {
    for (const manager of ['chenjing', 'huangwei']) {
      const { cases } = await getJson<{ cases: { warningLevel: string; departmentName: string }[] }>(
        manager,
        '/api/cases/at-risk',
      )

      expect(cases.filter((entry) => entry.warningLevel === 'red').length, manager).toBeGreaterThanOrEqual(10)
      expect(cases.filter((entry) => entry.warningLevel === 'yellow').length, manager).toBeGreaterThanOrEqual(5)
      expect(new Set(cases.map((entry) => entry.departmentName)).size, manager).toBeGreaterThan(3)
    }
  })

  test('every demo citizen and company finds 我的办件 with cases in several states', async () => {
    for (const loginName of [...DEMO_PEOPLE, ...DEMO_ORGANIZATIONS].map((account) => account.loginName)) {
      const { cases } = await getJson<{ cases: CaseSummary[] }>(loginName, '/api/cases/mine')

      expect(cases.length, loginName).toBeGreaterThanOrEqual(6)
      expect(new Set(cases.map((summary) => summary.state)).size, loginName).toBeGreaterThanOrEqual(5)
    }
  })

  test('seeding a second time adds nothing', async () => {
    const before = await getJson<{ counts: Record<string, number> }>('chenjing', '/api/cases/handling?limit=1')

    expect(await seed()).toEqual({ seeded: false, cases: 0 })

    const after = await getJson<{ counts: Record<string, number> }>('chenjing', '/api/cases/handling?limit=1')
    expect(after.counts).toEqual(before.counts)
  })
})
