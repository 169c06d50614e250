import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createManualClock } from '../../platform/jobs/index.js'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'
import { answerWithFirstOptions, demoItemCode } from './cases.test-support.js'

// An item of 市场监督管理局 without an online form, so these tests are about the case, not the form.
const ITEM_NAME = '特种设备使用登记'
const ITEM = demoItemCode(ITEM_NAME)
const ITEM_ANSWERS = answerWithFirstOptions(ITEM_NAME)
// Friday 2025-09-26, 10:00 in China.
const clock = createManualClock(new Date('2025-09-26T02:00:00Z'))
let app: TestApp
let citizen: Session
let clerk: Session
let manager: Session
let marketReviewer: Session

beforeAll(async () => {
  app = await startTestApp({ seedCatalog: true, clock })
  ;[citizen, clerk, manager, marketReviewer] = await Promise.all([
    loginAs(app, 'sunxiaomei'),
    loginAs(app, 'zhangmin'),
    loginAs(app, 'chenjing'),
    loginAs(app, 'liqiang'),
  ])
}, 120_000)
afterAll(async () => {
  await app?.close()
})

async function givenAcceptedCase(): Promise<{ id: string; dueOn: string }> {
  const draft = await citizen.request({
    method: 'POST',
    url: '/api/cases',
    payload: { itemCode: ITEM, answers: ITEM_ANSWERS },
  })
  const id = draft.json().id as string
  await citizen.request({ method: 'POST', url: `/api/cases/${id}/submit` })
  const accepted = await clerk.request({ method: 'POST', url: `/api/cases/${id}/accept` })
  return { id, dueOn: accepted.json().clock.dueOn }
}

describe('time-limit warnings', () => {
  test('the warning job turns a case red once it is past its due day, and the centre manager sees it at risk', async () => {
    clock.set(new Date('2025-09-26T02:00:00Z'))
    const { id, dueOn } = await givenAcceptedCase()
    const before = await manager.request({ method: 'GET', url: '/api/cases/at-risk' })

    clock.set(new Date('2025-10-31T02:00:00Z'))
    await app.services.jobs.runDueJobs(10)
    const after = await manager.request({ method: 'GET', url: '/api/cases/at-risk?sort=level' })
    const seen = await citizen.request({ method: 'GET', url: `/api/cases/${id}` })

    expect(dueOn >= '2025-09-28').toBe(true)
    expect((before.json().cases as { id: string }[]).map((entry) => entry.id)).not.toContain(id)
    expect(after.json().cases).toContainEqual(
      expect.objectContaining({ id, warningLevel: 'red', departmentName: '常熟市市场监督管理局' }),
    )
    expect(seen.json().clock).toMatchObject({ warningLevel: 'red' })
    expect(seen.json().clock.daysLeft).toBeLessThan(0)
  })

  test('while the applicant supplements, the clock stands still and the due day moves on', async () => {
    clock.set(new Date('2025-09-26T02:00:00Z'))
    const { id, dueOn } = await givenAcceptedCase()
    await marketReviewer.request({
      method: 'POST',
      url: `/api/cases/${id}/supplement-request`,
      payload: { items: ['从业人员健康证明'] },
    })

    // The applicant supplements on 2025-10-09: 09-27…10-09 holds 09-28, 09-29, 09-30 and 10-09 as working days.
    clock.set(new Date('2025-10-09T02:00:00Z'))
    const supplied = await citizen.request({ method: 'POST', url: `/api/cases/${id}/supplement`, payload: {} })

    expect(supplied.json().clock.dueOn > dueOn).toBe(true)
    expect(supplied.json().clock.daysUsed).toBe(0)
    expect(supplied.json().clock.isPaused).toBe(false)
  })

  test('a department reviewer may not see the centre’s at-risk list', async () => {
    const answer = await marketReviewer.request({ method: 'GET', url: '/api/cases/at-risk' })

    expect(answer.statusCode).toBe(403)
  })
})
