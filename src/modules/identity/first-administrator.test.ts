import { afterAll, beforeAll, expect, test } from 'vitest'
import { startTestApp, type TestApp } from '../../test-support/test-app.js'

// A new install with no accounts: the setup token creates the first holder of each of the three administrator roles.
let tongban: TestApp
let token: string
beforeAll(async () => {
  tongban = await startTestApp({ seed: false })
  await tongban.services.identity.ensureDivisions()
  token = (await tongban.services.identity.issueSetupToken()) as string
})
afterAll(() => tongban.close())

const setupStatus = async () => (await tongban.app.inject({ method: 'GET', url: '/api/setup' })).json()

const createSystemAdministrator = () =>
  tongban.app.inject({
    method: 'POST',
    url: '/api/setup/administrator',
    payload: {
      token,
      divisionCode: '320581',
      centreName: '常熟市政务服务管理办公室',
      loginName: 'zhoutao',
      displayName: '周涛',
      password: 'Qinchuan#2026x',
    },
  })

const createRoleHolder = (role: string, loginName: string, displayName: string) =>
  tongban.app.inject({
    method: 'POST',
    url: '/api/setup/role-holder',
    payload: { token, role, loginName, displayName, password: 'Yushan#2026abc' },
  })

test('the public setup status tells only which administrator roles still lack a holder, until all three have one', async () => {
  expect(await setupStatus()).toEqual({
    needed: true,
    missingRoles: ['system_admin', 'security_admin', 'audit_admin'],
  })
  expect((await createRoleHolder('security_admin', 'wulei', '吴磊')).json().code).toBe('IDENTITY_SETUP_NO_CENTRE')

  expect((await createSystemAdministrator()).statusCode).toBe(201)
  // No names, no login names: a public route says nothing about who holds a role.
  expect(await setupStatus()).toEqual({ needed: false, missingRoles: ['security_admin', 'audit_admin'] })

  expect((await createRoleHolder('security_admin', 'wulei', '吴磊')).statusCode).toBe(201)
  expect(await setupStatus()).toEqual({ needed: false, missingRoles: ['audit_admin'] })

  expect((await createRoleHolder('audit_admin', 'zhengli', '郑丽')).statusCode).toBe(201)
  expect(await setupStatus()).toEqual({ needed: false, missingRoles: [] })
  expect(JSON.stringify(await setupStatus())).not.toMatch(/周涛|吴磊|郑丽|zhoutao|wulei|zhengli/)

  // All three roles have a holder: the token is spent.
  expect((await createRoleHolder('audit_admin', 'zhengli2', '郑丽')).json().code).toBe('IDENTITY_SETUP_TOKEN_INVALID')
  expect((await createSystemAdministrator()).json().code).toBe('IDENTITY_SETUP_DONE')
  expect(await tongban.services.identity.issueSetupToken()).toBeUndefined()
})
