import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createManualClock } from '../../platform/jobs/index.js'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'

// Camunda Modeler file: printing the licence is an external task on topic print-licence; when the printer is out
// of blank licences it throws LICENCE_STOCK_EMPTY and the case goes to a clerk instead.
const camundaXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_0print" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.17.0" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.20.0">
  <bpmn:process id="print_licence" name="打印证照" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" />
    <bpmn:serviceTask id="Activity_print" name="打印许可证" camunda:type="external" camunda:topic="print-licence" />
    <bpmn:boundaryEvent id="Event_noStock" attachedToRef="Activity_print">
      <bpmn:errorEventDefinition errorRef="Error_stock" />
    </bpmn:boundaryEvent>
    <bpmn:userTask id="Activity_manual" name="人工制证" />
    <bpmn:endEvent id="Event_printed" />
    <bpmn:endEvent id="Event_manual" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_print" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_print" targetRef="Event_printed" />
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Event_noStock" targetRef="Activity_manual" />
    <bpmn:sequenceFlow id="Flow_4" sourceRef="Activity_manual" targetRef="Event_manual" />
  </bpmn:process>
  <bpmn:error id="Error_stock" name="证照纸用完" errorCode="LICENCE_STOCK_EMPTY" />
</bpmn:definitions>`

// Camunda 8 (Zeebe) writes every service task as a job type; it runs here as an external task of that topic.
const zeebeXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_0zeebe" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.17.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.4.0">
  <bpmn:process id="province_exchange" name="省级交换" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" />
    <bpmn:serviceTask id="Activity_push" name="推送省级平台">
      <bpmn:extensionElements><zeebe:taskDefinition type="province-exchange" retries="3" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="Event_1" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_push" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_push" targetRef="Event_1" />
  </bpmn:process>
</bpmn:definitions>`

