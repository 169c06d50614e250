import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { testEngine } from './platform/db/test-db.js'
import { findFreePort, type ServerProcess, spawnServer, waitUntilHealthy } from './test-support/server-process.js'

const started: ServerProcess[] = []
const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-data-dir-'))
afterAll(async () => {
  for (const server of started) if (server.child.exitCode === null) server.child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = spawnServer({ TONGBAN_DATA_DIR: dataDir, ...env }, await findFreePort())
  started.push(server)
  return server
}

/** Every entry under `dir` that group or others may read, write or enter. */
function listOpenToOthers(dir: string): string[] {
  const open: string[] = []
  const visit = (entry: string) => {
    const stat = statSync(entry)
    if ((stat.mode & 0o077) !== 0) open.push(entry)
    if (stat.isDirectory()) for (const name of readdirSync(entry)) visit(path.join(entry, name))
  }
  visit(dir)
  return open
}

describe.runIf(testEngine() === 'pglite')('the embedded data directory', () => {
  test('a second server on the directory of a frozen first one is refused naming its pid; after a kill a new one starts', async () => {
    const first = await start()
    // The first start seeds the demo county: slow on a busy machine.
    await waitUntilHealthy(first, 360_000)
    const pid = first.child.pid as number

    // Frozen longer than the old 15 s lease, which a second server used to take over.
    process.kill(pid, 'SIGSTOP')
    await new Promise((resolve) => setTimeout(resolve, 17_000))
    const second = await start()
    const secondCode = await second.exited
    process.kill(pid, 'SIGKILL')
    await first.exited
    const third = await start()
    await waitUntilHealthy(third, 360_000)

    expect(secondCode).toBe(1)
    expect(second.output()).toContain(`正被另一个 Tongban 进程使用（pid ${pid}`)
    expect((await fetch(`${third.url}/api/health`)).status).toBe(200)
    expect(listOpenToOthers(dataDir).filter((entry) => !entry.includes(`${path.sep}pglite${path.sep}`))).toEqual([])
    expect(statSync(path.join(dataDir, 'keys', 'master.key')).mode & 0o777).toBe(0o600)
  }, 900_000)

  test('SIGTERM ends the server within the drain timeout even while a request never finishes', async () => {
    const server = started.at(-1) as ServerProcess
    const { port } = new URL(server.url)
    // A body announced but never sent keeps the request in flight for as long as the client likes.
    const socket = connect(Number(port), '127.0.0.1')
    socket.on('error', () => undefined)
    await new Promise((resolve) => socket.once('connect', resolve))
    socket.write(
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
    )
    await new Promise((resolve) => setTimeout(resolve, 500))

    const stoppedAt = Date.now()
    server.child.kill('SIGTERM')
    const code = await server.exited
    socket.destroy()

    expect(code).not.toBeNull()
    expect(Date.now() - stoppedAt).toBeLessThan(25_000)
  }, 60_000)

  test('with the master key moved away, the start stops with one line and writes no new key', async () => {
    const keyFile = path.join(dataDir, 'keys', 'master.key')
    renameSync(keyFile, `${keyFile}.moved`)

    const server = await start()
    const code = await server.exited

    expect(code).toBe(1)
    expect(server.output()).toMatch(
      /Tongban cannot start: master key file .* is missing but the database already holds/,
    )
    expect(existsSync(keyFile)).toBe(false)
  }, 240_000)
})
