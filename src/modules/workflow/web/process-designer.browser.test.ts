import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type BrowserHarness, DEMO_PASSWORD, startBrowserHarness } from '../../../web/test-support/browser-harness.js'

// The demo 并联审批 drawing under a new key: 受理 → three departments at once → 联合会签 → 审批决定.
const prepared = readFileSync(path.join(import.meta.dirname, '../processes/construction-planning-permit.bpmn'), 'utf8')
  .replaceAll('construction_planning_permit', 'three_department_approval')
  .replace('建设工程规划许可（并联审批）', '三部门并联审批')

type Task = { id: string; instanceId: string; elementId: string }

describe('process designer, catalogue and monitoring in Chromium', () => {
  let harness: BrowserHarness
  beforeAll(async () => {
    harness = await startBrowserHarness()
  })
  afterAll(async () => {
    await harness?.stop()
  })

  /** A staff member acting through the API (reviewers' work is not what this test is about). */
  async function apiAs(loginName: string) {
    const login = await fetch(`${harness.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loginName, password: DEMO_PASSWORD }),
    })
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? ''
    const { csrfToken } = (await login.json()) as { csrfToken: string }
    return async <T>(method: string, route: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${harness.baseUrl}${route}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      })
      if (response.status !== 200) throw new Error(`${loginName} ${method} ${route}: ${await response.text()}`)
      return (await response.json()) as T
    }
  }

  async function workUnclaimed(loginName: string, instanceId: string, elementId: string) {
    const call = await apiAs(loginName)
    const open = await call<Task[]>('GET', '/api/workflow/tasks?view=unclaimed')
    const mine = open.filter((task) => task.instanceId === instanceId && task.elementId === elementId)
    for (const task of mine) {
      await call('POST', `/api/workflow/tasks/${task.id}/claim`, {})
      await call('POST', `/api/workflow/tasks/${task.id}/complete`, { opinion: '同意', formData: { approved: true } })
    }
    return mine.length
  }

  test('陈静 draws a three-department parallel process, deploys it, starts it and watches the reviewers’ progress', async () => {
    const { page, context, problems } = await harness.openPage()
    await harness.logIn(context, 'chenjing')
    await page.goto(`${harness.baseUrl}/workbench/processes/designer`)
    await page.locator('.djs-container').waitFor()

    const file = path.join(tmpdir(), 'three-department-approval.bpmn')
    writeFileSync(file, prepared)
    await page.locator('input[type=file]').setInputFiles(file)
    await page.locator('[data-element-id="decision"]').waitFor()
    // Draw one more step with the modeler itself: 归档 between 审批决定 and 办结.
    const archiveId = await page.evaluate(() => {
      const modeler = window.tongbanModeler as NonNullable<typeof window.tongbanModeler>
      // biome-ignore lint/suspicious/noExplicitAny: bpmn-js services are untyped here.
      const get = (name: string) => modeler.get(name) as any
      const modeling = get('modeling')
      const registry = get('elementRegistry')
      const decision = registry.get('decision')
      const end = registry.get('end')
      modeling.removeConnection(registry.get('f11'))
      modeling.moveShape(end, { x: 160, y: 0 })
      const archive = modeling.appendShape(decision, { type: 'bpmn:UserTask' }, { x: end.x - 90, y: decision.y + 40 })
      modeling.connect(archive, end)
      modeling.updateProperties(archive, {
        name: '归档',
        'tongban:assigneeRule': 'lead-department',
        'tongban:role': 'window_clerk',
        'tongban:dueWorkingDays': 1,
      })
      const canvas = get('canvas')
      canvas.zoom('fit-viewport')
      canvas.zoom(canvas.zoom() * 0.8, 'auto')
      canvas.scroll({ dx: 45, dy: 0 })
      return archive.id as string
    })
    await page.locator(`[data-element-id="${archiveId}"]`).click()
    await expect.poll(() => page.getByTestId('properties-panel').textContent()).toContain(archiveId)
    await harness.screenshot(page, 'workflow-designer')

    await page.getByTestId('designer-deploy').click()
    await expect
      .poll(() => page.getByTestId('deploy-outcome').textContent())
      .toContain('three_department_approval 第 1 版')

    await page.goto(`${harness.baseUrl}/workbench/processes`)
    const row = page.locator('[data-testid="process-catalogue"] tbody tr', { hasText: 'three_department_approval' })
    await row.waitFor()
    await harness.screenshot(page, 'workflow-catalogue')
    await row.getByRole('button', { name: '发起实例' }).click()
    await page
      .getByLabel('流程变量')
      .fill(JSON.stringify({ reviewDepartments: ['320581-ZRZY', '320581-ZJ', '320581-SCJG'] }))
    await page.getByRole('button', { name: '确定' }).click()
    await page.waitForURL(/\/workbench\/processes\/instances\//)
    const instanceId = page.url().split('/').pop() as string

    expect(await workUnclaimed('zhangmin', instanceId, 'accept')).toBe(1)
    expect(await workUnclaimed('liqiang', instanceId, 'marketReview')).toBe(1)
    expect(await workUnclaimed('zhaogang', instanceId, 'housingReview')).toBe(1)
    await page.reload()
    const diagram = page.getByTestId('monitor-diagram')
    await diagram.locator('[data-element-id="accept"].wf-completed').waitFor()
    await diagram.locator('[data-element-id="planningReview"].wf-active').waitFor()
    expect(await diagram.locator('[data-element-id="marketReview"].wf-completed').count()).toBe(1)

    expect(await workUnclaimed('qianlei', instanceId, 'planningReview')).toBe(1)
    await page.reload()
    await diagram.locator('[data-element-id="countersign"].wf-active').waitFor()
    expect(await diagram.locator('[data-element-id="planningReview"].wf-completed').count()).toBe(1)
    await expect.poll(() => page.getByTestId('history-timeline').textContent()).toContain('钱磊')
    await harness.screenshot(page, 'workflow-monitor')
    expect(problems).toEqual([])
  })

  test('李强 opens the dialogs of his countersign task: delegate by department tree, return, add countersigner', async () => {
    const { page, context, problems } = await harness.openPage()
    await harness.logIn(context, 'liqiang')
    await page.goto(`${harness.baseUrl}/workbench/tasks`)
    await page.getByRole('tab', { name: '部门待认领' }).click()
    const countersign = page.locator('[data-testid="task-inbox"] tbody tr', { hasText: '联合会签' }).first()
    await countersign.getByRole('button', { name: '认领' }).click()
    await page.getByRole('tab', { name: '我的待办' }).click()
    const mine = page.locator('[data-testid="task-inbox"] tbody tr', { hasText: '联合会签' }).first()
    await mine.waitFor()

    await mine.getByTestId('task-more').click()
    await page.getByRole('menuitem', { name: '委派' }).click()
    await page.locator('.ant-modal [data-testid="staff-picker"]').click()
    await page.keyboard.type('赵刚')
    await page.locator('.ant-select-tree').getByText('赵刚（zhaogang）').waitFor()
    await harness.screenshot(page, 'workflow-inbox-delegate')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: '取消' }).click()

    await mine.getByTestId('task-more').click()
    await page.getByRole('menuitem', { name: '退回' }).click()
    await page.getByLabel('退回到').click()
    await page.locator('.ant-select-item-option', { hasText: '受理' }).first().waitFor()
    await harness.screenshot(page, 'workflow-inbox-return')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: '取消' }).click()

    await mine.getByTestId('task-more').click()
    await page.getByRole('menuitem', { name: '加签' }).click()
    await page.getByLabel('会签部门或会签人').waitFor()
    await page.getByLabel('原因').fill('涉及消防，请应急管理局会签')
    await harness.screenshot(page, 'workflow-inbox-add-countersigner')
    await page.getByRole('button', { name: '取消' }).click()

    await mine.getByRole('button', { name: '联合会签' }).click()
    await page.getByTestId('history-timeline').waitFor()
    await expect.poll(() => page.getByTestId('history-timeline').textContent()).toContain('李强')
    await harness.screenshot(page, 'workflow-inbox-history')
    expect(problems).toEqual([])
  })
})
