import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { seedDemoWorkflow } from '../../demo/index.js'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'
import type { Actor } from '../identity/index.js'
import { answerWithFirstOptions, demoItemCode } from './cases.test-support.js'
import { createCasesService, createCaseWorkflowPort, seedDemoItemProcesses } from './index.js'

// An item of 自然资源和规划局 without an online form, run on the demo's parallel approval.
const ITEM_NAME = '建设用地规划许可证核发'
const PLANNING_PERMIT = demoItemCode(ITEM_NAME)
const PLANNING_ANSWERS = answerWithFirstOptions(ITEM_NAME)
let app: TestApp
let citizen: Session
let clerk: Session
let planningReviewer: Session
let housingReviewer: Session
let healthReviewer: Session

beforeAll(async () => {
  app = await startTestApp({ seedCatalog: true })
  await seedDemoWorkflow(app.services.workflow)
  expect(await seedDemoItemProcesses(app.db)).toBe(1)
  await app.services.cases.setItemProcess(PLANNING_PERMIT, 'construction_planning_permit', {
    reviewDepartments: ['320581-ZRZY', '320581-ZJ', '320581-SCJG'],
  })
  ;[citizen, clerk, planningReviewer, housingReviewer, healthReviewer] = await Promise.all([
    loginAs(app, 'sunxiaomei'),
    loginAs(app, 'zhangmin'),
    loginAs(app, 'qianlei'),
    loginAs(app, 'zhaogang'),
    loginAs(app, 'liuyang'),
  ])
}, 120_000)
afterAll(async () => {
  await app?.close()
})

async function openTaskOf(instanceId: string, elementId: string): Promise<string> {
  const { rows } = await app.db.query<{ id: string }>(
    "SELECT id FROM workflow.tasks WHERE root_instance_id = $1 AND element_id = $2 AND state = 'open'",
    [instanceId, elementId],
  )
  return rows[0]?.id as string
}

describe('a case whose item runs a parallel approval', () => {
  test('acceptance starts the process past its 受理 step; the departments it reaches see the case file, the supplement is the workflow’s return to the applicant', async () => {
    const draft = await citizen.request({
      method: 'POST',
      url: '/api/cases',
      payload: { itemCode: PLANNING_PERMIT, answers: PLANNING_ANSWERS },
    })
    const id = draft.json().id as string
    await citizen.request({ method: 'POST', url: `/api/cases/${id}/submit` })
    // 住房和城乡建设局 is not the accepting department (自然资源和规划局): it sees the case once the process reaches it.
    const beforeAcceptance = await housingReviewer.request({ method: 'GET', url: `/api/cases/${id}/file` })

    const accepted = await clerk.request({ method: 'POST', url: `/api/cases/${id}/accept` })
    const instanceId = (await clerk.request({ method: 'GET', url: `/api/cases/${id}/file` })).json().processInstanceId
    const lingeringAcceptTask = await openTaskOf(instanceId, 'accept')
    const planningTask = await openTaskOf(instanceId, 'planningReview')
    const reviewed = await planningReviewer.request({
      method: 'POST',
      url: `/api/cases/${id}/reviews`,
      payload: { taskId: await openTaskOf(instanceId, 'housingReview'), outcome: 'agree', opinion: '施工条件具备' },
    })
    const housingFile = await housingReviewer.request({ method: 'GET', url: `/api/cases/${id}/file` })
    const otherDepartment = await healthReviewer.request({ method: 'GET', url: `/api/cases/${id}/file` })

    expect(beforeAcceptance.statusCode).toBe(404)
    expect(accepted.json()).toMatchObject({ state: 'under_review' })
    expect(lingeringAcceptTask).toBeUndefined()
    expect(planningTask).toBeDefined()
    // 规划科 cannot complete 住建局's task.
    expect(reviewed.statusCode).toBeGreaterThanOrEqual(400)
    expect(housingFile.statusCode).toBe(200)
    expect(otherDepartment.statusCode).toBe(404)

    const housingReviewed = await housingReviewer.request({
      method: 'POST',
      url: `/api/cases/${id}/reviews`,
      payload: { taskId: await openTaskOf(instanceId, 'housingReview'), outcome: 'agree', opinion: '施工条件具备' },
    })
    const planningFile = await planningReviewer.request({ method: 'GET', url: `/api/cases/${id}/file` })
    expect(housingReviewed.statusCode).toBe(201)
    expect(planningFile.json().opinions).toMatchObject([{ outcomeLabel: '同意', opinion: '施工条件具备' }])

    const requested = await planningReviewer.request({
      method: 'POST',
      url: `/api/cases/${id}/supplement-request`,
      payload: { items: ['建设工程设计方案总平面图'], taskId: planningTask },
    })
    const stillOpen = await openTaskOf(instanceId, 'planningReview')
    const supplied = await citizen.request({ method: 'POST', url: `/api/cases/${id}/supplement`, payload: {} })
    const reopened = await openTaskOf(instanceId, 'planningReview')
    const history = (await citizen.request({ method: 'GET', url: `/api/cases/${id}` })).json()

    expect(requested.json().state).toBe('supplement_requested')
    expect(requested.json().clock.isPaused).toBe(false) // the pause begins on the next day
    expect(stillOpen).toBeUndefined()
    expect(supplied.json().state).toBe('under_review')
    expect(reopened).toBeDefined()
    // One 补正 on the case, though the workflow's return hook also saw the step.
    const supplementRequests = history.timeline.filter(
      (event: { toState: string }) => event.toState === 'supplement_requested',
    )
    expect(supplementRequests).toHaveLength(1)
  })

  test('a task of another case cannot be used to record an opinion on this one', async () => {
    const first = await citizen.request({
      method: 'POST',
      url: '/api/cases',
      payload: { itemCode: PLANNING_PERMIT, answers: PLANNING_ANSWERS },
    })
    const second = await citizen.request({
      method: 'POST',
      url: '/api/cases',
      payload: { itemCode: PLANNING_PERMIT, answers: PLANNING_ANSWERS },
    })
    for (const draft of [first, second]) {
      await citizen.request({ method: 'POST', url: `/api/cases/${draft.json().id}/submit` })
      await clerk.request({ method: 'POST', url: `/api/cases/${draft.json().id}/accept` })
    }
    const firstInstance = (await clerk.request({ method: 'GET', url: `/api/cases/${first.json().id}/file` })).json()
      .processInstanceId
    const firstTask = await openTaskOf(firstInstance, 'planningReview')

    const misplaced = await clerk.request({
      method: 'POST',
      url: `/api/cases/${second.json().id}/reviews`,
      payload: { taskId: firstTask, outcome: 'agree', opinion: '同意' },
    })

    expect(misplaced.statusCode).toBe(404)
    expect(misplaced.json().code).toBe('CASE_TASK_NOT_FOUND')
  })
})

