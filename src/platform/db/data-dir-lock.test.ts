import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

function givenDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tongban-lock-'))
  dirs.push(dir)
  return dir
}

function startTimeOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] as string
}

function writeLock(dataDir: string, holder: object) {
  writeFileSync(path.join(dataDir, 'tongban.lock'), JSON.stringify({ host: hostname(), bootId: null, ...holder }))
}

describe.runIf(existsSync('/proc/self/stat'))('the data-directory lock', () => {
  test('a second lock on the same directory is refused naming the holder, and allowed once it is released', async () => {
    const dataDir = givenDataDir()
    const unlock = await lockDataDir(dataDir)

    await expect(lockDataDir(dataDir)).rejects.toThrow(new RegExp(`pid ${process.pid}`))
    await unlock()
    const again = await lockDataDir(dataDir)
    await again()

    expect(existsSync(path.join(dataDir, 'tongban.lock'))).toBe(false)
  })

  test('a lock whose process is still alive is refused however old the file is', async () => {
    const dataDir = givenDataDir()
    const holder = spawn('sleep', ['30'])
    try {
      writeLock(dataDir, { pid: holder.pid, startTime: startTimeOf(holder.pid as number) })

      const attempt = lockDataDir(dataDir)

      await expect(attempt).rejects.toBeInstanceOf(DataDirInUseError)
      await expect(attempt).rejects.toThrow(`pid ${holder.pid}`)
    } finally {
      holder.kill('SIGKILL')
    }
  })

  test('a lock left by a process that is gone, or whose pid now belongs to another process, is taken over', async () => {
    const gone = givenDataDir()
    const holder = spawn('true')
    await new Promise((resolve) => holder.once('exit', resolve))
    writeLock(gone, { pid: holder.pid, startTime: '1' })
    const reused = givenDataDir()
    writeLock(reused, { pid: process.pid, startTime: '1' })

    const unlockGone = await lockDataDir(gone)
    const unlockReused = await lockDataDir(reused)

    expect(JSON.parse(readFileSync(path.join(gone, 'tongban.lock'), 'utf8')).pid).toBe(process.pid)
    await unlockGone()
    await unlockReused()
  })

  test('the lock file and a data directory it creates are private to the service account', async () => {
    const dataDir = path.join(givenDataDir(), 'fresh')
    mkdirSync(path.dirname(dataDir), { recursive: true })

    const unlock = await lockDataDir(dataDir)

    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    expect(statSync(path.join(dataDir, 'tongban.lock')).mode & 0o777).toBe(0o600)
    await unlock()
  })
})
