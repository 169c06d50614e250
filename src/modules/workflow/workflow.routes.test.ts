import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'

const permitXml = readFileSync(path.join(import.meta.dirname, 'processes/construction-planning-permit.bpmn'), 'utf8')

function bpmn(body: string, extraNamespaces = '') {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ${extraNamespaces} id="d" targetNamespace="http://example.org">
  <bpmn:process id="p_test" isExecutable="true">
${body}
  </bpmn:process>
</bpmn:definitions>`
}

describe('workflow HTTP API', () => {
  let app: TestApp
  let chenjing: Session

  beforeAll(async () => {
    app = await startTestApp()
    chenjing = await loginAs(app, 'chenjing')
  })
  afterAll(async () => {
    await app?.close()
  })

  const deploy = (session: Session, xml: string, contentType = 'application/xml') =>
    session.request({
      method: 'POST',
      url: '/api/workflow/deployments',
      headers: { 'content-type': contentType },
      payload: xml,
    })

  test('a centre manager deploys BPMN XML; the same file again makes no new version, a changed one makes version 2', async () => {
    const first = await deploy(chenjing, permitXml)
    expect(first.statusCode).toBe(200)
    expect(first.json().versions[0]).toMatchObject({
      processKey: 'construction_planning_permit',
      version: 1,
      created: true,
    })

    const again = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/deployments',
      payload: { xml: permitXml },
    })
    expect(again.json().versions[0]).toMatchObject({ version: 1, created: false })

    const changed = await deploy(chenjing, permitXml.replace('name="受理"', 'name="窗口受理"'))
    expect(changed.json().versions[0]).toMatchObject({ version: 2, created: true })
  })

  test('XML that does not parse is refused with the line it breaks on', async () => {
    const response = await deploy(
      chenjing,
      '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<bpmn:process id="x">\n<bpmn:startEvent id="s">\n</bpmn:process>',
      'text/xml',
    )
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('WORKFLOW_BPMN_UNPARSABLE')
    expect(response.json().message).toContain('第 4 行')
  })

  test('unsupported elements are refused with their type and id listed', async () => {
    const response = await deploy(
      chenjing,
      bpmn(`<bpmn:startEvent id="s" /><bpmn:complexGateway id="cg" /><bpmn:scriptTask id="script" />
        <bpmn:intermediateCatchEvent id="sig"><bpmn:signalEventDefinition /></bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="cg" />`),
    )
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('WORKFLOW_BPMN_UNSUPPORTED')
    expect(response.json().message).toContain('bpmn:ComplexGateway（cg）')
    expect(response.json().message).toContain('bpmn:ScriptTask（script）')
    expect(response.json().message).toContain('sig')
  })

  test('a condition that does not parse is refused naming the sequence flow', async () => {
    const response = await deploy(
      chenjing,
      bpmn(`<bpmn:startEvent id="s" /><bpmn:endEvent id="e" />
        <bpmn:sequenceFlow id="toEnd" sourceRef="s" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${amount &gt;}</bpmn:conditionExpression></bpmn:sequenceFlow>`),
    )
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('WORKFLOW_CONDITION_INVALID')
    expect(response.json().message).toContain('toEnd')
  })

  test('a Camunda Modeler file deploys unchanged: unused extensions become warnings, camunda:assignee names the reviewer', async () => {
    const xml = bpmn(
      `<bpmn:startEvent id="s" camunda:asyncBefore="true" /><bpmn:userTask id="review" name="审查" camunda:assignee="liqiang" camunda:priority="50">
        <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="x">1</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>
        <bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" /><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e" />`,
      'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
    ).replace('id="p_test"', 'id="p_camunda"')
    const response = await deploy(chenjing, xml)
    expect(response.statusCode).toBe(200)
    const messages = response
      .json()
      .warnings.map((warning: { message: string }) => warning.message)
      .join('\n')
    expect(messages).toContain('camunda:asyncBefore')
    expect(messages).toContain('camunda:priority')
    expect(messages).toContain('camunda:inputOutput')

    const started = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/instances',
      payload: { processKey: 'p_camunda' },
    })
    const liqiang = await loginAs(app, 'liqiang')
    const mine = await liqiang.request({ method: 'GET', url: '/api/workflow/tasks?view=mine' })
    expect(mine.json().map((task: { instanceId: string }) => task.instanceId)).toContain(started.json().id)
  })

  test('a department reviewer may not deploy processes', async () => {
    const liqiang = await loginAs(app, 'liqiang')
    const response = await deploy(liqiang, permitXml)
    expect(response.statusCode).toBe(403)
  })

  test('parallel approval: each department sees only its own review, countersign needs all three, then the decision', async () => {
    const started = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/instances',
      payload: {
        processKey: 'construction_planning_permit',
        businessKey: 'case:demo-1',
        variables: { reviewDepartments: ['320581-ZRZY', '320581-ZJ', '320581-SCJG'] },
      },
    })
    expect(started.statusCode).toBe(200)
    const instanceId = started.json().id as string
    const findTask = async (session: Session, view: string, elementId: string) => {
      const tasks = (await session.request({ method: 'GET', url: `/api/workflow/tasks?view=${view}` })).json() as {
        id: string
        elementId: string
        instanceId: string
      }[]
      return tasks.find((task) => task.instanceId === instanceId && task.elementId === elementId)
    }

    // 受理 by the window clerk of the lead department (综合受理科 belongs to 行政审批局).
    const zhangmin = await loginAs(app, 'zhangmin')
    const accept = await findTask(zhangmin, 'unclaimed', 'accept')
    expect(accept).toBeDefined()
    expect(
      (await zhangmin.request({ method: 'POST', url: `/api/workflow/tasks/${accept?.id}/claim`, payload: {} }))
        .statusCode,
    ).toBe(200)
    expect(
      (
        await zhangmin.request({
          method: 'POST',
          url: `/api/workflow/tasks/${accept?.id}/complete`,
          payload: { opinion: '材料齐全，予以受理' },
        })
      ).statusCode,
    ).toBe(200)

    const liqiang = await loginAs(app, 'liqiang')
    const zhaogang = await loginAs(app, 'zhaogang')
    const qianlei = await loginAs(app, 'qianlei')
    expect(await findTask(liqiang, 'unclaimed', 'marketReview')).toBeDefined()
    expect(await findTask(liqiang, 'unclaimed', 'planningReview')).toBeUndefined()
    const planning = await findTask(qianlei, 'unclaimed', 'planningReview')
    expect(
      (
        await zhaogang.request({
          method: 'POST',
          url: `/api/workflow/tasks/${planning?.id}/complete`,
          payload: { opinion: '同意' },
        })
      ).json().code,
    ).toBe('WORKFLOW_TASK_OUTSIDE_SCOPE')
    expect(
      (
        await qianlei.request({ method: 'POST', url: `/api/workflow/tasks/${planning?.id}/complete`, payload: {} })
      ).json().code,
    ).toBe('WORKFLOW_OPINION_REQUIRED')

    for (const [session, elementId] of [
      [qianlei, 'planningReview'],
      [zhaogang, 'housingReview'],
      [liqiang, 'marketReview'],
    ] as const) {
      const task = await findTask(session, 'unclaimed', elementId)
      const response = await session.request({
        method: 'POST',
        url: `/api/workflow/tasks/${task?.id}/complete`,
        payload: { opinion: '同意', formData: { approved: true } },
      })
      expect(response.statusCode).toBe(200)
    }
    for (const session of [qianlei, zhaogang, liqiang]) {
      const task = await findTask(session, 'unclaimed', 'countersign')
      expect(
        (
          await session.request({
            method: 'POST',
            url: `/api/workflow/tasks/${task?.id}/complete`,
            payload: { opinion: '会签同意' },
          })
        ).statusCode,
      ).toBe(200)
    }
    const decision = await findTask(zhangmin, 'unclaimed', 'decision')
    await zhangmin.request({
      method: 'POST',
      url: `/api/workflow/tasks/${decision?.id}/complete`,
      payload: { opinion: '准予许可' },
    })

    const view = (await chenjing.request({ method: 'GET', url: `/api/workflow/instances/${instanceId}` })).json()
    expect(view.instance.status).toBe('completed')
    expect(view.completedElementIds).toEqual(
      expect.arrayContaining([
        'accept',
        'split',
        'planningReview',
        'housingReview',
        'marketReview',
        'join',
        'countersign',
        'decision',
        'end',
      ]),
    )
    const actions = view.history
      .filter((entry: { event: string }) => entry.event === 'task.completed')
      .map((entry: { actorName: string; reason: string }) => `${entry.actorName}:${entry.reason}`)
    expect(actions).toContain('钱磊:同意')
  })

  test('take back works until the next step is opened; return sends the task to the one who did the earlier step', async () => {
    const started = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/instances',
      payload: { processKey: 'construction_planning_permit', variables: { reviewDepartments: ['320581-ZJ'] } },
    })
    const instanceId = started.json().id
    const zhangmin = await loginAs(app, 'zhangmin')
    const accept = (
      (await zhangmin.request({ method: 'GET', url: '/api/workflow/tasks?view=unclaimed' })).json() as {
        id: string
        instanceId: string
      }[]
    ).find((task) => task.instanceId === instanceId)
    await zhangmin.request({ method: 'POST', url: `/api/workflow/tasks/${accept?.id}/complete`, payload: {} })

    const takenBack = await zhangmin.request({
      method: 'POST',
      url: `/api/workflow/tasks/${accept?.id}/take-back`,
      payload: { reason: '漏填受理意见' },
    })
    expect(takenBack.statusCode).toBe(200)
    const again = (
      (await zhangmin.request({ method: 'GET', url: '/api/workflow/tasks?view=mine' })).json() as {
        id: string
        instanceId: string
        elementId: string
      }[]
    ).find((task) => task.instanceId === instanceId)
    expect(again?.elementId).toBe('accept')
    await zhangmin.request({
      method: 'POST',
      url: `/api/workflow/tasks/${again?.id}/complete`,
      payload: { opinion: '予以受理' },
    })

    const zhaogang = await loginAs(app, 'zhaogang')
    const housing = (
      (await zhaogang.request({ method: 'GET', url: '/api/workflow/tasks?view=unclaimed' })).json() as {
        id: string
        instanceId: string
        elementId: string
      }[]
    ).find((task) => task.instanceId === instanceId && task.elementId === 'housingReview')
    await zhaogang.request({ method: 'POST', url: `/api/workflow/tasks/${housing?.id}/claim`, payload: {} })
    await zhaogang.request({ method: 'GET', url: `/api/workflow/tasks/${housing?.id}` })
    const tooLate = await zhangmin.request({
      method: 'POST',
      url: `/api/workflow/tasks/${again?.id}/take-back`,
      payload: { reason: '再改一次' },
    })
    expect(tooLate.json().code).toBe('WORKFLOW_TAKE_BACK_TOO_LATE')

    const returned = await zhaogang.request({
      method: 'POST',
      url: `/api/workflow/tasks/${housing?.id}/return`,
      payload: { targetElementId: 'accept', reason: '缺少施工图审查合格书' },
    })
    expect(returned.statusCode).toBe(200)
    const back = (
      (await zhangmin.request({ method: 'GET', url: '/api/workflow/tasks?view=mine' })).json() as {
        instanceId: string
        elementId: string
      }[]
    ).filter((task) => task.instanceId === instanceId)
    expect(back.map((task) => task.elementId)).toEqual(['accept'])
    const history = (await chenjing.request({ method: 'GET', url: `/api/workflow/instances/${instanceId}` })).json()
      .history as { event: string; actorName: string; reason: string }[]
    expect(history.find((entry) => entry.event === 'task.returned')).toMatchObject({
      actorName: '赵刚',
      reason: '缺少施工图审查合格书',
    })
    expect(history.find((entry) => entry.event === 'task.taken-back')).toMatchObject({
      actorName: '张敏',
      reason: '漏填受理意见',
    })
  })

  test('delegate, transfer, copy, chase and special end are each recorded with actor and reason', async () => {
    const started = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/instances',
      payload: { processKey: 'construction_planning_permit', variables: { reviewDepartments: ['320581-ZJ'] } },
    })
    const instanceId = started.json().id
    const zhangmin = await loginAs(app, 'zhangmin')
    const xuhui = await loginAs(app, 'xuhui')
    const accept = (
      (await zhangmin.request({ method: 'GET', url: '/api/workflow/tasks?view=unclaimed' })).json() as {
        id: string
        instanceId: string
      }[]
    ).find((task) => task.instanceId === instanceId)
    const id = accept?.id
    await zhangmin.request({ method: 'POST', url: `/api/workflow/tasks/${id}/claim`, payload: {} })
    expect(
      (
        await zhangmin.request({
          method: 'POST',
          url: `/api/workflow/tasks/${id}/delegate`,
          payload: { loginName: 'xuhui', reason: '请协助核对材料' },
        })
      ).statusCode,
    ).toBe(200)
    // The delegate resolves; the task returns to its owner rather than moving on.
    expect(
      (
        await xuhui.request({
          method: 'POST',
          url: `/api/workflow/tasks/${id}/complete`,
          payload: { opinion: '已核对' },
        })
      ).json(),
    ).toMatchObject({ completed: false })
    expect(
      (
        await zhangmin.request({
          method: 'POST',
          url: `/api/workflow/tasks/${id}/transfer`,
          payload: { loginName: 'xuhui', reason: '本人休假' },
        })
      ).statusCode,
    ).toBe(200)
    expect(
      (
        await xuhui.request({
          method: 'POST',
          url: `/api/workflow/tasks/${id}/copies`,
          payload: { loginNames: ['wangfang'], note: '请知悉' },
        })
      ).statusCode,
    ).toBe(200)
    expect(
      (
        await chenjing.request({
          method: 'POST',
          url: `/api/workflow/tasks/${id}/chase`,
          payload: { reason: '即将超期' },
        })
      ).statusCode,
    ).toBe(200)
    const ended = await xuhui.request({
      method: 'POST',
      url: `/api/workflow/tasks/${id}/special-end`,
      payload: { reason: '申请人撤回申请' },
    })
    expect(ended.statusCode).toBe(200)

    const view = (await chenjing.request({ method: 'GET', url: `/api/workflow/instances/${instanceId}` })).json()
    expect(view.instance.status).toBe('terminated')
    const events = view.history.map(
      (entry: { event: string; actorName: string; reason: string }) =>
        `${entry.event}/${entry.actorName}/${entry.reason}`,
    )
    expect(events).toEqual(
      expect.arrayContaining([
        'task.delegated/张敏/请协助核对材料',
        'task.resolved/徐慧/已核对',
        'task.transferred/张敏/本人休假',
        'task.copied/徐慧/请知悉',
        'task.chased/陈静/即将超期',
        'instance.special-end/徐慧/申请人撤回申请',
      ]),
    )
    const audit = await app.db.query<{ action: string }>(
      "SELECT action FROM audit.records WHERE action LIKE 'workflow.task.%'",
    )
    expect(audit.rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(['workflow.task.delegate', 'workflow.task.special-end']),
    )
  })

  test('a used version cannot be removed but can be disabled; then no new instances start', async () => {
    const list = (
      await chenjing.request({
        method: 'GET',
        url: '/api/workflow/definitions?processKey=construction_planning_permit',
      })
    ).json() as { id: string; version: number; totalCount: number }[]
    const used = list.find((row) => row.totalCount > 0) as { id: string }
    expect(
      (await chenjing.request({ method: 'DELETE', url: `/api/workflow/definitions/${used.id}` })).json().code,
    ).toBe('WORKFLOW_DEFINITION_IN_USE')
    for (const row of list)
      await chenjing.request({
        method: 'PUT',
        url: `/api/workflow/definitions/${row.id}/status`,
        payload: { status: 'disabled' },
      })
    const refused = await chenjing.request({
      method: 'POST',
      url: '/api/workflow/instances',
      payload: { processKey: 'construction_planning_permit' },
    })
    expect(refused.json().code).toBe('WORKFLOW_DEFINITION_DISABLED')
    const diff = await chenjing.request({
      method: 'GET',
      url: `/api/workflow/definitions/${list[0]?.id}/diff?against=${list[1]?.id}`,
    })
    expect(diff.json().changed.map((entry: { id: string }) => entry.id)).toContain('accept')
  })
})
