import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DatabaseUnavailableError } from '../db/index.js'
import { createHttpServer, type HttpServer } from './create-http-server.js'

// What the driver throws in an outage, as the error handler meets it (the PostgreSQL-only outage tests provoke the
// real thing; this one checks the rendering on every engine).
const OUTAGES: Record<string, () => Error> = {
  'a terminated connection (57P01)': () => Object.assign(new Error('terminating connection'), { code: '57P01' }),
  'a refused connection': () =>
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
  'a connection closed under a query': () => new Error('Connection terminated unexpectedly'),
  'a full pool that gave no connection in time': () => new Error('timeout exceeded when trying to connect'),
}

let app: HttpServer
let nextError: () => Error
beforeAll(async () => {
  app = await createHttpServer({
    logLevel: 'silent',
    bodyLimitBytes: 1024,
    publicUrl: 'http://localhost',
    version: '0',
  })
  app.get('/api/probe', { config: { access: 'public' } }, async () => {
    throw nextError()
  })
  await app.ready()
})
afterAll(() => app.close())

describe('a database outage is a 503, never a 500', () => {
  for (const [name, makeError] of Object.entries(OUTAGES)) {
    test(`${name} answers 503 DATABASE_UNAVAILABLE with Retry-After`, async () => {
      nextError = makeError

      const response = await app.inject({ method: 'GET', url: '/api/probe' })

      expect(response.statusCode).toBe(503)
      expect(response.headers['retry-after']).toBe('5')
      expect(response.json()).toMatchObject({
        code: 'DATABASE_UNAVAILABLE',
        message: '数据库暂时无法连接，请稍后再试',
        requestId: expect.any(String),
      })
    })
  }

  test('a write whose COMMIT outcome is unknown is told so, as a 503', async () => {
    nextError = () => new DatabaseUnavailableError('lost during COMMIT', { isCommitOutcomeUnknown: true })

    const response = await app.inject({ method: 'GET', url: '/api/probe' })

    expect(response.statusCode).toBe(503)
    expect(response.json()).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      message: '数据库连接中断，无法确认操作是否已保存，请稍后刷新查看',
    })
  })

  test('a bug is still a 500', async () => {
    nextError = () => new TypeError('x is undefined')

    const response = await app.inject({ method: 'GET', url: '/api/probe' })

    expect(response.statusCode).toBe(500)
    expect(response.json().code).toBe('INTERNAL_ERROR')
  })
})
