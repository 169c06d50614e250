// The API shapes the web app reads; they mirror the server's contract.

export const ROLE_CODES = [
  'window_clerk',
  'department_reviewer',
  'department_leader',
  'centre_manager',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const
export type Role = (typeof ROLE_CODES)[number]

export const ACCOUNT_KINDS = ['staff', 'person', 'organization'] as const
export type AccountKind = (typeof ACCOUNT_KINDS)[number]

export type Account = {
  id: string
  kind: AccountKind
  loginName: string
  displayName: string
  roles: Role[]
  department: { id: string; name: string } | null
  permissions: string[]
  maskedIdNumber: string | null
  maskedPhone: string | null
  uscc: string | null
  lastLoginAt: string | null
}

export type PreviousLogin = { at: string; clientAddress: string }

export type LoginResponse = { account: Account; csrfToken: string; previousLogin: PreviousLogin | null }

export type MeResponse = { account: Account; csrfToken: string }

export type DemoAccount = {
  loginName: string
  password: string
  displayName: string
  kind: AccountKind
  role: Role | null
  roleLabel: string
  department: string | null
}

export type Department = { id: string; code: string; name: string; children: Department[] }

export type DepartmentsResponse = {
  division: { code: string; name: string; fullName: string }
  departments: Department[]
}

export const STAFF_STATUSES = ['active', 'locked', 'disabled'] as const
export type StaffStatus = (typeof STAFF_STATUSES)[number]

export type StaffMember = {
  id: string
  loginName: string
  displayName: string
  roles: Role[]
  department: { id: string; name: string } | null
  status: StaffStatus
  lastLoginAt: string | null
}

export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const
export type AuditResult = (typeof AUDIT_RESULTS)[number]

export type AuditRecord = {
  seq: number
  occurredAt: string
  actorName: string | null
  roles: string[]
  departmentName: string | null
  action: string
  target: string | null
  result: AuditResult
  clientAddress: string | null
  requestId: string | null
}

export type AuditRecordsResponse = { total: number; records: AuditRecord[] }

export type AuditVerification = {
  intact: boolean
  checked: number
  firstBroken: { seq: number; reason: string } | null
}

/** Permission codes the web app checks; the server enforces them again on every call. */
export const Permission = {
  workbenchUse: 'workbench.use',
  staffRead: 'identity.staff.read',
  staffManage: 'identity.staff.manage',
  departmentsRead: 'identity.departments.read',
  auditRecordsRead: 'audit.records.read',
  auditChainVerify: 'audit.chain.verify',
} as const
export type Permission = (typeof Permission)[keyof typeof Permission]