describe('the case and its process move together', () => {
  async function caseUnderReview(): Promise<{ id: string; instanceId: string }> {
    const draft = await citizen.request({
      method: 'POST',
      url: '/api/cases',
      payload: { itemCode: PLANNING_PERMIT, answers: PLANNING_ANSWERS },
    })
    const id = draft.json().id as string
    await citizen.request({ method: 'POST', url: `/api/cases/${id}/submit` })
    await clerk.request({ method: 'POST', url: `/api/cases/${id}/accept` })
    const instanceId = (await clerk.request({ method: 'GET', url: `/api/cases/${id}/file` })).json().processInstanceId
    return { id, instanceId }
  }

  test('a reviewer who returns the task from the inbox records the same 补正 on the case, and the applicant’s supplement reopens it', async () => {
    const { id, instanceId } = await caseUnderReview()
    const planningTask = await openTaskOf(instanceId, 'planningReview')

    const returned = await planningReviewer.request({
      method: 'POST',
      url: `/api/workflow/tasks/${planningTask}/return-to-applicant`,
      payload: { reason: '请补充建设工程设计方案总平面图' },
    })
    const seenByApplicant = (await citizen.request({ method: 'GET', url: `/api/cases/${id}` })).json()
    const notices = (await citizen.request({ method: 'GET', url: `/api/cases/${id}/notices` })).json()
    const messages = (await citizen.request({ method: 'GET', url: '/api/notifications/messages' })).json()

    expect(returned.statusCode).toBeLessThan(300)
    expect(seenByApplicant.state).toBe('supplement_requested')
    const requests = seenByApplicant.timeline.filter(
      (event: { action: string }) => event.action === 'request_supplement',
    )
    expect(requests).toMatchObject([{ reason: '请补充建设工程设计方案总平面图', detail: { taskId: planningTask } }])
    expect(notices.map((notice: { kind: string }) => notice.kind)).toContain('supplement')
    expect(JSON.stringify(messages)).toContain('请补充建设工程设计方案总平面图')

    const supplied = await citizen.request({ method: 'POST', url: `/api/cases/${id}/supplement`, payload: {} })
    expect(supplied.json().state).toBe('under_review')
    expect(await openTaskOf(instanceId, 'planningReview')).toBeDefined()

    // 补正 is once per case: a second return from the inbox is refused, and the task stays where it was.
    const again = await planningReviewer.request({
      method: 'POST',
      url: `/api/workflow/tasks/${await openTaskOf(instanceId, 'planningReview')}/return-to-applicant`,
      payload: { reason: '再补一份' },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('CASE_SUPPLEMENT_ALREADY_REQUESTED')
    expect(await openTaskOf(instanceId, 'planningReview')).toBeDefined()
  })

  test('when the case’s own work fails after the task step, neither the case nor the task moves', async () => {
    const { id, instanceId } = await caseUnderReview()
    const planningTask = await openTaskOf(instanceId, 'planningReview')
    const failingNotices = createCasesService({
      db: app.db,
      audit: app.services.audit,
      cipher: app.services.keyRing,
      calendar: app.services.calendar,
      clock: { now: () => new Date() },
      catalog: app.services.catalog,
      identity: app.services.identity,
      workflow: createCaseWorkflowPort(app.services.workflow),
      sideEffects: {
        issueNotice: async () => {
          throw new Error('the notice store is down')
        },
        notify: async () => {},
      },
    })
    const reviewer = await staffActor('qianlei')

    await expect(
      failingNotices.requestSupplement(TEST_CONTEXT, reviewer, id, { items: ['总平面图'], taskId: planningTask }),
    ).rejects.toThrow('the notice store is down')

    const file = (await planningReviewer.request({ method: 'GET', url: `/api/cases/${id}/file` })).json()
    expect(file.state).toBe('under_review')
    expect(await openTaskOf(instanceId, 'planningReview')).toBe(planningTask)
  })
})

const TEST_CONTEXT = { actor: null, clientAddress: null, requestId: null }

async function staffActor(loginName: string): Promise<Actor> {
  const staff = await app.services.workflow.directory.findStaff(loginName)
  if (!staff) throw new Error(`no staff ${loginName}`)
  return { ...staff, kind: 'staff', sessionId: 'test', csrfToken: 'test', departmentName: null } as unknown as Actor
}
