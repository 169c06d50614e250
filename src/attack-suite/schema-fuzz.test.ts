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
  '${7*7}',
  '<script>alert(1)</script>',
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
  return path.replace(/\{[^}]+\}|:[A-Za-z]+/g, encodeURIComponent(value))
}

describe('schema fuzz over the OpenAPI document', () => {
  test('no operation answers 5xx to wrong types, huge strings, unknown fields or hostile path values', async () => {
    const document = (await tongban.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>
    }
    const failures: string[] = []
    let sent = 0
    const send = async (method: string, url: string, payload: unknown, session?: Session) => {
      const options = {
        method: method.toUpperCase() as 'GET',
        url,
        ...(payload === undefined
          ? {}
          : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
      }
      const response = session ? await session.request(options) : await tongban.app.inject(options)
      sent += 1
      if (response.statusCode >= 500)
        failures.push(`${method.toUpperCase()} ${url.slice(0, 120)} → ${response.statusCode}`)
      else if (response.statusCode >= 400) expect(response.json()).toHaveProperty('code')
    }
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const bodySchema = operation.requestBody?.content?.['application/json']?.schema
        const hasPathParameters = /\{[^}]+\}|:[A-Za-z]/.test(path)
        const pathValues = hasPathParameters
          ? ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '..%2F..%2Fetc', 'x'.repeat(3000)]
          : ['']
        const queryParameters = (operation.parameters ?? []).filter((p) => p.in === 'query')
        for (const caller of [undefined, ...sessions]) {
          for (const [index, pathValue] of pathValues.entries()) {
            const url = fillPath(path, pathValue)
            // The hostile path values are tried alone; the query and body variants once, on a well-formed path.
            if (index > 0) {
              await send(method, url, method === 'get' || method === 'delete' ? undefined : {}, caller)
              continue
            }
            if (method === 'get' || method === 'delete') {
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
          }
        }
      }
    }

    expect(failures).toEqual([])
    expect(sent).toBeGreaterThan(500)
  }, 600_000)
})
