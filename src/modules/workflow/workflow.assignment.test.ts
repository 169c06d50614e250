import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'

// A Flowable file as its modeler writes it: the review goes to the candidate group `management`, a group the
// province's engine knows but no Tongban role or department is called.
const flowableXml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:flowable="http://flowable.org/bpmn" typeLanguage="http://www.w3.org/2001/XMLSchema" expressionLanguage="http://www.w3.org/1999/XPath" targetNamespace="http://www.flowable.org/processdef">
  <process id="unmapped_group" name="省厅下发的审批" isExecutable="true">
    <startEvent id="startEvent1"/>
    <userTask id="managerReview" name="领导审批" flowable:candidateGroups="management"/>
    <endEvent id="endEvent1"/>
    <sequenceFlow id="f1" sourceRef="startEvent1" targetRef="managerReview"/>
    <sequenceFlow id="f2" sourceRef="managerReview" targetRef="endEvent1"/>
  </process>
</definitions>`

// The same intent written with BPMN's own resource roles (as Signavio and Trisotech export them).
const standardXml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="http://www.signavio.com" exporter="Signavio Process Editor, http://www.signavio.com">
  <process id="standard_performers" name="标准办理人" isExecutable="true">
    <startEvent id="sid-start"/>
    <userTask id="sid-review" name="部门审查">
      <potentialOwner><resourceAssignmentExpression><formalExpression>group(department_reviewer)</formalExpression></resourceAssignmentExpression></potentialOwner>
    </userTask>
    <userTask id="sid-sign" name="签发">
      <humanPerformer><resourceAssignmentExpression><formalExpression>user(qianlei)</formalExpression></resourceAssignmentExpression></humanPerformer>
    </userTask>
    <endEvent id="sid-end"/>
    <sequenceFlow id="s1" sourceRef="sid-start" targetRef="sid-review"/>
    <sequenceFlow id="s2" sourceRef="sid-review" targetRef="sid-sign"/>
    <sequenceFlow id="s3" sourceRef="sid-sign" targetRef="sid-end"/>
  </process>
</definitions>`

describe('who may work a task drawn in another modeler', () => {
  let app: TestApp
  let chenjing: Session

  beforeAll(async () => {
    app = await startTestApp()
    chenjing = await loginAs(app, 'chenjing')
  })
  afterAll(async () => {
    await app?.close()
  })

  async function openTaskOf(instanceId: string) {
    const { rows } = await app.db.query<{ id: string; element_id: string; assignee_id: string | null }>(
      `SELECT id, element_id, assignee_id FROM workflow.tasks WHERE root_instance_id = $1 AND state = 'open'`,
      [instanceId],
    )
    return rows[0] as { id: string; element_id: string; assignee_id: string | null }
  }

  test('a task for the group “management” that no role maps to: nobody may claim or complete it, the incident names the group, the centre manager assigns it', async () => {
    const deployed = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/deployments',
      headers: { 'content-type': 'application/xml' },
      payload: flowableXml,
    })
    expect(deployed.statusCode).toBe(200)
    expect(JSON.stringify(deployed.json().warnings)).toContain('候选组 management')

    const started = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/instances',
      payload: { processKey: 'unmapped_group' },
    })
    expect(started.statusCode).toBe(200)
    const instanceId = started.json().id as string
    const task = await openTaskOf(instanceId)

    for (const login of ['liqiang', 'wangfang', 'zhangmin', 'chenjing']) {
      const session = login === 'chenjing' ? chenjing : await loginAs(app, login)
      const inbox = await session.request({ method: 'GET', url: '/api/workflow/tasks?view=unclaimed' })
      expect(JSON.stringify(inbox.json()), `${login} is not offered the task`).not.toContain(task.id)
      const claim = await session.request({ method: 'POST', url: `/api/workflow/tasks/${task.id}/claim`, payload: {} })
      expect(claim.statusCode, `${login} cannot claim it`).toBe(403)
      const complete = await session.request({
        method: 'POST',
        url: `/api/workflow/tasks/${task.id}/complete`,
        payload: {},
      })
      expect(complete.statusCode, `${login} cannot complete it`).toBe(403)
    }

    const view = await chenjing.request({ method: 'GET', url: `/api/workflow/instances/${instanceId}` })
    const incidents = view.json().incidents as { elementId: string; message: string; resolvedAt: string | null }[]
    expect(incidents).toHaveLength(1)
    expect(incidents[0]?.elementId).toBe('managerReview')
    expect(incidents[0]?.message).toContain('候选组 management')

    const liqiang = await loginAs(app, 'liqiang')
    const notHis = await liqiang.request({
      method: 'POST',
      url: `/api/workflow/tasks/${task.id}/reassign`,
      payload: { loginName: 'liqiang', reason: '自己指定自己' },
    })
    expect(notHis.statusCode).toBe(403)

    const reassigned = await chenjing.request({
      method: 'POST',
      url: `/api/workflow/tasks/${task.id}/reassign`,
      payload: { loginName: 'wangfang', reason: '省厅的 management 组即本中心的市场监管局负责人' },
    })
    expect(reassigned.statusCode).toBe(200)
    const wangfang = await loginAs(app, 'wangfang')
    const done = await wangfang.request({
      method: 'POST',
      url: `/api/workflow/tasks/${task.id}/complete`,
      payload: { opinion: '同意' },
    })
    expect(done.statusCode).toBe(200)
    const after = await chenjing.request({ method: 'GET', url: `/api/workflow/instances/${instanceId}` })
    expect(after.json().instance.status).toBe('completed')
    expect(after.json().incidents[0].resolvedAt).not.toBeNull()
  })

  test('potentialOwner group(…) offers the task to that role; humanPerformer user(…) gives it to that person', async () => {
    const deployed = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/deployments',
      headers: { 'content-type': 'application/xml' },
      payload: standardXml,
    })
    expect(deployed.statusCode).toBe(200)
    const started = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/instances',
      payload: { processKey: 'standard_performers' },
    })
    const instanceId = started.json().id as string
    const review = await openTaskOf(instanceId)

    const windowClerk = await loginAs(app, 'zhangmin')
    expect(
      (await windowClerk.request({ method: 'POST', url: `/api/workflow/tasks/${review.id}/claim`, payload: {} }))
        .statusCode,
    ).toBe(403)
    const reviewer = await loginAs(app, 'liuyang')
    expect(
      (await reviewer.request({ method: 'POST', url: `/api/workflow/tasks/${review.id}/claim`, payload: {} }))
        .statusCode,
    ).toBe(200)
    const completed = await reviewer.request({
      method: 'POST',
      url: `/api/workflow/tasks/${review.id}/complete`,
      payload: { opinion: '符合要求' },
    })
    expect(completed.statusCode).toBe(200)

    const sign = await openTaskOf(instanceId)
    expect(sign.element_id).toBe('sid-sign')
    const qianlei = await app.services.workflow.directory.findStaff('qianlei')
    expect(sign.assignee_id).toBe(qianlei?.id)
  })
})
