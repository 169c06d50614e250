import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createManualClock } from '../../platform/jobs/index.js'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'

// A Flowable-style process that waits two ways at once: a 3-day deadline timer on the review and a message from
// the provincial exchange, plus a call activity whose child instance the monitor links to.
const waitingXml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn" targetNamespace="http://www.flowable.org/processdef">
  <message id="provinceReply" name="provinceReply"/>
  <process id="waits_visible" name="等待可见" isExecutable="true">
    <startEvent id="start"/>
    <parallelGateway id="fork"/>
    <userTask id="review" name="审查"/>
    <boundaryEvent id="deadline" attachedToRef="review" cancelActivity="true">
      <timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition>
    </boundaryEvent>
    <intermediateCatchEvent id="awaitProvince" name="等待省厅回复">
      <messageEventDefinition messageRef="provinceReply"/>
    </intermediateCatchEvent>
    <callActivity id="callSurvey" name="现场勘验" calledElement="waits_child"/>
    <endEvent id="reviewed"/>
    <endEvent id="timedOut"/>
    <endEvent id="replied"/>
    <endEvent id="surveyed"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
    <sequenceFlow id="f2" sourceRef="fork" targetRef="review"/>
    <sequenceFlow id="f3" sourceRef="fork" targetRef="awaitProvince"/>
    <sequenceFlow id="f4" sourceRef="fork" targetRef="callSurvey"/>
    <sequenceFlow id="f5" sourceRef="review" targetRef="reviewed"/>
    <sequenceFlow id="f6" sourceRef="deadline" targetRef="timedOut"/>
    <sequenceFlow id="f7" sourceRef="awaitProvince" targetRef="replied"/>
    <sequenceFlow id="f8" sourceRef="callSurvey" targetRef="surveyed"/>
  </process>
</definitions>`

const childXml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="http://www.flowable.org/processdef">
  <process id="waits_child" name="勘验子流程" isExecutable="true">
    <startEvent id="childStart"/>
    <userTask id="survey" name="勘验"/>
    <endEvent id="childEnd"/>
    <sequenceFlow id="c1" sourceRef="childStart" targetRef="survey"/>
    <sequenceFlow id="c2" sourceRef="survey" targetRef="childEnd"/>
  </process>
</definitions>`

describe('what an instance waits for is visible, and a centre manager can fire a timer to test a process', () => {
  const clock = createManualClock(new Date('2026-03-02T01:00:00Z'))
  let app: TestApp
  let chenjing: Session

  beforeAll(async () => {
    app = await startTestApp({ clock })
    chenjing = await loginAs(app, 'chenjing')
    for (const xml of [childXml, waitingXml]) {
      const deployed = await chenjing.request({ method: 'POST', url: '/api/workflow/deployments', payload: { xml } })
      expect(deployed.statusCode).toBe(200)
    }
  })
  afterAll(async () => {
    await app?.close()
  })

  test('the monitor lists the deadline timer with its due time, the message subscription and the child instance; firing the timer now ends the review', async () => {
    const started = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/instances',
      payload: { processKey: 'waits_visible', businessKey: 'case:2026-0001' },
    })
    const instanceId = started.json().id as string
    const view = (await chenjing.request({ method: 'GET', url: `/api/workflow/instances/${instanceId}` })).json()

    expect(view.pendingJobs).toEqual([
      expect.objectContaining({ kind: 'timer', elementId: 'deadline', dueAt: '2026-03-05T01:00:00.000Z' }),
    ])
    expect(view.messageSubscriptions).toEqual([
      expect.objectContaining({
        elementId: 'awaitProvince',
        messageName: 'provinceReply',
        businessKey: 'case:2026-0001',
      }),
    ])
    expect(view.childInstances).toEqual([
      expect.objectContaining({ processKey: 'waits_child', callActivityId: 'callSurvey', status: 'active' }),
    ])
    const child = (
      await chenjing.request({ method: 'GET', url: `/api/workflow/instances/${view.childInstances[0].id}` })
    ).json()
    expect(child.instance.parentInstanceId).toBe(instanceId)

    const timer = view.pendingJobs[0]
    const reviewer = await loginAs(app, 'qianlei')
    const refused = await reviewer.request({
      method: 'POST',
      url: `/api/workflow/instances/${instanceId}/timers/fire`,
      payload: { executionId: timer.executionId, elementId: 'deadline', reason: '想提前' },
    })
    expect(refused.statusCode).toBe(403)

    const fired = await chenjing.request({
      method: 'POST',
      url: `/api/workflow/instances/${instanceId}/timers/fire`,
      payload: { executionId: timer.executionId, elementId: 'deadline', reason: '测试超时分支' },
    })
    expect(fired.statusCode).toBe(200)
    const after = (await chenjing.request({ method: 'GET', url: `/api/workflow/instances/${instanceId}` })).json()
    expect(after.pendingJobs).toEqual([])
    expect(after.completedElementIds).toContain('timedOut')
    expect(after.tasks.find((task: { elementId: string }) => task.elementId === 'review')?.state).toBe('cancelled')
    const { rows } = await app.db.query<{ action: string }>(
      `SELECT action FROM audit.records WHERE action = 'workflow.instance.fire-timer'
       UNION ALL SELECT action FROM audit.pending_records WHERE action = 'workflow.instance.fire-timer'`,
    )
    expect(rows).toHaveLength(1)

    const again = await chenjing.request({
      method: 'POST',
      url: `/api/workflow/instances/${instanceId}/timers/fire`,
      payload: { executionId: timer.executionId, elementId: 'deadline', reason: '再来一次' },
    })
    expect(again.statusCode).toBe(409)
  })
})
