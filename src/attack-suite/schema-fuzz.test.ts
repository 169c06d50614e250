import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, type Session, startTestApp, type TestApp } from '../test-support/test-app.js'

type Schema = {
  type?: string
  properties?: Record<string, Schema>
  items?: Schema
  anyOf?: Schema[]
  required?: string[]
}
type Operation = {
  parameters?: Array<{ in: string; name: string; schema?: Schema }>
  requestBody?: { content?: Record<string, { schema?: Schema }> }
}

let tongban: TestApp
let sessions: Session[]
beforeAll(async () => {
  tongban = await startTestApp()
  // Anonymous, a business role, and an administrator of each kind: fuzzing reaches past the access checks.
  sessions = [
    await loginAs(tongban, 'chenjing'),
    await loginAs(tongban, 'sysadmin'),
    await loginAs(tongban, 'secadmin'),
  ]
  sessions.push(await loginAs(tongban, 'auditadmin'))
})
afterAll(() => tongban.close())

const HOSTILE_STRINGS = [
  'x'.repeat(100_000),
  "' OR '1'='1' --",
  '../../../../etc/passwd',
  '%00',
  '\u0000\uFFFF\uD800',
  'a\u0000b',
  '\u0001\u001b[31m\u007f',
  '${7*7}',
  '<script>alert(1)</script>',
]
// Whole bodies that no schema can see: refused while the text is read, before anything walks the parsed value.
const DEEP_JSON = `{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`
const HUGE_JSON = JSON.stringify({ x: 'x'.repeat(10 * 1024 * 1024) })
const RAW_BODIES: Array<{ contentType: string | undefined; payload: string }> = [
  { contentType: 'application/json', payload: DEEP_JSON },
  { contentType: 'application/json', payload: HUGE_JSON },
  { contentType: 'application/json', payload: '{"x": "\\u0000"}' },
  { contentType: 'application/json', payload: '{"x":' },
  { contentType: 'text/plain', payload: 'hello' },
  { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=%00' },
  {
    contentType: 'multipart/form-data; boundary=x',
    payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
  },
  { contentType: 'application/xml', payload: `<a>${'<b>'.repeat(5000)}</a>` },
  { contentType: 'application/json; charset=utf-16', payload: '{}' },
  { contentType: undefined, payload: '{"x":1}' },
]
const HOSTILE_PATH_VALUES = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '..%2F..%2Fetc',
  'x'.repeat(3000),
  'x'.repeat(101),
  'a%00b',
  '%E0%A4%A',
]
const WRONG_TYPES: unknown[] = [12345, -1, 1.5, true, null, [], {}, ['a'], { $ne: 1 }, 'x'.repeat(10_000)]

function wrongValuesFor(schema: Schema | undefined): unknown[] {
  const type = schema?.type ?? schema?.anyOf?.[0]?.type
  if (type === 'string') return [...WRONG_TYPES.filter((v) => typeof v !== 'string'), ...HOSTILE_STRINGS]
  return [...WRONG_TYPES, ...HOSTILE_STRINGS]
}

/** A body that is valid-looking at the top level, then one field at a time made wrong, plus unknown fields. */
function buildBodies(schema: Schema | undefined): unknown[] {
  const bodies: unknown[] = [undefined, null, [], 'text', 42, {}, { unknownField: 1, __proto__: { admin: true } }]
  const properties = schema?.properties ?? Object.assign({}, ...(schema?.anyOf ?? []).map((s) => s.properties ?? {}))
  for (const [name, property] of Object.entries(properties as Record<string, Schema>)) {
    for (const value of wrongValuesFor(property)) bodies.push({ [name]: value })
  }
  return bodies
}

function fillPath(path: string, value: string): string {
  // Values with a % are sent as written (a NUL, a broken escape); the others are encoded.
  return path.replace(/\{[^}]+\}|:[A-Za-z]+/g, value.includes('%') ? value : encodeURIComponent(value))
}

/** What is wrong with a 4xx answer: not our error shape, no Chinese message, or part of the request echoed. */
function findShapeProblem(status: number, contentType: string | undefined, body: string): string | undefined {
  if (!contentType?.startsWith('application/json')) return `content type ${contentType}`
  let parsed: Record<string, unknown>
  try {
    parsed = JSON.parse(body)
  } catch {
    return 'not JSON'
  }
  if (typeof parsed.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(parsed.code)) return 'no code'
  if (typeof parsed.requestId !== 'string') return 'no requestId'
  if (typeof parsed.message !== 'string' || !/[\u4e00-\u9fa5]/.test(parsed.message)) return 'no Chinese message'
  if (body.includes('xxxxxxxxxxxxxxxxxxxx') || body.includes('etc/passwd')) return `echoes the request (${status})`
  return undefined
}

describe('schema fuzz over the OpenAPI document', () => {
  test('no operation answers 5xx to wrong types, control characters, deep or huge bodies, wrong content types or hostile path values', async () => {
    const document = (await tongban.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>
    }
    const failures: string[] = []
    let sent = 0
    const send = async (
      method: string,
      url: string,
      payload: unknown,
      session?: Session,
      raw?: { contentType: string | undefined; payload: string },
    ) => {
      const body = raw
        ? { payload: raw.payload, headers: raw.contentType ? { 'content-type': raw.contentType } : {} }
        : payload === undefined
          ? {}
          : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }
      const options = { method: method.toUpperCase() as 'GET', url, ...body }
      const response = session ? await session.request(options) : await tongban.app.inject(options)
      sent += 1
      const where = `${method.toUpperCase()} ${url.slice(0, 120)}${raw ? ` [${raw.contentType}, ${raw.payload.length} chars]` : ''}`
      if (response.statusCode >= 500) failures.push(`${where} → ${response.statusCode}`)
      else if (response.statusCode >= 400) {
        const contentType = response.headers['content-type']
        const problem = findShapeProblem(response.statusCode, contentType?.toString(), response.body)
        if (problem) failures.push(`${where} → ${response.statusCode}: ${problem}`)
      }
    }
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const bodySchema = operation.requestBody?.content?.['application/json']?.schema
        const hasPathParameters = /\{[^}]+\}|:[A-Za-z]/.test(path)
        const pathValues = hasPathParameters ? HOSTILE_PATH_VALUES : ['']
        const queryParameters = (operation.parameters ?? []).filter((p) => p.in === 'query')
        const takesBody = method !== 'get' && method !== 'delete'
        for (const caller of [undefined, ...sessions]) {
          for (const [index, pathValue] of pathValues.entries()) {
            const url = fillPath(path, pathValue)
            // The hostile path values are tried alone; the query and body variants once, on a well-formed path.
            if (index > 0) {
              await send(method, url, takesBody ? {} : undefined, caller)
              continue
            }
            if (!takesBody) {
              await send(method, url, undefined, caller)
              for (const parameter of queryParameters) {
                // A lone surrogate cannot be percent-encoded: no client can send it in a URL.
                for (const value of [...HOSTILE_STRINGS.filter((v) => !v.includes('\uD800')), '-1', '1e309', '[]']) {
                  await send(method, `${url}?${parameter.name}=${encodeURIComponent(value)}`, undefined, caller)
                }
              }
            } else {
              for (const body of buildBodies(bodySchema)) await send(method, url, body, caller)
            }
            // Every operation, reading a body or not, meets the raw bodies once per caller.
            for (const raw of RAW_BODIES) await send(method, url, undefined, caller, raw)
          }
        }
      }
    }

    expect(failures).toEqual([])
    expect(sent).toBeGreaterThan(500)
  }, 900_000)
})
