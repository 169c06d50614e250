import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import type { Db } from '../../platform/db/index.js'
import { openPgliteDb } from '../../platform/db/pglite-db.js'
import { openPostgresDb } from '../../platform/db/postgres-db.js'
import { createTestPostgresUrl, testEngine } from '../../platform/db/test-db.js'
import { findFreePort, type ServerProcess, spawnServer, waitUntilHealthy } from '../../test-support/server-process.js'

// An hour-long wait: it cannot fire before the kill; the test makes it due while the server is down.
const WAITING = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="restart" targetNamespace="http://tongban.org/test">
  <bpmn:process id="restart_timer" name="等待后办结" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`
const INSTANCES = 5

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const server = spawnServer(env, await findFreePort())
  cleanups.push(() => server.stop())
  await waitUntilHealthy(server)
  return server
}

// A killed PGlite server leaves its data-directory lock behind until it goes stale (15 s): a supervisor such as
// systemd (Restart=on-failure) keeps starting the server until it comes up.
async function restartLikeASupervisor(env: Record<string, string>): Promise<ServerProcess> {
  for (let attempt = 0; ; attempt++) {
    const server = spawnServer(env, await findFreePort())
    cleanups.push(() => server.stop())
    try {
      await waitUntilHealthy(server)
      return server
    } catch (error) {
      if (attempt >= 10 || !server.output().includes('正被另一个 Tongban 进程使用')) throw error
      await new Promise((resolve) => setTimeout(resolve, 3000))
    }
  }
}

async function logIn(url: string) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ loginName: 'chenjing', password: 'Tongban@2026' }),
  })
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? ''
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  return async (method: string, route: string, body?: unknown) => {
    const answer = await fetch(`${url}${route}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    if (answer.status !== 200) throw new Error(`${method} ${route}: ${answer.status} ${await answer.text()}`)
    return answer.json()
  }
}

describe('timers across a killed server', () => {
  test('a server killed while timers are due fires each of them exactly once after restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-restart-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const env: Record<string, string> = { TONGBAN_DATA_DIR: dataDir, TONGBAN_MASTER_KEY: 'b'.repeat(64) }
    let openDirect: () => Promise<Db> = () => openPgliteDb(path.join(dataDir, 'pglite'))
    if (testEngine() === 'postgres') {
      const database = await createTestPostgresUrl()
      cleanups.push(database.drop)
      env.DATABASE_URL = database.url
      openDirect = () => openPostgresDb(database.url, 1)
    }

    const first = await startServer(env)
    const call = await logIn(first.url)
    await call('POST', '/api/workflow/deployments', { xml: WAITING })
    const ids: string[] = []
    for (let i = 0; i < INSTANCES; i++)
      ids.push((await call('POST', '/api/workflow/instances', { processKey: 'restart_timer' })).id)
    first.child.kill('SIGKILL')
    await first.exited

    // While the server is down the timers fall due (the server reads the system clock).
    const direct = await openDirect()
    const due = await direct.query(
      "UPDATE platform.jobs SET run_at = now() - interval '1 second' WHERE kind = 'workflow.timer' AND state = 'pending'",
    )
    await direct.close()
    expect(due.rowCount).toBe(INSTANCES)

    const second = await restartLikeASupervisor(env)
    const again = await logIn(second.url)
    const views = async () => Promise.all(ids.map((id) => again('GET', `/api/workflow/instances/${id}`)))
    await expect
      .poll(async () => (await views()).map((view) => view.instance.status), { timeout: 30_000, interval: 250 })
      .toEqual(ids.map(() => 'completed'))
    // Give a duplicate firing the chance to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    for (const view of await views()) {
      const fired = view.history.filter((entry: { event: string }) => entry.event === 'timer.fired')
      expect(fired).toHaveLength(1)
    }
  }, 300_000)
})
