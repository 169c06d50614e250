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
  /** Whether the account has an authenticator app (动态验证码) bound. */
  hasTotp: boolean
}

/** A restricted session may do this one thing before anything else: bind TOTP, or change an expired password. */
export type SessionRestriction = 'totp_enrollment' | 'password_change' | null

// The contract says clientAddress is a string; the server's schema also allows null.
export type PreviousLogin = { at: string; clientAddress: string | null }

export type LoginResponse = {
  account: Account
  csrfToken: string
  previousLogin: PreviousLogin | null
  restriction: SessionRestriction
}

export type MeResponse = { account: Account; csrfToken: string; restriction: SessionRestriction }

export type TotpEnrollment = { secret: string; uri: string }

export type DemoAccount = {
  loginName: string
  password: string
  displayName: string
  kind: AccountKind
  role: Role | null
  roleLabel: string
  department: string | null
  /** Demo only, administrators only: the TOTP secret and the code of the current 30-second window. */
  totpSecret: string | null
  totpCode: string | null
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

/** 安全策略: the password and session rules the security administrator sets. */
export type SecurityPolicy = {
  passwordMinLength: number
  passwordMinClasses: number
  passwordExpiryDays: number
  passwordHistoryCount: number
  loginMaxFailures: number
  lockoutMinutes: number
  sessionIdleMinutes: number
  singleSessionForStaff: boolean
  totpRequiredForStaff: boolean
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
  departmentsManage: 'identity.departments.manage',
  rolesAssign: 'identity.roles.assign',
  passwordsReset: 'identity.passwords.reset',
  accountsUnlock: 'identity.accounts.unlock',
  securityPolicyManage: 'security.policy.manage',
  totpEnroll: 'auth.totp.enroll',
  passwordChange: 'auth.password.change',
  auditRecordsRead: 'audit.records.read',
  auditChainVerify: 'audit.chain.verify',
  securityAlertsRead: 'audit.alerts.read',
  calendarManage: 'calendar.manage',
  catalogItemsEdit: 'catalog.items.edit',
  catalogItemsPublish: 'catalog.items.publish',
  catalogSynonymsManage: 'catalog.synonyms.manage',
  workflowTasksUse: 'workflow.tasks.use',
  workflowProcessesManage: 'workflow.processes.manage',
  peopleLookUp: 'identity.people.lookup',
  personalDataReveal: 'identity.personal_data.reveal',
  personalDataExport: 'identity.personal_data.export',
  keysRotate: 'security.keys.rotate',
} as const
export type Permission = (typeof Permission)[keyof typeof Permission]

/** 个人信息导出申请: exporting everyone's personal data in clear takes a requester and another approver. */
export const EXPORT_STATUSES = ['pending', 'approved', 'rejected', 'downloaded'] as const
export type ExportStatus = (typeof EXPORT_STATUSES)[number]

export type ExportRequest = {
  id: string
  requestedBy: string
  requesterName: string
  reason: string
  status: ExportStatus
  createdAt: string
}

/** A registered person found by ID number, with the numbers masked. */
export type PersonSummary = { id: string; displayName: string; maskedIdNumber: string; maskedPhone: string | null }

/** The full numbers of a person, given to staff with the reveal permission after they state a reason. */
export type RevealedPerson = { id: string; displayName: string; idNumber: string | null; phone: string | null }

export type KeyStatus = { activeVersion: number; accountsToReencrypt: number }

export type Division = { code: string; name: string; level: number }
