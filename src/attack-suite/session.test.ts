import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestApp, type TestApp } from '../test-support/test-app.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp({ env: { TONGBAN_LOGIN_RATE_LIMIT: '8' } })
})
afterAll(() => tongban.close())

describe('session attacks', () => {
  test('a session id planted before login is not the one the login issues (no fixation)', async () => {
    const planted = 'attacker-chosen-session-value-0000000000000'
    const login = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: `tongban_session=${planted}` },
      payload: { loginName: 'zhangmin', password: 'Tongban@2026' },
    })

    const issued = login.cookies.find((cookie) => cookie.name === 'tongban_session')?.value
    const withPlanted = await tongban.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `tongban_session=${planted}` },
    })

    expect(issued).toBeDefined()
    expect(issued).not.toBe(planted)
    expect(withPlanted.statusCode).toBe(401)
  })

  test('a forged cross-site POST with the victim’s cookie but no CSRF token is refused and audited', async () => {
    const login = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { loginName: 'liqiang', password: 'Tongban@2026' },
    })
    const cookie = `tongban_session=${login.cookies.find((c) => c.name === 'tongban_session')?.value}`

    const forged = await tongban.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: 'https://evil.example' },
    })
    const stillLoggedIn = await tongban.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })

    expect(forged.statusCode).toBe(403)
    expect(forged.json().code).toBe('CSRF_TOKEN_INVALID')
    expect(stillLoggedIn.statusCode).toBe(200)
    const { rows } = await tongban.db.query(
      `SELECT 1 FROM audit.records WHERE action = 'POST /api/auth/logout' AND result = 'denied'`,
    )
    expect(rows).toHaveLength(1)
  })

  test('guessing passwords from one address is cut off by the rate limit before it gets far', async () => {
    const statuses: number[] = []
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const response = await tongban.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.8.7',
        payload: { loginName: `guess${attempt}`, password: 'password123' },
      })
      statuses.push(response.statusCode)
    }

    expect(statuses.slice(0, 8).every((status) => status === 401)).toBe(true)
    expect(statuses.slice(8).every((status) => status === 429)).toBe(true)
  })
})