describe('external tasks: outside systems fetch, lock and complete service tasks over HTTP', () => {
  const clock = createManualClock(new Date('2026-03-02T01:00:00Z'))
  let app: TestApp
  let chenjing: Session
  let printerToken: string
  let spareToken: string
  let exchangeToken: string

  beforeAll(async () => {
    app = await startTestApp({ clock })
    chenjing = await loginAs(app, 'chenjing')
    for (const xml of [camundaXml, zeebeXml]) {
      const deployed = await chenjing.request({ method: 'POST', url: '/api/workflow/deployments', payload: { xml } })
      expect(deployed.statusCode).toBe(200)
    }
  })
  afterAll(async () => {
    await app?.close()
  })

  const worker = (token: string | undefined, url: string, payload: unknown) =>
    app.app.inject({
      method: 'POST',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: payload as Record<string, unknown>,
    })

  async function start(processKey: string, businessKey: string) {
    const started = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/instances',
      payload: { processKey, businessKey, variables: { licenceType: '食品经营许可证' } },
    })
    return started.json().id as string
  }

  async function instance(id: string) {
    return (await chenjing.request({ method: 'GET', url: `/api/workflow/instances/${id}` })).json()
  }

  test('only the system administrator creates worker service accounts, each scoped to its topics', async () => {
    const refused = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/workers',
      payload: { name: 'licence-printer', topics: ['print-licence'] },
    })
    expect(refused.statusCode).toBe(403)

    const sysadmin = await loginAs(app, 'sysadmin')
    const create = async (name: string, topics: string[]) => {
      const response = await sysadmin.request({
        method: 'POST',
        url: '/api/workflow/workers',
        payload: { name, topics },
      })
      expect(response.statusCode).toBe(200)
      return response.json().token as string
    }
    printerToken = await create('licence-printer', ['print-licence'])
    spareToken = await create('spare-printer', ['print-licence'])
    exchangeToken = await create('province-exchange', ['province-exchange'])
    const listed = await sysadmin.request({ method: 'GET', url: '/api/workflow/workers' })
    expect(JSON.stringify(listed.json())).not.toContain(printerToken.split('.')[1])
  })

  test('one worker fetches and locks the task, a second gets nothing while it is locked, and only the holder completes it', async () => {
    const id = await start('print_licence', 'case:2026-0101')
    const fetched = await worker(printerToken, '/api/workflow/external-tasks/fetch-and-lock', {
      topics: ['print-licence'],
      lockDuration: 60_000,
    })
    expect(fetched.statusCode).toBe(200)
    expect(fetched.json()).toEqual([
      expect.objectContaining({
        topic: 'print-licence',
        businessKey: 'case:2026-0101',
        elementId: 'Activity_print',
        variables: { licenceType: '食品经营许可证' },
      }),
    ])
    const taskId = fetched.json()[0].id as string

    const second = await worker(spareToken, '/api/workflow/external-tasks/fetch-and-lock', {
      topics: ['print-licence'],
      lockDuration: 60_000,
    })
    expect(second.json()).toEqual([])
    const stolen = await worker(spareToken, `/api/workflow/external-tasks/${taskId}/complete`, {})
    expect(stolen.statusCode).toBe(409)

    const done = await worker(printerToken, `/api/workflow/external-tasks/${taskId}/complete`, {
      variables: { licenceNumber: 'JY13205810012345' },
    })
    expect(done.statusCode).toBe(200)
    const after = await instance(id)
    expect(after.instance.status).toBe('completed')
    expect(after.variables.licenceNumber).toBe('JY13205810012345')
    expect(after.completedElementIds).toContain('Event_printed')
  })

  test('a lock that runs out frees the task for another worker, and the late one is refused', async () => {
    const id = await start('print_licence', 'case:2026-0102')
    const first = await worker(printerToken, '/api/workflow/external-tasks/fetch-and-lock', {
      topics: ['print-licence'],
      lockDuration: 5_000,
    })
    const taskId = first.json()[0].id as string
    clock.advance(6_000)
    const second = await worker(spareToken, '/api/workflow/external-tasks/fetch-and-lock', {
      topics: ['print-licence'],
      lockDuration: 60_000,
    })
    expect(second.json().map((task: { id: string }) => task.id)).toEqual([taskId])
    expect((await worker(printerToken, `/api/workflow/external-tasks/${taskId}/complete`, {})).statusCode).toBe(409)
    expect((await worker(spareToken, `/api/workflow/external-tasks/${taskId}/complete`, {})).statusCode).toBe(200)
    expect((await instance(id)).instance.status).toBe('completed')
  })

  test('a BPMN error from the worker leaves through the error boundary; a failure without retries is an incident', async () => {
    const errored = await start('print_licence', 'case:2026-0103')
    const [task] = (
      await worker(printerToken, '/api/workflow/external-tasks/fetch-and-lock', {
        topics: ['print-licence'],
        lockDuration: 60_000,
      })
    ).json()
    const thrown = await worker(printerToken, `/api/workflow/external-tasks/${task.id}/bpmn-error`, {
      errorCode: 'LICENCE_STOCK_EMPTY',
      errorMessage: '证照纸已用完',
    })
    expect(thrown.statusCode).toBe(200)
    const view = await instance(errored)
    expect(view.tasks.map((open: { elementId: string }) => open.elementId)).toEqual(['Activity_manual'])

    const failing = await start('print_licence', 'case:2026-0104')
    const [other] = (
      await worker(printerToken, '/api/workflow/external-tasks/fetch-and-lock', {
        topics: ['print-licence'],
        lockDuration: 60_000,
      })
    ).json()
    const retryLater = await worker(printerToken, `/api/workflow/external-tasks/${other.id}/failure`, {
      errorMessage: '打印机卡纸',
      retries: 1,
      retryTimeout: 30_000,
    })
    expect(retryLater.statusCode).toBe(200)
    const tooSoon = await worker(printerToken, '/api/workflow/external-tasks/fetch-and-lock', {
      topics: ['print-licence'],
      lockDuration: 60_000,
    })
    expect(tooSoon.json()).toEqual([])
    clock.advance(31_000)
    const [again] = (
      await worker(printerToken, '/api/workflow/external-tasks/fetch-and-lock', {
        topics: ['print-licence'],
        lockDuration: 60_000,
      })
    ).json()
    expect(again.retries).toBe(1)
    await worker(printerToken, `/api/workflow/external-tasks/${again.id}/failure`, {
      errorMessage: '打印机离线',
      retries: 0,
    })
    const stuck = await instance(failing)
    expect(stuck.instance.status).toBe('active')
    expect(stuck.incidents).toEqual([expect.objectContaining({ elementId: 'Activity_print' })])
    expect(stuck.incidents[0].message).toContain('打印机离线')
  })

  test('a Camunda 8 job type runs as a topic; no token is 401 and another topic is 403', async () => {
    await start('province_exchange', 'case:2026-0105')
    expect(
      (await worker(undefined, '/api/workflow/external-tasks/fetch-and-lock', { topics: ['x'], lockDuration: 1000 }))
        .statusCode,
    ).toBe(401)
    expect(
      (
        await worker(`${printerToken.split('.')[0]}.wrong`, '/api/workflow/external-tasks/fetch-and-lock', {
          topics: ['print-licence'],
          lockDuration: 1000,
        })
      ).statusCode,
    ).toBe(401)
    const forbidden = await worker(printerToken, '/api/workflow/external-tasks/fetch-and-lock', {
      topics: ['province-exchange'],
      lockDuration: 1000,
    })
    expect(forbidden.statusCode).toBe(403)
    const fetched = await worker(exchangeToken, '/api/workflow/external-tasks/fetch-and-lock', {
      topics: ['province-exchange'],
      lockDuration: 60_000,
    })
    expect(fetched.json()).toEqual([
      expect.objectContaining({ elementId: 'Activity_push', businessKey: 'case:2026-0105' }),
    ])
  })
})
