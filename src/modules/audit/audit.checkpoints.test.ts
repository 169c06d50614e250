import { createSocket } from 'node:dgram'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { verifySm2 } from '../../platform/crypto/index.js'
import { loginAs, startTestApp, type TestApp } from '../../test-support/test-app.js'

const syslog = createSocket('udp4')
const received: string[] = []
let tongban: TestApp
let checkpointDir: string

beforeAll(async () => {
  syslog.on('message', (data) => received.push(data.toString('utf8')))
  await new Promise<void>((resolve) => syslog.bind(0, '127.0.0.1', resolve))
  tongban = await startTestApp({
    env: { TONGBAN_AUDIT_CHECKPOINT_SECONDS: '2', TONGBAN_AUDIT_SYSLOG: `udp://127.0.0.1:${syslog.address().port}` },
  })
  checkpointDir = path.join(tongban.dataDir, 'audit')
})
afterAll(async () => {
  await tongban.close()
  syslog.close()
})

function readCheckpoints(): { seq: number; hash: string; at: string; signature: string }[] {
  const dir = path.join(checkpointDir, 'checkpoints')
  return readdirSync(dir).flatMap((file) =>
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
  )
}

describe('signed checkpoints outside the database', () => {
  test('link passes sign the chain’s end at most once per interval, and the newest end once the interval is over', async () => {
    for (const who of ['zhangmin', 'xuhui', 'liqiang', 'wangfang']) await loginAs(tongban, who)

    const head = async () => {
      const { rows } = await tongban.db.query<{ last_seq: number; last_hash: string }>(
        'SELECT last_seq, last_hash FROM audit.chain_head',
      )
      return { seq: Number(rows[0]?.last_seq), hash: rows[0]?.last_hash }
    }
    await expect.poll(() => readCheckpoints().at(-1), { timeout: 15_000 }).toMatchObject(await head())
    const times = readCheckpoints().map((checkpoint) => Date.parse(checkpoint.at))
    const gaps = times.slice(1).map((time, index) => time - (times[index] as number))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1900)
  })

  test('anyone can check a checkpoint with the published public key; the signing key is nowhere on disk', () => {
    const publicKeyPem = readFileSync(path.join(checkpointDir, 'checkpoint-public-key.pem'), 'utf8')
    const checkpoint = readCheckpoints().at(-1) as { seq: number; hash: string; at: string; signature: string }

    const message = `tongban-audit-checkpoint|${checkpoint.seq}|${checkpoint.hash}|${checkpoint.at}`
    expect(verifySm2(publicKeyPem, message, Buffer.from(checkpoint.signature, 'base64'))).toBe(true)
    const files = readdirSync(checkpointDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
    const texts = files.map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    expect(texts.length).toBeGreaterThan(1)
    expect(texts.some((text) => text.includes('PRIVATE KEY'))).toBe(false)
  })

  test('each checkpoint also goes to the centre’s log audit system over syslog', async () => {
    await expect.poll(() => received.length).toBeGreaterThan(0)

    const last = received.at(-1) as string
    expect(last).toMatch(/^<110>1 \S+ \S+ tongban \d+ audit-checkpoint - /)
    expect(JSON.parse(last.slice(last.indexOf('\uFEFF') + 1))).toMatchObject({ seq: expect.any(Number) })
  })
})
