import { createSocket } from 'node:dgram'
import { type AddressInfo, createServer } from 'node:net'
import { describe, expect, test } from 'vitest'
import { createSyslogSender, SyslogSeverity } from './index.js'

// RFC 5424: <PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA SP BOM MSG
const RFC5424 = /^<(\d+)>1 (\S+) (\S+) tongban (\d+) (\S+) - \uFEFF(.*)$/s

describe('syslog to the centre’s log audit system', () => {
  test('a message over UDP arrives as one RFC 5424 datagram with the log audit facility', async () => {
    const server = createSocket('udp4')
    const received = new Promise<string>((resolve) => server.once('message', (data) => resolve(data.toString('utf8'))))
    await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve))
    const { port } = server.address()

    await createSyslogSender(`udp://127.0.0.1:${port}`).send({
      severity: SyslogSeverity.info,
      msgId: 'audit-checkpoint',
      text: '{"seq":42}',
    })

    const [, pri, timestamp, , pid, msgId, text] = RFC5424.exec(await received) ?? []
    server.close()
    expect(Number(pri)).toBe(13 * 8 + 6)
    expect(new Date(timestamp as string).getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect(Number(pid)).toBe(process.pid)
    expect(msgId).toBe('audit-checkpoint')
    expect(text).toBe('{"seq":42}')
  })

  test('a message over TCP arrives framed by octet counting (RFC 6587), Chinese text intact', async () => {
    let resolveReceived: (data: Buffer) => void = () => undefined
    const received = new Promise<Buffer>((resolve) => {
      resolveReceived = resolve
    })
    const server = createServer((socket) => {
      const chunks: Buffer[] = []
      socket.on('data', (chunk) => chunks.push(chunk))
      socket.on('end', () => resolveReceived(Buffer.concat(chunks)))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo

    await createSyslogSender(`tcp://127.0.0.1:${port}`).send({
      severity: SyslogSeverity.critical,
      msgId: 'audit-alarm',
      text: '审计链校验失败：记录 3 的内容与其哈希不符',
    })

    const frame = await received
    server.close()
    const space = frame.indexOf(0x20)
    const length = Number(frame.subarray(0, space).toString())
    const message = frame.subarray(space + 1).toString('utf8')
    expect(length).toBe(frame.length - space - 1)
    expect(message).toMatch(/^<106>1 /)
    expect(message.endsWith('审计链校验失败：记录 3 的内容与其哈希不符')).toBe(true)
  })

  test('an unreachable TCP receiver is reported to the caller, not thrown into the process', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    await new Promise<void>((resolve) => server.close(() => resolve()))

    await expect(
      createSyslogSender(`tcp://127.0.0.1:${port}`).send({ severity: SyslogSeverity.info, msgId: 'x', text: 'y' }),
    ).rejects.toThrow(/ECONNREFUSED/)
  })
})
