import type { TestApp } from '../../test-support/test-app.js'
import type { Actor } from '../identity/index.js'

/** The service-level actor of a demo staff member, for tests that drive the services directly. */
export async function actorFor(app: TestApp, loginName: string): Promise<Actor> {
  const staff = await app.services.workflow.directory.findStaff(loginName)
  if (!staff) throw new Error(`no staff ${loginName}`)
  return {
    id: staff.id,
    sessionId: 'test',
    csrfToken: 'test',
    permissions: new Set<string>(),
    kind: 'staff',
    loginName: staff.loginName,
    displayName: staff.displayName,
    roles: staff.roles,
    departmentId: staff.departmentId,
    departmentName: null,
  } as unknown as Actor
}

export const TEST_CONTEXT = { actor: null, clientAddress: null, requestId: null }
