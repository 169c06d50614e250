/** Staff roles. The codes are stored in the database and in audit records: never rename one. */
export const Role = {
  windowClerk: 'window_clerk',
  departmentReviewer: 'department_reviewer',
  departmentLeader: 'department_leader',
  centreManager: 'centre_manager',
  systemAdmin: 'system_admin',
  securityAdmin: 'security_admin',
  auditAdmin: 'audit_admin',
} as const
export type Role = (typeof Role)[keyof typeof Role]
export const ROLES: readonly Role[] = Object.values(Role)

export const ROLE_LABELS: Record<Role, string> = {
  window_clerk: '窗口工作人员',
  department_reviewer: '部门审核人员',
  department_leader: '部门负责人',
  centre_manager: '中心管理人员',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
}

/** 三员分离: each of these must be held alone, with no second administrator or business role beside it. */
export const ADMINISTRATOR_ROLES: readonly Role[] = [Role.systemAdmin, Role.securityAdmin, Role.auditAdmin]

export const Permission = {
  useWorkbench: 'workbench.use',
  readStaff: 'identity.staff.read',
  manageStaff: 'identity.staff.manage',
  readDepartments: 'identity.departments.read',
  lookUpPeople: 'identity.people.lookup',
  revealPersonalData: 'identity.personal_data.reveal',
  exportPersonalData: 'identity.personal_data.export',
  readAuditRecords: 'audit.records.read',
  verifyAuditChain: 'audit.chain.verify',
  exportAuditRecords: 'audit.records.export',
  readSecurityAlerts: 'audit.alerts.read',
  acknowledgeSecurityAlerts: 'audit.alerts.acknowledge',
  usePortalAccount: 'portal.account.use',
  manageDepartments: 'identity.departments.manage',
  assignRoles: 'identity.roles.assign',
  resetPasswords: 'identity.passwords.reset',
  unlockAccounts: 'identity.accounts.unlock',
  manageSecurityPolicy: 'security.policy.manage',
  rotateKeys: 'security.keys.rotate',
  enrollTotp: 'auth.totp.enroll',
  changeOwnPassword: 'auth.password.change',
  manageCalendar: 'calendar.manage',
  editCatalogItems: 'catalog.items.edit',
  publishCatalogItems: 'catalog.items.publish',
  manageCatalogSynonyms: 'catalog.synonyms.manage',
  useWorkflowTasks: 'workflow.tasks.use',
  manageWorkflowProcesses: 'workflow.processes.manage',
  handleCases: 'cases.handle',
  registerWindowCases: 'cases.window.register',
  decideCases: 'cases.decide',
  manageCommonOpinions: 'cases.opinions.manage',
  superviseCases: 'cases.supervise',
} as const
export type Permission = (typeof Permission)[keyof typeof Permission]

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  window_clerk: [
    Permission.useWorkbench,
    Permission.lookUpPeople,
    Permission.revealPersonalData,
    Permission.useWorkflowTasks,
    Permission.handleCases,
    Permission.registerWindowCases,
  ],
  department_reviewer: [
    Permission.useWorkbench,
    Permission.lookUpPeople,
    Permission.editCatalogItems,
    Permission.useWorkflowTasks,
    Permission.handleCases,
  ],
  department_leader: [
    Permission.useWorkbench,
    Permission.lookUpPeople,
    Permission.readStaff,
    Permission.readDepartments,
    Permission.editCatalogItems,
    Permission.useWorkflowTasks,
    Permission.handleCases,
    Permission.decideCases,
    Permission.manageCommonOpinions,
  ],
  centre_manager: [
    Permission.useWorkbench,
    Permission.lookUpPeople,
    Permission.readStaff,
    Permission.readDepartments,
    Permission.manageCalendar,
    Permission.editCatalogItems,
    Permission.publishCatalogItems,
    Permission.manageCatalogSynonyms,
    Permission.useWorkflowTasks,
    Permission.manageWorkflowProcesses,
    Permission.exportPersonalData,
    Permission.handleCases,
    Permission.superviseCases,
  ],
  system_admin: [
    Permission.useWorkbench,
    Permission.readStaff,
    Permission.manageStaff,
    Permission.readDepartments,
    Permission.manageDepartments,
    Permission.resetPasswords,
  ],
  security_admin: [
    Permission.useWorkbench,
    Permission.readStaff,
    Permission.readDepartments,
    Permission.assignRoles,
    Permission.unlockAccounts,
    Permission.manageSecurityPolicy,
    Permission.rotateKeys,
    Permission.readSecurityAlerts,
    Permission.acknowledgeSecurityAlerts,
  ],
  audit_admin: [
    Permission.useWorkbench,
    Permission.readAuditRecords,
    Permission.verifyAuditChain,
    Permission.exportAuditRecords,
    Permission.readSecurityAlerts,
    Permission.acknowledgeSecurityAlerts,
  ],
}

/** Roles that see staff of every department; the others see their own department and its sub-departments. */
const CENTRE_WIDE_ROLES: readonly Role[] = [Role.centreManager, Role.systemAdmin, Role.securityAdmin]

/** The permissions an account has through its roles (public accounts: their portal account only). */
export function listPermissions(kind: 'staff' | 'person' | 'organization', roles: readonly Role[]): string[] {
  const own = [Permission.enrollTotp, Permission.changeOwnPassword]
  if (kind !== 'staff') return [Permission.usePortalAccount, Permission.changeOwnPassword]
  return [...new Set([...roles.flatMap((role) => ROLE_PERMISSIONS[role]), ...own])]
}

/** True when one of the roles is an administrator role (second factor, short idle limit, address allow-list). */
export function isAdministrator(roles: readonly Role[]): boolean {
  return roles.some((role) => ADMINISTRATOR_ROLES.includes(role))
}

/** True when the roles may see every department's staff. */
export function isCentreWide(roles: readonly Role[]): boolean {
  return roles.some((role) => CENTRE_WIDE_ROLES.includes(role))
}

/** The reason a set of roles breaks three-role separation (Chinese), or undefined. */
export function findSeparationConflict(roles: readonly Role[]): string | undefined {
  const administrator = roles.find((role) => ADMINISTRATOR_ROLES.includes(role))
  if (administrator && roles.length > 1) {
    return `${ROLE_LABELS[administrator]}须单独设立账户，不能兼任其他角色（三员分离）`
  }
  return undefined
}
