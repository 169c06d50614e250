import type { Role } from '../../../web/kit/types.js'

/** 三员: each must be held alone (the server refuses any combination with IDENTITY_ROLE_SEPARATION). */
export const ADMINISTRATOR_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin']

/** The roles of the centre's daily work, which may be combined. */
export const BUSINESS_ROLES: readonly Role[] = [
  'window_clerk',
  'department_reviewer',
  'department_leader',
  'centre_manager',
]
