import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, type Session, startTestApp, type TestApp } from '../../test-support/test-app.js'
import { listRegisteredRoutes } from './index.js'

let tongban: TestApp
let centreManager: Session
beforeAll(async () => {
  // A raised global body limit, so the per-string ceiling (not the body limit) is what refuses a huge string.
  tongban = await startTestApp({ env: { TONGBAN_BODY_LIMIT_BYTES: String(16 * 1024 * 1024) } })
  centreManager = await loginAs(tongban, 'chenjing')
})
afterAll(() => tongban.close())

function expectErrorShape(body: Record<string, unknown>, code: string) {
  expect(body).toMatchObject({ code, message: expect.stringMatching(/[\u4e00-\u9fa5]/), requestId: expect.any(String) })
}

const login = (payload: unknown) =>
  tongban.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  })

describe('control characters are refused before any route sees them', () => {
  test('a NUL in a body field is a 400 naming the field, not a database error', async () => {
    const response = await centreManager.request({
      method: 'POST',
      url: '/api/catalog/synonyms',
      payload: { term: '营业执照\u0000', expansions: ['执照'] },
    })

    expect(response.statusCode).toBe(400)
    expectErrorShape(response.json(), 'VALIDATION_FAILED')
    expect(response.json().message).toBe('请求体不正确：body.term 含有不允许的控制字符（如 NUL）')
  })

  test('a control character deep inside a list, or in an object key, is found too', async () => {
    const inList = await login({ loginName: 'zhangmin', password: ['ok', 'bell\u0007'] })
    const inKey = await login({ loginName: 'zhangmin', password: 'x', extra: { 'k\u0001': 1 } })

    expect(inList.json().details).toEqual([
      expect.objectContaining({ path: 'body.password.1', rule: 'controlCharacter' }),
    ])
    expect(inKey.json().details).toEqual([expect.objectContaining({ path: 'body.extra', rule: 'controlCharacter' })])
  })

  test('a lone surrogate is refused; line breaks and tabs in a body are ordinary text', async () => {
    const lone = await login('{"loginName":"\\ud800zhangmin","password":"x"}')
    const lines = await login({ loginName: 'zhangmin\n', password: 'wrong\tpassword' })

    expect(lone.statusCode).toBe(400)
    expect(lone.json().details[0]).toMatchObject({ path: 'body.loginName', rule: 'loneSurrogate' })
    expect(lines.json().code).toBe('AUTH_INVALID_CREDENTIALS')
  })

  test('query strings and path parameters refuse NUL and line breaks', async () => {
    const query = await tongban.app.inject({ method: 'GET', url: '/api/identity/divisions?parentCode=32%00' })
    const param = await centreManager.request({ method: 'PUT', url: '/api/catalog/synonyms/a%0Ab', payload: {} })

    expect(query.statusCode).toBe(400)
    expect(query.json().message).toBe('查询参数不正确：querystring.parentCode 含有不允许的控制字符（如 NUL）')
    expect(param.statusCode).toBe(400)
    expect(param.json().details[0]).toMatchObject({ path: 'params.id', rule: 'controlCharacter' })
  })
})

describe('the shape of a JSON body is limited before it is walked', () => {
  test('JSON nested 10,000 deep is refused at once', async () => {
    const started = Date.now()

    const response = await login(`{"loginName":${'['.repeat(10_000)}${']'.repeat(10_000)},"password":"x"}`)

    expect(response.statusCode).toBe(400)
    expectErrorShape(response.json(), 'JSON_TOO_DEEP')
    expect(Date.now() - started).toBeLessThan(1000)
  })

  test('a list of 20,000 elements and a 10 MiB string are 413', async () => {
    const longList = await login({ loginName: 'zhangmin', password: new Array(20_000).fill(0) })
    const longString = await login({ loginName: 'x'.repeat(10 * 1024 * 1024), password: 'x' })

    expect(longList.statusCode).toBe(413)
    expectErrorShape(longList.json(), 'PAYLOAD_TOO_LARGE')
    expect(longString.statusCode).toBe(413)
    expectErrorShape(longString.json(), 'PAYLOAD_TOO_LARGE')
  })

  test('a text/plain or form body is 415: the API takes JSON', async () => {
    const text = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'loginName=zhangmin',
    })

    expect(text.statusCode).toBe(415)
    expectErrorShape(text.json(), 'UNSUPPORTED_MEDIA_TYPE')
  })
})

