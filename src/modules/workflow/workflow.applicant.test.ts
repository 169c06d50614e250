import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createManualClock } from '../../platform/jobs/index.js'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'

const permitXml = readFileSync(path.join(import.meta.dirname, 'processes/construction-planning-permit.bpmn'), 'utf8')

type Task = { id: string; instanceId: string; elementId: string; dueAt: string | null; awaitingApplicant: boolean }

// 退回申请人补正: a reviewer sends the case back for missing material; the step waits, its clock stands still, and
// when the window records the supplement the same reviewer gets it back with the deadline moved by the days it took.
describe('returning a task to the applicant for a supplement', () => {
  let app: TestApp
  // Friday 2025-09-26 09:00 in Beijing, just before the National Day holiday and its make-up workdays.
  const clock = createManualClock(new Date('2025-09-26T01:00:00Z'))
  let chenjing: Session
  let zhangmin: Session
  let zhaogang: Session
  let liqiang: Session
  let qianlei: Session

  beforeAll(async () => {
    app = await startTestApp({ clock })
    chenjing = await loginAs(app, 'chenjing')
    zhangmin = await loginAs(app, 'zhangmin')
    zhaogang = await loginAs(app, 'zhaogang')
    liqiang = await loginAs(app, 'liqiang')
    qianlei = await loginAs(app, 'qianlei')
    await chenjing.request({ method: 'POST', url: '/api/workflow/deployments', payload: { xml: permitXml } })
  })
  afterAll(async () => {
    await app?.close()
  })

  const inbox = async (session: Session, view: string, instanceId: string) =>
    ((await session.request({ method: 'GET', url: `/api/workflow/tasks?view=${view}` })).json() as Task[]).filter(
      (task) => task.instanceId === instanceId,
    )

  /** A permit application accepted at the window, its housing review claimed by 赵刚. */
  async function startReview() {
    const started = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/instances',
      payload: { processKey: 'construction_planning_permit', variables: { reviewDepartments: ['320581-ZJ'] } },
    })
    const instanceId = started.json().id as string
    const [accept] = await inbox(zhangmin, 'unclaimed', instanceId)
    await zhangmin.request({ method: 'POST', url: `/api/workflow/tasks/${accept?.id}/complete`, payload: {} })
    const housing = (await inbox(zhaogang, 'unclaimed', instanceId)).find((task) => task.elementId === 'housingReview')
    await zhaogang.request({ method: 'POST', url: `/api/workflow/tasks/${housing?.id}/claim`, payload: {} })
    return { instanceId, housing: housing as Task }
  }

  test('the step waits without a task, and comes back to the reviewer with the deadline moved by the days it took', async () => {
    const { instanceId, housing } = await startReview()
    // 5 working days from Friday 26 September: Sun 28 (make-up), Mon 29, Tue 30, then Thu 9 and Fri 10 October.
    expect(housing.dueAt).toBe('2025-10-10T01:00:00.000Z')

    const returned = await zhaogang.request({
      method: 'POST',
      url: `/api/workflow/tasks/${housing.id}/return-to-applicant`,
      payload: { reason: '请补正施工图设计文件审查合格书' },
    })
    expect(returned.statusCode).toBe(200)
    expect(await inbox(zhaogang, 'mine', instanceId)).toEqual([])
    expect(await inbox(zhaogang, 'done', instanceId)).toMatchObject([{ id: housing.id, awaitingApplicant: true }])
    const view = (await chenjing.request({ method: 'GET', url: `/api/workflow/instances/${instanceId}` })).json()
    expect(view.awaitingApplicant).toMatchObject([
      { elementId: 'housingReview', taskId: housing.id, reason: '请补正施工图设计文件审查合格书' },
    ])
    const again = await zhaogang.request({
      method: 'POST',
      url: `/api/workflow/tasks/${housing.id}/complete`,
      payload: { opinion: '同意' },
    })
    expect(again.json().code).toBe('WORKFLOW_TASK_ALREADY_COMPLETED')

    // The applicant brings the material on Tuesday 30 September: Sun 28, Mon 29 and Tue 30 did not count.
    clock.set(new Date('2025-09-30T02:00:00Z'))
    const outsider = await liqiang.request({
      method: 'POST',
      url: `/api/workflow/tasks/${housing.id}/applicant-supplement`,
      payload: { reason: '已补正' },
    })
    expect(outsider.statusCode).toBe(403)
    const supplemented = await zhangmin.request({
      method: 'POST',
      url: `/api/workflow/tasks/${housing.id}/applicant-supplement`,
      payload: { reason: '申请人已提交审查合格书' },
    })
    expect(supplemented.statusCode).toBe(200)

    const [reopened] = await inbox(zhaogang, 'mine', instanceId)
    expect(reopened).toMatchObject({ id: supplemented.json().taskId, elementId: 'housingReview' })
    // Fri 10 October plus 3 working days: Sat 11 (make-up), Mon 13, Tue 14.
    expect(reopened?.dueAt).toBe('2025-10-14T01:00:00.000Z')
    const twice = await zhangmin.request({
      method: 'POST',
      url: `/api/workflow/tasks/${housing.id}/applicant-supplement`,
      payload: {},
    })
    expect(twice.json().code).toBe('WORKFLOW_NOT_AWAITING_APPLICANT')
    const history = (await chenjing.request({ method: 'GET', url: `/api/workflow/instances/${instanceId}` })).json()
      .history as { event: string; actorName: string; reason: string | null }[]
    expect(history.filter((entry) => entry.event.includes('applicant'))).toMatchObject([
      { event: 'task.returned-to-applicant', actorName: '赵刚', reason: '请补正施工图设计文件审查合格书' },
      { event: 'applicant.supplemented', actorName: '张敏', reason: '申请人已提交审查合格书' },
    ])
  })

  test('one countersigner cannot send the whole countersign back to the applicant', async () => {
    const { instanceId } = await startReview()
    for (const [reviewer, elementId] of [
      [liqiang, 'marketReview'],
      [zhaogang, 'housingReview'],
      [qianlei, 'planningReview'],
    ] as const) {
      const review = [
        ...(await inbox(reviewer, 'unclaimed', instanceId)),
        ...(await inbox(reviewer, 'mine', instanceId)),
      ].find((task) => task.elementId === elementId)
      await reviewer.request({ method: 'POST', url: `/api/workflow/tasks/${review?.id}/claim`, payload: {} })
      await reviewer.request({
        method: 'POST',
        url: `/api/workflow/tasks/${review?.id}/complete`,
        payload: { opinion: '同意' },
      })
    }
    const countersign = (await inbox(zhaogang, 'unclaimed', instanceId)).find(
      (task) => task.elementId === 'countersign',
    )

    const refused = await zhaogang.request({
      method: 'POST',
      url: `/api/workflow/tasks/${countersign?.id}/return-to-applicant`,
      payload: { reason: '材料不全' },
    })

    expect(refused.statusCode).toBe(409)
    expect(refused.json().code).toBe('WORKFLOW_COUNTERSIGN_CANNOT_AWAIT_APPLICANT')
  })
})
