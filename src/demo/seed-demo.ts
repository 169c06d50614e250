import type { AuditService } from '../modules/audit/index.js'
import type { IdentityService } from '../modules/identity/index.js'
import { AdvisoryLock, type Db } from '../platform/db/index.js'
import {
  DEMO_DEPARTMENTS,
  DEMO_DIVISION_CODE,
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  DEMO_STAFF,
} from './demo-organization.js'

/**
 * Seeds the demo county once: departments, staff for every role and a few members of the public.
 * A database that already has departments is left as it is, so restarts keep what users changed.
 */
export async function seedDemoData({
  db,
  identity,
  audit,
}: {
  db: Db
  identity: IdentityService
  audit: AuditService
}) {
  return db.transaction(async (tx) => {
    // Several processes may start at once on one PostgreSQL: one seeds, the others find it done.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AdvisoryLock.demoSeed])
    if ((await identity.countDepartments(tx)) > 0) return { seeded: false }
    const ids = new Map<string, string>()
    // One scrypt hash for every demo account: they share the published demo password anyway.
    const password = { hash: await identity.buildPasswordHash(DEMO_PASSWORD) }
    for (const [index, department] of DEMO_DEPARTMENTS.entries()) {
      const parentId = department.parent ? (ids.get(department.parent) ?? null) : null
      const id = await identity.createDepartment(tx, {
        divisionCode: DEMO_DIVISION_CODE,
        parentId,
        code: department.code,
        name: department.name,
        sortOrder: index,
      })
      ids.set(department.key, id)
    }
    for (const staff of DEMO_STAFF) {
      const accountId = await identity.createAccount(tx, {
        kind: 'staff',
        loginName: staff.loginName,
        displayName: staff.displayName,
        password,
        departmentId: ids.get(staff.department) as string,
        roles: staff.roles,
        phone: staff.phone,
      })
      if (staff.totpSecret) await identity.setTotpSecret(tx, accountId, staff.totpSecret)
    }
    for (const person of DEMO_PEOPLE) {
      await identity.createAccount(tx, {
        kind: 'person',
        loginName: person.loginName,
        displayName: person.name,
        password,
        idNumber: person.idNumber,
        phone: person.phone,
      })
    }
    for (const organization of DEMO_ORGANIZATIONS) {
      await identity.createAccount(tx, {
        kind: 'organization',
        loginName: organization.loginName,
        displayName: organization.name,
        password,
        uscc: organization.uscc,
        phone: organization.phone,
      })
    }
    await audit.record(
      tx,
      { actor: null, clientAddress: null, requestId: null },
      {
        action: 'demo.seed',
        result: 'success',
        details: {
          departments: DEMO_DEPARTMENTS.length,
          staff: DEMO_STAFF.length,
          people: DEMO_PEOPLE.length,
          organizations: DEMO_ORGANIZATIONS.length,
        },
      },
    )
    return { seeded: true }
  })
}
