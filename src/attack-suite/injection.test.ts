import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loginAs, startTestApp, type TestApp } from '../test-support/test-app.js'

let tongban: TestApp
beforeAll(async () => {
  tongban = await startTestApp()
})
afterAll(() => tongban.close())

const SQL_PROBES = [
  "' OR '1'='1",
  "'; DROP TABLE audit.records; --",
  '%',
  '_',
  '\\',
  "' UNION SELECT password_hash FROM identity.accounts --",
]

describe('injection probes on search and filter parameters', () => {
  test.each(['actor', 'action'])(
    'the audit filter %s treats SQL and LIKE patterns as plain text',
    async (parameter) => {
      const auditor = await loginAs(tongban, 'auditadmin')

      for (const probe of SQL_PROBES) {
        const response = await auditor.request({
          method: 'GET',
          url: `/api/audit/records?${parameter}=${encodeURIComponent(probe)}`,
        })
        expect(response.statusCode, probe).toBe(200)
        expect(response.json().total, probe).toBe(0)
      }
      const { rows } = await tongban.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit.records')
      expect(rows[0]?.n).toBeGreaterThan(0)
    },
  )

  test('the ID-number lookup refuses anything but an ID number', async () => {
    const clerk = await loginAs(tongban, 'zhangmin')

    for (const probe of ["32058119850312042' OR '1'='1", '%%%%%%%%%%%%%%%%%%', '1'.repeat(18)]) {
      const response = await clerk.request({
        method: 'GET',
        url: `/api/identity/people?idNumber=${encodeURIComponent(probe)}`,
      })
      expect([400, 404], probe).toContain(response.statusCode)
    }
  })

  test('the catalog search answers hostile queries without error and without leaking rows', async () => {
    for (const probe of SQL_PROBES) {
      const response = await tongban.app.inject({
        method: 'GET',
        url: `/api/catalog/search?q=${encodeURIComponent(probe)}`,
      })
      expect(response.statusCode, probe).toBeLessThan(500)
      expect(JSON.stringify(response.json())).not.toContain('scrypt$')
    }
  })
})

describe('path traversal', () => {
  test.each([
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/assets/....//....//package.json',
    '/api/docs/static/..%2f..%2f..%2fpackage.json',
  ])('%s does not serve a file from outside the web assets', async (url) => {
    const response = await tongban.app.inject({ method: 'GET', url })

    expect(response.statusCode).toBeLessThan(500)
    expect(response.body).not.toContain('"name": "tongban"')
    expect(response.body).not.toContain('root:x:0:0')
  })
})
