import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestApp, type TestApp } from '../../test-support/test-app.js'
import { actorFor, TEST_CONTEXT } from './workflow-test-support.js'

const reviewXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tongban="http://tongban.org/schema/bpmn" id="d" targetNamespace="http://tongban.org/test">
  <bpmn:process id="port_review" name="审查" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="review" name="审查" tongban:assigneeRule="user" tongban:user="qianlei" />
    <bpmn:userTask id="decide" name="决定" tongban:assigneeRule="user" tongban:user="wangfang" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="decide" />
    <bpmn:sequenceFlow id="f3" sourceRef="decide" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`

describe('what the cases module needs from the workflow: one transaction, the routed departments, 补正 both ways', () => {
  let app: TestApp

  beforeAll(async () => {
    app = await startTestApp()
    await app.services.workflow.workflow.deploy(TEST_CONTEXT, await actorFor(app, 'chenjing'), reviewXml)
  })
  afterAll(async () => {
    await app?.close()
  })

  async function start() {
    const { workflow } = app.services.workflow
    return workflow.startInstance(TEST_CONTEXT, await actorFor(app, 'chenjing'), {
      processKey: 'port_review',
      businessKey: `case:${Math.random().toString(36).slice(2)}`,
    })
  }

  test('a completion inside the caller’s transaction is undone when the caller’s own work fails', async () => {
    const { tasks } = app.services.workflow
    const started = await start()
    const qianlei = await actorFor(app, 'qianlei')
    const failed = await app.db
      .transaction(async (tx) => {
        await tasks.completeTask(TEST_CONTEXT, qianlei, started.taskIds[0] as string, { opinion: '同意' }, tx)
        throw new Error('the case transition failed')
      })
      .catch((error: Error) => error.message)
    expect(failed).toBe('the case transition failed')
    expect((await tasks.findTaskOfInstance(app.db, started.taskIds[0] as string))?.state).toBe('open')

    await app.db.transaction((tx) =>
      tasks.completeTask(TEST_CONTEXT, qianlei, started.taskIds[0] as string, { opinion: '同意' }, tx),
    )
    expect((await tasks.findTaskOfInstance(app.db, started.taskIds[0] as string))?.state).toBe('completed')

    const planning = await app.services.workflow.directory.findStaff('qianlei')
    const market = await app.services.workflow.directory.findStaff('wangfang')
    const routed = await tasks.listInstanceDepartmentIds(app.db, started.id)
    expect(routed.sort()).toEqual([planning?.departmentId, market?.departmentId].sort())
  })

  test('a return to the applicant from the inbox tells the case, and the applicant’s online supplement reopens the step', async () => {
    const { tasks } = app.services.workflow
    const told: { businessKey: string | null; reason: string }[] = []
    tasks.onReturnedToApplicant(async (_tx, event) => {
      told.push({ businessKey: event.businessKey, reason: event.reason })
    })
    const started = await start()
    const qianlei = await actorFor(app, 'qianlei')
    await tasks.returnToApplicant(TEST_CONTEXT, qianlei, started.taskIds[0] as string, '缺少总平面图')
    expect(told).toEqual([{ businessKey: expect.stringMatching(/^case:/), reason: '缺少总平面图' }])

    const applicant = { ...(await actorFor(app, 'qianlei')), id: '11111111-1111-4111-8111-111111111111', roles: [] }
    const refused = await tasks
      .resumeAfterSupplement(TEST_CONTEXT, applicant, started.taskIds[0] as string, '已上传')
      .catch((error: { statusCode: number }) => error.statusCode)
    expect(refused).toBe(403)
    const resumed = await tasks.resumeAfterSupplement(
      TEST_CONTEXT,
      applicant,
      started.taskIds[0] as string,
      '申请人网上补正',
      undefined,
      { byApplicant: true },
    )
    expect((await tasks.findTaskOfInstance(app.db, resumed.taskId))?.state).toBe('open')
  })
})
