import type { Queryable } from '../../platform/db/index.js'
import type { Actor, IdentityService } from '../identity/index.js'
import { Role } from '../identity/index.js'
import { evaluateExpression, isExpressionText } from './expression.js'
import { type AssigneeRule, type KnownNames, UNMAPPED_ROLE_PREFIX } from './process-model.js'
import type { Assignment, AssignmentContext } from './token-engine.js'

export type DirectoryStaff = {
  id: string
  loginName: string
  displayName: string
  departmentId: string | null
  roles: string[]
}
export type DirectoryDepartment = { id: string; code: string; name: string; parentId: string | null }

/**
 * Staff and departments as the workflow needs them, read through identity's public service and cached briefly.
 * Inside a transaction pass it as `q`: when the cache has expired the directory is read through it, never through
 * the database itself (on the embedded engine that would wait forever for the transaction).
 */
export type WorkflowDirectory = {
  load(q?: Queryable): Promise<{ staff: DirectoryStaff[]; departments: DirectoryDepartment[] }>
  knownNames(): Promise<KnownNames>
  findStaff(loginName: string): Promise<DirectoryStaff | undefined>
  findStaffById(id: string): Promise<DirectoryStaff | undefined>
  findDepartmentByCode(code: string, q?: Queryable): Promise<DirectoryDepartment | undefined>
  /** The department and every department above it: a sub-department's staff work their parent's tasks. */
  listDepartmentAndAncestors(departmentId: string | null, q?: Queryable): Promise<string[]>
  resolveAssignment(rule: AssigneeRule | undefined, context: AssignmentContext, q?: Queryable): Promise<Assignment>
}

const CACHE_MS = 30_000

// The directory reads every department's staff, so it asks identity as a centre-wide reader; it never acts.
const DIRECTORY_READER = {
  id: '00000000-0000-0000-0000-000000000000',
  sessionId: 'workflow-directory',
  csrfToken: '',
  permissions: new Set<string>(),
  kind: 'staff',
  loginName: 'workflow-directory',
  displayName: '流程引擎',
  roles: [Role.centreManager],
  departmentId: null,
  departmentName: null,
} as unknown as Actor

export function createWorkflowDirectory(identity: Pick<IdentityService, 'listStaff' | 'getDepartmentDirectory'>) {
  let cached: { at: number; staff: DirectoryStaff[]; departments: DirectoryDepartment[] } | undefined

  async function load(q?: Queryable) {
    if (cached && Date.now() - cached.at < CACHE_MS) return cached
    // One after the other: a transaction runs one statement at a time anyway.
    const staffRows = await identity.listStaff(DIRECTORY_READER, undefined, q)
    const directory = await identity.getDepartmentDirectory(q)
    const departments: DirectoryDepartment[] = []
    const walk = (
      nodes: { id: string; code: string; name: string; children: unknown[] }[],
      parentId: string | null,
    ) => {
      for (const node of nodes) {
        departments.push({ id: node.id, code: node.code, name: node.name, parentId })
        walk(node.children as typeof nodes, node.id)
      }
    }
    walk(directory.departments, null)
    const staff = staffRows
      .filter((row) => row.status !== 'disabled')
      .map((row) => ({
        id: row.id,
        loginName: row.loginName,
        displayName: row.displayName,
        departmentId: row.department?.id ?? null,
        roles: [...row.roles],
      }))
    cached = { at: Date.now(), staff, departments }
    return cached
  }

  async function findDepartmentByCode(code: string, q?: Queryable) {
    return (await load(q)).departments.find((department) => department.code === code)
  }

  async function listDepartmentAndAncestors(departmentId: string | null, q?: Queryable): Promise<string[]> {
    if (!departmentId) return []
    const { departments } = await load(q)
    const ids: string[] = []
    let current = departments.find((department) => department.id === departmentId)
    while (current && !ids.includes(current.id)) {
      ids.push(current.id)
      current = departments.find((department) => department.id === current?.parentId)
    }
    return ids.length > 0 ? ids : [departmentId]
  }

  function read(text: string, variables: Record<string, unknown>): string {
    return isExpressionText(text) ? String(evaluateExpression(text, variables) ?? '') : text
  }

  async function leadDepartmentId(context: AssignmentContext, q: Queryable | undefined): Promise<string | null> {
    if (context.leadDepartmentId) return context.leadDepartmentId
    const code = (context.variables.leadDepartmentCode as string | undefined) ?? context.leadDepartmentCode
    return code ? ((await findDepartmentByCode(code, q))?.id ?? null) : null
  }

  async function resolveAssignment(
    rule: AssigneeRule | undefined,
    context: AssignmentContext,
    q?: Queryable,
  ): Promise<Assignment> {
    const nobody: Assignment = { assigneeId: null, departmentId: await leadDepartmentId(context, q), role: null }
    if (!rule) return nobody
    const { staff, departments } = await load(q)
    // Maps to nobody: a candidate role no staff member holds, so nobody can claim or complete the task until a
    // centre manager assigns it (never "anyone may claim it").
    const unmapped = (what: 'group' | 'user', name: string): Assignment => ({
      assigneeId: null,
      departmentId: null,
      role: `${UNMAPPED_ROLE_PREFIX}${what}:${name}`,
    })
    switch (rule.kind) {
      case 'unmapped':
        return unmapped(rule.what, rule.name)
      case 'user': {
        const loginName = read(rule.user, context.variables).toLowerCase()
        const person = staff.find((entry) => entry.loginName === loginName)
        return person
          ? { assigneeId: person.id, departmentId: person.departmentId, role: null }
          : unmapped('user', loginName || rule.user)
      }
      case 'department-role': {
        const code = read(rule.department, context.variables)
        const department = departments.find((entry) => entry.code === code || entry.id === code)
        // A group expression may also name a role (candidateGroups="${group}").
        if (!department && Object.values(Role).includes(code as Role) && !rule.role) {
          return { assigneeId: null, departmentId: null, role: code }
        }
        if (!department) return unmapped('group', code || rule.department)
        return { assigneeId: null, departmentId: department.id, role: rule.role ?? null }
      }
      case 'lead-department':
        return { ...nobody, role: rule.role ?? null }
      case 'role':
        return { assigneeId: null, departmentId: null, role: rule.role }
      case 'previous-leader': {
        const previous = staff.find((entry) => entry.id === context.previousActorId)
        const chain = await listDepartmentAndAncestors(previous?.departmentId ?? null, q)
        for (const departmentId of chain) {
          const leader = staff.find(
            (entry) => entry.departmentId === departmentId && entry.roles.includes(Role.departmentLeader),
          )
          if (leader) return { assigneeId: leader.id, departmentId: leader.departmentId, role: null }
        }
        return {
          assigneeId: null,
          departmentId: previous?.departmentId ?? nobody.departmentId,
          role: Role.departmentLeader,
        }
      }
    }
  }

  return {
    load,
    async knownNames(): Promise<KnownNames> {
      const { staff, departments } = await load()
      return {
        loginNames: new Set(staff.map((entry) => entry.loginName)),
        departmentCodes: new Set(departments.map((entry) => entry.code)),
        roles: new Set(Object.values(Role)),
      }
    },
    findStaff: async (loginName: string) =>
      (await load()).staff.find((entry) => entry.loginName === loginName.toLowerCase()),
    findStaffById: async (id: string) => (await load()).staff.find((entry) => entry.id === id),
    findDepartmentByCode,
    listDepartmentAndAncestors,
    resolveAssignment,
  } satisfies WorkflowDirectory
}
