import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { createTestPostgresUrl, testEngine } from './platform/db/test-db.js'
import { findFreePort, type ServerProcess, spawnServer, waitUntilHealthy } from './test-support/server-process.js'

const started: ServerProcess[] = []
const cleanups: Array<() => Promise<void> | void> = []
afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()))
  for (const cleanup of cleanups) await cleanup()
})

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = spawnServer(env, await findFreePort())
  started.push(server)
  return server
}

async function loginOver(url: string, loginName: string) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ loginName, password: 'Tongban@2026' }),
  })
  return { status: response.status, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '' }
}

describe.runIf(testEngine() === 'pglite')('the embedded database', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-main-'))
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))

  test('a second start on a data directory in use is refused with a clear message; the first keeps running', async () => {
    const first = await start({ TONGBAN_DATA_DIR: dataDir })
    await waitUntilHealthy(first)

    const second = await start({ TONGBAN_DATA_DIR: dataDir })
    const code = await second.exited

    expect(code).toBe(1)
    expect(second.output()).toContain('正被另一个 Tongban 进程使用')
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200)
    expect(await first.stop()).toBe(0)
  }, 240_000)

  test('stopping and starting again keeps the data; the logs hold no personal data or secrets', async () => {
    const again = await start({ TONGBAN_DATA_DIR: dataDir, LOG_LEVEL: 'info' })
    await waitUntilHealthy(again)
    const person = { idNumber: '320581199204180025', phone: '13776201834', password: 'Yushan#2026' }

    const login = await loginOver(again.url, 'zhangmin')
    const directory = await (await fetch(`${again.url}/api/identity/departments`)).json()
    await fetch(`${again.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'person', loginName: 'lujiahui', name: '陆佳慧', ...person }),
    })
    await fetch(`${again.url}/api/identity/people?idNumber=${person.idNumber}`, { headers: { cookie: login.cookie } })

    expect(login.status).toBe(200)
    expect(directory.departments.filter((d: { name: string }) => d.name === '常熟市行政审批局')).toHaveLength(1)
    expect(await again.stop()).toBe(0)
    expect(again.output()).toContain('/api/identity/people?idNumber=*')
    for (const secret of [...Object.values(person), 'Tongban@2026', login.cookie.split('=')[1] as string]) {
      expect(again.output()).not.toContain(secret)
    }
  }, 240_000)
})

describe.runIf(testEngine() === 'postgres')('several processes on one PostgreSQL', () => {
  test('a session created through one process is accepted by the other', async () => {
    const database = await createTestPostgresUrl()
    cleanups.push(database.drop)
    const env = { DATABASE_URL: database.url, TONGBAN_MASTER_KEY: 'a'.repeat(64) }
    const [one, two] = await Promise.all([start(env), start(env)])
    await Promise.all([waitUntilHealthy(one), waitUntilHealthy(two)])

    const login = await loginOver(one.url, 'chenjing')
    const me = await fetch(`${two.url}/api/auth/me`, { headers: { cookie: login.cookie } })

    expect(login.status).toBe(200)
    expect(me.status).toBe(200)
    expect((await me.json()).account.displayName).toBe('陈静')
    await Promise.all([one.stop(), two.stop()])
  }, 240_000)
})

describe.runIf(testEngine() === 'pglite')('a production install', () => {
  test('has no account with a known password; a one-time token printed at first start creates the administrator', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-production-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const server = await start({ NODE_ENV: 'production', TONGBAN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
    await waitUntilHealthy(server)
    const token = /一次性初始化令牌创建系统管理员：\s+(\S+)/.exec(server.output())?.[1] as string
    const setup = (body: Record<string, string>) =>
      fetch(`${server.url}/api/setup/administrator`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          divisionCode: '320581',
          centreName: '常熟市政务服务管理办公室',
          loginName: 'zhoutao',
          displayName: '周涛',
          password: 'Qinchuan#2026x',
          ...body,
        }),
      })

    expect(token).toMatch(/^[\w-]{20,}$/)
    expect((await fetch(`${server.url}/api/demo/accounts`)).status).toBe(404)
    expect((await loginOver(server.url, 'sysadmin')).status).toBe(401)
    expect((await setup({ token: 'wrong-token-000000000' })).status).toBe(403)
    expect((await setup({ token })).status).toBe(201)
    expect((await setup({ token })).status).toBe(409)
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loginName: 'zhoutao', password: 'Qinchuan#2026x' }),
    })
    expect((await login.json()).restriction).toBe('totp_enrollment')
    // Only the security administrator grants roles, so the first security and audit administrators use the token too.
    const holder = (role: string, loginName: string) =>
      fetch(`${server.url}/api/setup/role-holder`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, role, loginName, displayName: '吴磊', password: 'Yushan#2026abc' }),
      })
    expect((await holder('security_admin', 'wulei')).status).toBe(201)
    expect((await holder('security_admin', 'wulei2')).status).toBe(409)
    expect((await holder('audit_admin', 'zhengli')).status).toBe(201)
    expect((await holder('audit_admin', 'zhengli2')).status).toBe(403)
    expect(await server.stop()).toBe(0)
  }, 240_000)
})
