import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestApp, type TestApp } from '../../test-support/test-app.js'
import { createHttpServer } from './create-http-server.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp({ seed: false, env: { TONGBAN_BODY_LIMIT_BYTES: '2048' } })
})
afterAll(() => tongban.close())

function expectErrorShape(body: Record<string, unknown>, code: string) {
  expect(body).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) })
  expect(body.message).toMatch(/[\u4e00-\u9fa5]/)
}

describe('bad input never gives a 500', () => {
  test('an unknown route is a 404 in the error shape', async () => {
    const response = await tongban.app.inject({ method: 'GET', url: '/api/no-such-thing' })

    expect(response.statusCode).toBe(404)
    expectErrorShape(response.json(), 'NOT_FOUND')
  })

  test('malformed JSON is a 400 saying so in Chinese', async () => {
    const response = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"loginName": "zhangmin", ',
    })

    expect(response.statusCode).toBe(400)
    expectErrorShape(response.json(), 'MALFORMED_JSON')
    expect(response.json().message).toBe('请求体不是合法的 JSON')
  })

  test('a wrong type is a 400 naming the field path', async () => {
    const response = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { loginName: 12345678, password: ['x'] },
    })

    expect(response.statusCode).toBe(400)
    const body = response.json()
    expectErrorShape(body, 'VALIDATION_FAILED')
    expect(body.message).toBe('请求体不正确：body.loginName 应当是 string 类型')
    expect(body.details).toContainEqual(expect.objectContaining({ path: 'body.password', rule: 'type' }))
  })

  test('an unknown field is refused rather than silently dropped', async () => {
    const response = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { loginName: 'zhangmin', password: 'x', isAdmin: true },
    })

    expect(response.statusCode).toBe(400)
    expect(response.json().details).toContainEqual(expect.objectContaining({ path: 'body.isAdmin' }))
  })

  test('an oversized body is a 413', async () => {
    const response = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { loginName: 'a'.repeat(5000), password: 'x' },
    })

    expect(response.statusCode).toBe(413)
    expectErrorShape(response.json(), 'PAYLOAD_TOO_LARGE')
  })

  test('a query parameter of the wrong form is a 400 naming it', async () => {
    const response = await tongban.app.inject({ method: 'GET', url: '/api/identity/divisions?parentCode=abc' })

    expect(response.statusCode).toBe(400)
    expect(response.json().message).toContain('querystring.parentCode')
  })

  test('every answer carries a request id and security headers', async () => {
    const response = await tongban.app.inject({ method: 'GET', url: '/api/health' })

    expect(response.headers['x-request-id']).toMatch(/^req-/)
    expect(response.headers['content-security-policy']).toContain("script-src 'self'")
    expect(response.headers['x-frame-options']).toBe('DENY')
  })
})

describe('health and API documentation', () => {
  test('health names the engine and the migration version', async () => {
    const response = await tongban.app.inject({ method: 'GET', url: '/api/health' })

    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      status: 'ok',
      engine: process.env.TONGBAN_TEST_DB ?? 'pglite',
      migrationVersion: expect.stringMatching(/^\d{14}$/),
    })
  })

  test('the OpenAPI document lists the routes with their error shape', async () => {
    const response = await tongban.app.inject({ method: 'GET', url: '/api/openapi.json' })

    const document = response.json()
    expect(document.openapi).toBe('3.0.3')
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/health']))
    expect(document.components.schemas.ErrorBody).toBeDefined()
  })

  test('the browsable API page is served without a CDN', async () => {
    const response = await tongban.app.inject({ method: 'GET', url: '/api/docs/' })

    expect(response.statusCode).toBe(200)
    expect(response.body).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/)
  })
})

describe('two people at once', () => {
  test('the loser of a database deadlock gets a 409 saying nothing changed, not a 500', async () => {
    const server = await createHttpServer({
      logLevel: 'silent',
      bodyLimitBytes: 2048,
      publicUrl: 'http://localhost',
      version: 'test',
    })
    server.post('/api/deadlocked', async () => {
      // What node-postgres throws when PostgreSQL picks this transaction as the deadlock's victim.
      throw Object.assign(new Error('deadlock detected'), { code: '40P01' })
    })
    await server.ready()

    const response = await server.inject({ method: 'POST', url: '/api/deadlocked' })

    expect(response.statusCode).toBe(409)
    expectErrorShape(response.json(), 'CONFLICT')
    expect(response.json().message).toContain('未作任何更改')
    await server.close()
  })
})
