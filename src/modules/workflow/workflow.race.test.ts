import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '../../platform/db/index.js'
import { openPostgresDb } from '../../platform/db/postgres-db.js'
import { createTestPostgresUrl, testEngine } from '../../platform/db/test-db.js'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'

const ONE_TASK = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tongban="http://tongban.org/schema/bpmn" id="race" targetNamespace="http://tongban.org/test">
  <bpmn:process id="race_review" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="review" name="审查" tongban:assigneeRule="user" tongban:user="chenjing" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`

const RACES = 100

// Two server processes are two apps over two connection pools on one PostgreSQL database.
describe.skipIf(testEngine() !== 'postgres')('two servers racing to complete one task', () => {
  let first: TestApp
  let second: TestApp
  let pools: Db[] = []
  let drop: () => Promise<void>
  let session: Session

  beforeAll(async () => {
    const database = await createTestPostgresUrl()
    drop = database.drop
    pools = [await openPostgresDb(database.url, 5), await openPostgresDb(database.url, 5)]
    const masterKey = randomBytes(32)
    first = await startTestApp({ db: pools[0], masterKey })
    second = await startTestApp({ db: pools[1], seed: false, masterKey })
    session = await loginAs(first, 'chenjing')
  })
  afterAll(async () => {
    await first?.close()
    await second?.close()
    for (const pool of pools) await pool.close()
    await drop?.()
  })

  test('exactly one of two simultaneous completions wins, 100 times out of 100; the other gets 409', async () => {
    await session.request({
      method: 'POST',
      url: '/api/workflow/deployments',
      headers: { 'content-type': 'application/xml' },
      payload: ONE_TASK,
    })
    const outcomes: string[] = []
    for (let race = 0; race < RACES; race++) {
      const started = await session.request({
        method: 'POST',
        url: '/api/workflow/instances',
        payload: { processKey: 'race_review' },
      })
      const taskId = started.json().taskIds[0]
      const complete = (app: TestApp) =>
        app.app.inject({
          method: 'POST',
          url: `/api/workflow/tasks/${taskId}/complete`,
          headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
          payload: { opinion: `第 ${race} 次` },
        })
      const responses = await Promise.all([complete(first), complete(second)])
      const codes = responses.map((response) =>
        response.statusCode === 200 ? '200' : `${response.statusCode} ${response.json().code}`,
      )
      outcomes.push(codes.sort().join(' | '))
    }
    expect(new Set(outcomes)).toEqual(new Set(['200 | 409 WORKFLOW_TASK_ALREADY_COMPLETED']))
    const { rows } = await (pools[0] as Db).query<{ count: number }>(
      "SELECT count(*)::int AS count FROM workflow.history WHERE event = 'task.completed'",
    )
    expect(rows[0]?.count).toBe(RACES)
  })
})

describe.skipIf(testEngine() !== 'pglite')('two requests racing on the embedded engine', () => {
  test('exactly one of two simultaneous completions wins; the other gets 409', async () => {
    const app = await startTestApp()
    try {
      const session = await loginAs(app, 'chenjing')
      await session.request({
        method: 'POST',
        url: '/api/workflow/deployments',
        headers: { 'content-type': 'application/xml' },
        payload: ONE_TASK,
      })
      for (let race = 0; race < 10; race++) {
        const started = await session.request({
          method: 'POST',
          url: '/api/workflow/instances',
          payload: { processKey: 'race_review' },
        })
        const url = `/api/workflow/tasks/${started.json().taskIds[0]}/complete`
        const responses = await Promise.all([1, 2].map(() => session.request({ method: 'POST', url, payload: {} })))
        expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409])
      }
    } finally {
      await app.close()
    }
  })
})
