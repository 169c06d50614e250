import { createSocket } from 'node:dgram'
import { connect } from 'node:net'
import { hostname } from 'node:os'

/** RFC 5424 severities used here. */
export const SyslogSeverity = { critical: 2, warning: 4, notice: 5, info: 6 } as const
export type SyslogSeverity = (typeof SyslogSeverity)[keyof typeof SyslogSeverity]

// Facility 13 is "log audit" (RFC 5424 table 1): where a centre's log audit system expects audit facts.
const LOG_AUDIT_FACILITY = 13
const SEND_TIMEOUT_MS = 3000

export type SyslogMessage = { severity: SyslogSeverity; msgId: string; text: string }

// RFC 5424 header fields are printable US-ASCII without spaces; NILVALUE when empty.
function headerField(value: string, maxLength: number): string {
  const clean = value.replace(/[^\x21-\x7e]/g, '').slice(0, maxLength)
  return clean === '' ? '-' : clean
}

/** One RFC 5424 line: <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG (the MSG as UTF-8 with a BOM). */
export function buildSyslogLine(message: SyslogMessage, appName: string, at = new Date()): string {
  const pri = LOG_AUDIT_FACILITY * 8 + message.severity
  const header = [
    `<${pri}>1`,
    at.toISOString(),
    headerField(hostname(), 255),
    headerField(appName, 48),
    headerField(String(process.pid), 128),
    headerField(message.msgId, 32),
    '-',
  ].join(' ')
  return `${header} \uFEFF${message.text}`
}

/**
 * Sends RFC 5424 messages to `udp://host:port` (one datagram each) or `tcp://host:port` (RFC 6587 octet counting, a
 * connection per message: they are rare, and a dead connection is never reused). Resolves once handed to the
 * network; rejects on failure or after a few seconds, so the caller decides whether to log it.
 */
export function createSyslogSender(url: string, appName = 'tongban') {
  const target = new URL(url)
  const host = target.hostname.replace(/^\[|\]$/g, '')
  const port = Number(target.port)

  function sendUdp(payload: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4')
      socket.send(payload, port, host, (error) => {
        socket.close()
        if (error) reject(error)
        else resolve()
      })
    })
  }

  function sendTcp(payload: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port })
      socket.setTimeout(SEND_TIMEOUT_MS, () => socket.destroy(new Error(`syslog ${host}:${port} timed out`)))
      socket.once('error', reject)
      socket.once('connect', () => {
        socket.end(Buffer.concat([Buffer.from(`${payload.length} `), payload]), () => resolve())
      })
    })
  }

  return {
    send(message: SyslogMessage): Promise<void> {
      const payload = Buffer.from(buildSyslogLine(message, appName), 'utf8')
      return target.protocol === 'tcp:' ? sendTcp(payload) : sendUdp(payload)
    },
  }
}

export type SyslogSender = ReturnType<typeof createSyslogSender>