describe('a route without a body schema refuses a body', () => {
  test('logout with a body is refused, without one it works', async () => {
    const session = await loginAs(tongban, 'zhangmin')

    const withBody = await session.request({ method: 'POST', url: '/api/auth/logout', payload: { everywhere: true } })
    const withoutBody = await session.request({ method: 'POST', url: '/api/auth/logout' })

    expect(withBody.statusCode).toBe(400)
    expectErrorShape(withBody.json(), 'BODY_NOT_ALLOWED')
    expect(withoutBody.statusCode).toBeLessThan(300)
  })

  test('every registered POST, PUT, PATCH and DELETE route either declares a body or refuses one', async () => {
    const callers = [
      centreManager,
      await loginAs(tongban, 'sysadmin'),
      await loginAs(tongban, 'secadmin'),
      await loginAs(tongban, 'auditadmin'),
      await loginAs(tongban, 'liqiang'),
    ]
    const withoutSchema = listRegisteredRoutes(tongban.app).filter(
      (route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method) && !route.hasBodySchema,
    )
    const accepted: string[] = []
    let refusedForTheBody = 0

    for (const route of withoutSchema) {
      const url = route.url.replace(/:[A-Za-z]+/g, '00000000-0000-0000-0000-000000000000')
      for (const caller of callers) {
        const response = await caller.request({ method: route.method as 'POST', url, payload: { unexpected: 'x' } })
        if (response.statusCode < 400 || response.statusCode >= 500) accepted.push(`${route.method} ${route.url}`)
        if (response.json().code === 'BODY_NOT_ALLOWED') refusedForTheBody += 1
      }
    }

    expect(accepted).toEqual([])
    expect(withoutSchema.length).toBeGreaterThan(5)
    expect(refusedForTheBody).toBeGreaterThan(withoutSchema.length)
  }, 120_000)
})

describe('framework errors speak our error shape and echo nothing', () => {
  test('an over-long path parameter is 414 without the path in the answer', async () => {
    const response = await centreManager.request({ method: 'DELETE', url: `/api/catalog/synonyms/${'x'.repeat(150)}` })

    expect(response.statusCode).toBe(414)
    expectErrorShape(response.json(), 'URI_TOO_LONG')
    expect(response.body).not.toContain('xxxxxxxxxx')
    expect(response.headers['cache-control']).toBe('no-store')
  })

  test('an over-long code in a page-style GET is 414 too, not 405', async () => {
    const response = await centreManager.request({ method: 'GET', url: `/api/catalog/items/${'x'.repeat(300)}` })

    expect(response.statusCode).toBe(414)
    expectErrorShape(response.json(), 'URI_TOO_LONG')
    expect(response.body).not.toContain('xxxxxxxxxx')
  })

  test('an unknown route is 404 and a known one asked with the wrong method is 405 with Allow', async () => {
    const unknown = await tongban.app.inject({ method: 'GET', url: '/api/no-such-thing/<script>' })
    const wrongMethod = await tongban.app.inject({ method: 'DELETE', url: '/api/health' })

    expect(unknown.statusCode).toBe(404)
    expect(unknown.body).not.toContain('no-such-thing')
    expect(wrongMethod.statusCode).toBe(405)
    expectErrorShape(wrongMethod.json(), 'METHOD_NOT_ALLOWED')
    expect(wrongMethod.headers.allow).toBe('GET')
  })

  test('a request line or header that the HTTP parser refuses gets our shape too', async () => {
    await tongban.app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = tongban.app.server.address() as { port: number }
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8')
    })

    socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n')
    await new Promise((resolve) => socket.on('close', resolve))

    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
    expectErrorShape(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)), 'BAD_REQUEST')
  })

  test('a broken percent-encoding is 400 in our shape', async () => {
    const response = await tongban.app.inject({ method: 'GET', url: '/api/catalog/items/%E0%A4%A' })

    expect(response.statusCode).toBe(400)
    expectErrorShape(response.json(), 'BAD_REQUEST')
  })
})

describe('API answers are not kept by browsers or proxies', () => {
  test('an answer with personal data, an error and a public answer are all no-store', async () => {
    const me = await centreManager.request({ method: 'GET', url: '/api/auth/me' })
    const refused = await tongban.app.inject({ method: 'GET', url: '/api/auth/me' })
    const health = await tongban.app.inject({ method: 'GET', url: '/api/health' })

    expect(me.statusCode).toBe(200)
    expect(me.headers['cache-control']).toBe('no-store')
    expect(refused.headers['cache-control']).toBe('no-store')
    expect(health.headers['cache-control']).toBe('no-store')
  })
})
