import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, startTestApp, type TestApp } from '../test-support/test-app.js'
import { seedDemoWorkflow } from './seed-workflow.js'

describe('demo workflow seed', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  test('the demo reviewers find the demo projects in their department inbox, and seeding twice changes nothing', async () => {
    expect(await seedDemoWorkflow(app.services.workflow)).toEqual({ seeded: true })
    expect(await seedDemoWorkflow(app.services.workflow)).toEqual({ seeded: false })

    for (const [loginName, elementId] of [
      ['liqiang', 'marketReview'],
      ['zhaogang', 'housingReview'],
      ['qianlei', 'planningReview'],
    ]) {
      const session = await loginAs(app, loginName as string)
      const tasks = (await session.request({ method: 'GET', url: '/api/workflow/tasks?view=unclaimed' })).json() as {
        elementId: string
      }[]
      expect(tasks.filter((task) => task.elementId === elementId)).toHaveLength(3)
    }
  })
})
