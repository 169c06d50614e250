import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'

// Two steps for chenjing; later versions rename, add or drop steps to test migration limits.
function twoSteps(extra = '', firstName = '初审', withFirst = true) {
  const first = withFirst
    ? `<bpmn:userTask id="first" name="${firstName}" tongban:assigneeRule="user" tongban:user="chenjing" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first" />
    <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="second" />`
    : '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="second" />'
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tongban="http://tongban.org/schema/bpmn" id="d" targetNamespace="http://tongban.org/test">
  <bpmn:process id="admin_test" name="管理测试" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${first}
    <bpmn:userTask id="second" name="复审" tongban:assigneeRule="user" tongban:user="chenjing" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f3" sourceRef="second" targetRef="end" />
    ${extra}
  </bpmn:process>
</bpmn:definitions>`
}

type Task = { id: string; instanceId: string; elementId: string }

describe('workflow administration: suspend, resume, move token, migrate', () => {
  let app: TestApp
  let chenjing: Session
  const versionIds: string[] = []

  beforeAll(async () => {
    app = await startTestApp()
    chenjing = await loginAs(app, 'chenjing')
    for (const xml of [twoSteps(), twoSteps('', '初步审查'), twoSteps('', '初审', false)]) {
      const deployed = await chenjing.request({ method: 'POST', url: '/api/workflow/deployments', payload: { xml } })
      versionIds.push(deployed.json().versions[0].id)
    }
  })
  afterAll(async () => {
    await app?.close()
  })

  async function startOnVersionOne(): Promise<string> {
    // Only the newest active version starts; disable the others for a moment so the instance lands on v1.
    for (const id of versionIds.slice(1)) {
      await chenjing.request({
        method: 'PUT',
        url: `/api/workflow/definitions/${id}/status`,
        payload: { status: 'disabled' },
      })
    }
    const started = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/instances',
      payload: { processKey: 'admin_test' },
    })
    for (const id of versionIds.slice(1)) {
      await chenjing.request({
        method: 'PUT',
        url: `/api/workflow/definitions/${id}/status`,
        payload: { status: 'active' },
      })
    }
    return started.json().id
  }
  const myTasks = async (instanceId: string) =>
    ((await chenjing.request({ method: 'GET', url: '/api/workflow/tasks?view=mine' })).json() as Task[]).filter(
      (task) => task.instanceId === instanceId,
    )
  const view = async (instanceId: string) =>
    (await chenjing.request({ method: 'GET', url: `/api/workflow/instances/${instanceId}` })).json()
  const auditActions = async (instanceId: string) =>
    // Read-only look at the audit trail the actions must leave (the audit module's table, in a test only).
    (
      await app.db.query<{ action: string }>('SELECT action FROM audit.records WHERE target = $1 ORDER BY seq', [
        `instance:${instanceId}`,
      ])
    ).rows
      .map((row) => row.action)
      .filter((action) => action !== 'workflow.instance.start')

  test('a suspended instance refuses completion with 409 until it is resumed; both are audited with the reason', async () => {
    const instanceId = await startOnVersionOne()
    const [task] = await myTasks(instanceId)

    const suspended = await chenjing.request({
      method: 'POST',
      url: `/api/workflow/instances/${instanceId}/suspend`,
      payload: { reason: '申请人涉嫌提供虚假材料，暂停办理' },
    })
    expect(suspended.statusCode).toBe(200)
    const refused = await chenjing.request({
      method: 'POST',
      url: `/api/workflow/tasks/${task?.id}/complete`,
      payload: {},
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().code).toBe('WORKFLOW_INSTANCE_NOT_ACTIVE')
    const twice = await chenjing.request({
      method: 'POST',
      url: `/api/workflow/instances/${instanceId}/suspend`,
      payload: { reason: '再次挂起' },
    })
    expect(twice.statusCode).toBe(409)

    await chenjing.request({
      method: 'POST',
      url: `/api/workflow/instances/${instanceId}/resume`,
      payload: { reason: '核查完毕，恢复办理' },
    })
    const completed = await chenjing.request({
      method: 'POST',
      url: `/api/workflow/tasks/${task?.id}/complete`,
      payload: {},
    })
    expect(completed.statusCode).toBe(200)
    const history = (await view(instanceId)).history as { event: string; reason: string }[]
    expect(history.filter((entry) => entry.event === 'instance.suspend' || entry.event === 'instance.resume')).toEqual([
      expect.objectContaining({ event: 'instance.suspend', reason: '申请人涉嫌提供虚假材料，暂停办理' }),
      expect.objectContaining({ event: 'instance.resume', reason: '核查完毕，恢复办理' }),
    ])
    expect(await auditActions(instanceId)).toEqual(['workflow.instance.suspend', 'workflow.instance.resume'])
  })

  test('moving a token skips the current step: its task is cancelled and the target step opens', async () => {
    const instanceId = await startOnVersionOne()
    const before = await view(instanceId)
    const token = (before.executions as { id: string; elementId: string }[]).find((e) => e.elementId === 'first')

    const moved = await chenjing.request({
      method: 'POST',
      url: `/api/workflow/instances/${instanceId}/move-token`,
      payload: { executionId: token?.id, targetElementId: 'second', reason: '初审已线下完成' },
    })
    expect(moved.statusCode).toBe(200)
    expect((await myTasks(instanceId)).map((task) => task.elementId)).toEqual(['second'])
    const after = await view(instanceId)
    expect(after.activeElementIds).toEqual(['second'])
    expect(after.history.find((entry: { event: string }) => entry.event === 'instance.move-token')).toMatchObject({
      reason: '初审已线下完成',
    })
    expect(await auditActions(instanceId)).toEqual(['workflow.instance.move-token'])

    const nowhere = await chenjing.request({
      method: 'POST',
      url: `/api/workflow/instances/${instanceId}/move-token`,
      payload: { executionId: token?.id, targetElementId: 'second', reason: '旧令牌' },
    })
    expect(nowhere.statusCode).toBe(400)
    expect(nowhere.json().code).toBe('WORKFLOW_ELEMENT_NOT_FOUND')
  })

  test('an instance migrates to a version that has its current step, and is refused for one that lacks it', async () => {
    const instanceId = await startOnVersionOne()

    const lacking = await chenjing.request({
      method: 'POST',
      url: `/api/workflow/instances/${instanceId}/migrate`,
      payload: { toDefinitionId: versionIds[2] },
    })
    expect(lacking.statusCode).toBe(409)
    expect(lacking.json().code).toBe('WORKFLOW_MIGRATION_NOT_POSSIBLE')
    expect(lacking.json().message).toContain('first')

    const migrated = await chenjing.request({
      method: 'POST',
      url: `/api/workflow/instances/${instanceId}/migrate`,
      payload: { toDefinitionId: versionIds[1] },
    })
    expect(migrated.json()).toEqual({ fromVersion: 1, toVersion: 2 })
    expect((await view(instanceId)).definition.version).toBe(2)
    const [task] = await myTasks(instanceId)
    await chenjing.request({ method: 'POST', url: `/api/workflow/tasks/${task?.id}/complete`, payload: {} })
    expect((await myTasks(instanceId)).map((next) => next.elementId)).toEqual(['second'])
    expect(await auditActions(instanceId)).toEqual(['workflow.instance.migrate'])
  })

  test('a department reviewer cannot run admin actions on an instance', async () => {
    const instanceId = await startOnVersionOne()
    const liqiang = await loginAs(app, 'liqiang')

    const response = await liqiang.request({
      method: 'POST',
      url: `/api/workflow/instances/${instanceId}/suspend`,
      payload: { reason: '越权' },
    })

    expect(response.statusCode).toBe(403)
  })

  test('the inbox offers earlier steps to return to and a staff directory to pick delegates from', async () => {
    const instanceId = await startOnVersionOne()
    const [first] = await myTasks(instanceId)
    await chenjing.request({ method: 'POST', url: `/api/workflow/tasks/${first?.id}/complete`, payload: {} })
    const [second] = await myTasks(instanceId)

    const detail = (await chenjing.request({ method: 'GET', url: `/api/workflow/tasks/${second?.id}` })).json()
    const directory = (
      await (await loginAs(app, 'liqiang')).request({ method: 'GET', url: '/api/workflow/directory' })
    ).json()

    expect(detail.returnTargets).toEqual([{ elementId: 'first', name: '初审' }])
    expect(detail.isCountersign).toBe(false)
    expect(directory.staff).toContainEqual(expect.objectContaining({ loginName: 'zhaogang', displayName: '赵刚' }))
    expect(directory.departments.length).toBeGreaterThan(3)
  })
})
