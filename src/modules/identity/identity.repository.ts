import type { Queryable } from '../../platform/db/index.js'
import type { Role } from './roles.js'

export type AccountKind = 'staff' | 'person' | 'organization'

export type AccountRow = {
  id: string
  kind: AccountKind
  login_name: string
  display_name: string
  password_hash: string
  department_id: string | null
  department_name: string | null
  id_number_cipher: string | null
  phone_cipher: string | null
  uscc: string | null
  status: 'active' | 'disabled' | 'closed'
  failed_login_count: number
  locked_until: Date | null
  last_login_at: Date | null
  last_login_address: string | null
  totp_secret_cipher: string | null
  totp_pending_cipher: string | null
  totp_last_step: number | null
  password_changed_at: Date
  must_change_password: boolean
  enrolment_grant_hash: string | null
  enrolment_grant_expires_at: Date | null
  may_enrol_without_grant: boolean
  roles: Role[]
}

const ACCOUNT_SELECT = `
  SELECT a.id, a.kind, a.login_name, a.display_name, a.password_hash, a.department_id, d.name AS department_name,
         a.id_number_cipher, a.phone_cipher, a.uscc, a.status, a.failed_login_count, a.locked_until,
         a.last_login_at, a.last_login_address, a.totp_secret_cipher, a.totp_pending_cipher, a.totp_last_step,
         a.password_changed_at, a.must_change_password, a.enrolment_grant_hash, a.enrolment_grant_expires_at,
         a.may_enrol_without_grant,
         coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM identity.account_roles r WHERE r.account_id = a.id),
                  '{}') AS roles
    FROM identity.accounts a
    LEFT JOIN identity.departments d ON d.id = a.department_id`

// ---- divisions ----

export type DivisionRow = { code: string; name: string; level: number; parent_code: string | null }

export async function countDivisions(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM identity.divisions')
  return rows[0]?.n ?? 0
}

/** Inserts divisions in one statement; parents must come before children in the list. */
export async function insertDivisions(db: Queryable, divisions: DivisionRow[]): Promise<void> {
  await db.query(
    `INSERT INTO identity.divisions (code, name, level, parent_code)
     SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::text[])
     ON CONFLICT (code) DO NOTHING`,
    [
      divisions.map((d) => d.code),
      divisions.map((d) => d.name),
      divisions.map((d) => d.level),
      divisions.map((d) => d.parent_code),
    ],
  )
}

export async function listDivisions(db: Queryable, parentCode: string | undefined): Promise<DivisionRow[]> {
  const { rows } = parentCode
    ? await db.query<DivisionRow>(
        'SELECT code, name, level, parent_code FROM identity.divisions WHERE parent_code = $1 ORDER BY code',
        [parentCode],
      )
    : await db.query<DivisionRow>(
        'SELECT code, name, level, parent_code FROM identity.divisions WHERE level = 1 ORDER BY code',
      )
  return rows
}

/** The division and its ancestors, from the province down. */
export async function listDivisionPath(db: Queryable, code: string): Promise<DivisionRow[]> {
  const { rows } = await db.query<DivisionRow & { depth: number }>(
    `WITH RECURSIVE path AS (
       SELECT code, name, level, parent_code, 0 AS depth FROM identity.divisions WHERE code = $1
       UNION ALL
       SELECT d.code, d.name, d.level, d.parent_code, p.depth + 1
         FROM identity.divisions d JOIN path p ON d.code = p.parent_code)
     SELECT code, name, level, parent_code, depth FROM path ORDER BY depth DESC`,
    [code],
  )
  return rows
}

// ---- departments ----

export type DepartmentRow = { id: string; parent_id: string | null; code: string; name: string; division_code: string }

export async function insertDepartment(
  db: Queryable,
  department: { divisionCode: string; parentId: string | null; code: string; name: string; sortOrder: number },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO identity.departments (division_code, parent_id, code, name, sort_order)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [department.divisionCode, department.parentId, department.code, department.name, department.sortOrder],
  )
  return (rows[0] as { id: string }).id
}

export async function listDepartments(db: Queryable): Promise<DepartmentRow[]> {
  const { rows } = await db.query<DepartmentRow>(
    'SELECT id, parent_id, code, name, division_code FROM identity.departments ORDER BY sort_order, name',
  )
  return rows
}

export async function findDepartment(db: Queryable, id: string): Promise<DepartmentRow | undefined> {
  const { rows } = await db.query<DepartmentRow>(
    'SELECT id, parent_id, code, name, division_code FROM identity.departments WHERE id = $1',
    [id],
  )
  return rows[0]
}

/** The department and all its descendants: the scope a department-level role may see. */
export async function listDepartmentSubtreeIds(db: Queryable, rootId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `WITH RECURSIVE tree AS (
       SELECT id FROM identity.departments WHERE id = $1
       UNION ALL
       SELECT d.id FROM identity.departments d JOIN tree t ON d.parent_id = t.id)
     SELECT id FROM tree`,
    [rootId],
  )
  return rows.map((row) => row.id)
}

// ---- accounts ----

export type NewAccount = {
  /** Chosen before the insert, because encrypted fields are sealed to their row id (ADR 0017). */
  id: string
  kind: AccountKind
  loginName: string
  displayName: string
  passwordHash: string
  departmentId: string | null
  idNumberCipher: string | null
  idNumberIndex: string | null
  phoneCipher: string | null
  phoneIndex: string | null
  uscc: string | null
  /** A one-time password set by the system: the owner must change it at first login. */
  mustChangePassword?: boolean
}

export async function insertAccount(db: Queryable, account: NewAccount, roles: readonly Role[]): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO identity.accounts (kind, login_name, display_name, password_hash, department_id,
                                    id_number_cipher, id_number_index, phone_cipher, phone_index, uscc,
                                    must_change_password, id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      account.kind,
      account.loginName,
      account.displayName,
      account.passwordHash,
      account.departmentId,
      account.idNumberCipher,
      account.idNumberIndex,
      account.phoneCipher,
      account.phoneIndex,
      account.uscc,
      account.mustChangePassword ?? false,
      account.id,
    ],
  )
  const id = (rows[0] as { id: string }).id
  if (roles.length > 0) {
    await db.query('INSERT INTO identity.account_roles (account_id, role) SELECT $1, unnest($2::text[])', [id, roles])
  }
  return id
}

export async function isLoginNameTaken(db: Queryable, loginName: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM identity.accounts WHERE login_name = $1', [loginName])
  return rows.length > 0
}

export async function isIdNumberRegistered(db: Queryable, idNumberIndex: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM identity.accounts WHERE id_number_index = $1', [idNumberIndex])
  return rows.length > 0
}

export async function isUsccRegistered(db: Queryable, uscc: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM identity.accounts WHERE uscc = $1', [uscc])
  return rows.length > 0
}

/** The account to log in, locked for this transaction so two attempts at once count both failures. */
export async function findAccountForLogin(
  db: Queryable,
  by: { loginName: string } | { idNumberIndex: string },
): Promise<AccountRow | undefined> {
  const [column, value] = 'loginName' in by ? ['login_name', by.loginName] : ['id_number_index', by.idNumberIndex]
  const locked = await db.query<{ id: string }>(`SELECT id FROM identity.accounts WHERE ${column} = $1 FOR UPDATE`, [
    value,
  ])
  const id = locked.rows[0]?.id
  return id ? findAccountById(db, id) : undefined
}

export async function findAccountById(db: Queryable, id: string): Promise<AccountRow | undefined> {
  const { rows } = await db.query<AccountRow>(`${ACCOUNT_SELECT} WHERE a.id = $1`, [id])
  return rows[0]
}

export async function findAccountByIdNumberIndex(
  db: Queryable,
  idNumberIndex: string,
): Promise<AccountRow | undefined> {
  const { rows } = await db.query<AccountRow>(`${ACCOUNT_SELECT} WHERE a.id_number_index = $1`, [idNumberIndex])
  return rows[0]
}

export async function findAccountByUscc(db: Queryable, uscc: string): Promise<AccountRow | undefined> {
  const { rows } = await db.query<AccountRow>(`${ACCOUNT_SELECT} WHERE a.uscc = $1`, [uscc])
  return rows[0]
}

export async function recordLoginFailure(db: Queryable, id: string, failures: number, lockedUntil: Date | null) {
  await db.query('UPDATE identity.accounts SET failed_login_count = $2, locked_until = $3 WHERE id = $1', [
    id,
    failures,
    lockedUntil,
  ])
}

export async function recordLoginSuccess(db: Queryable, id: string, at: Date, address: string | null) {
  await db.query(
    `UPDATE identity.accounts
        SET failed_login_count = 0, locked_until = NULL, last_login_at = $2, last_login_address = $3
      WHERE id = $1`,
    [id, at, address],
  )
}

/** Staff, optionally only those in the given departments (the caller's scope, enforced here in SQL). */
export async function listStaff(db: Queryable, departmentIds: string[] | null): Promise<AccountRow[]> {
  const { rows } = departmentIds
    ? await db.query<AccountRow>(
        `${ACCOUNT_SELECT} WHERE a.kind = 'staff' AND a.department_id = ANY($1::uuid[]) ORDER BY d.name, a.display_name`,
        [departmentIds],
      )
    : await db.query<AccountRow>(`${ACCOUNT_SELECT} WHERE a.kind = 'staff' ORDER BY d.name, a.display_name`)
  return rows
}

export async function setAccountStatus(db: Queryable, id: string, status: 'active' | 'disabled'): Promise<void> {
  await db.query('UPDATE identity.accounts SET status = $2 WHERE id = $1', [id, status])
}

/** Replaces the roles of a staff account. */
export async function replaceRoles(db: Queryable, id: string, roles: readonly Role[]): Promise<void> {
  await db.query('DELETE FROM identity.account_roles WHERE account_id = $1', [id])
  if (roles.length > 0) {
    await db.query('INSERT INTO identity.account_roles (account_id, role) SELECT $1, unnest($2::text[])', [id, roles])
  }
}

/** Locks an account row for the rest of the transaction (role changes, password changes). */
export async function lockAccount(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM identity.accounts WHERE id = $1 FOR UPDATE', [id])
  return rows.length > 0
}

/**
 * Locks every active account holding the role (in id order, so two callers cannot deadlock) and answers how many
 * there are. The count is a second statement: under READ COMMITTED it sees what a transaction that held the locks
 * before us committed, such as a demotion of the other holder.
 */
export async function lockActiveHolders(db: Queryable, role: Role): Promise<string[]> {
  await db.query(
    `SELECT a.id FROM identity.accounts a
      WHERE a.status = 'active' AND a.id IN (SELECT account_id FROM identity.account_roles WHERE role = $1)
      ORDER BY a.id FOR UPDATE OF a`,
    [role],
  )
  const { rows } = await db.query<{ id: string }>(
    `SELECT a.id FROM identity.accounts a JOIN identity.account_roles r ON r.account_id = a.id
      WHERE r.role = $1 AND a.status = 'active'`,
    [role],
  )
  return rows.map((row) => row.id)
}

/** Clears a lockout (security administrator). */
export async function unlockAccount(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE identity.accounts SET failed_login_count = 0, locked_until = NULL WHERE id = $1', [id])
}

/** Clears the second factor and leaves a grant code (by its hash) that the new holder enrols a new one with. */
export async function setEnrolmentGrant(db: Queryable, id: string, grantHash: string, expiresAt: Date): Promise<void> {
  await db.query(
    `UPDATE identity.accounts
        SET totp_secret_cipher = NULL, totp_pending_cipher = NULL, totp_last_step = NULL,
            enrolment_grant_hash = $2, enrolment_grant_expires_at = $3
      WHERE id = $1`,
    [id, grantHash, expiresAt],
  )
}

/** Lets the first system administrator (who proved themselves with the setup token) enrol without a grant code. */
export async function allowEnrolmentWithoutGrant(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE identity.accounts SET may_enrol_without_grant = true WHERE id = $1', [id])
}

export type AdminNetworkRow = { cidr: string; description: string }

export async function listAdminNetworks(db: Queryable): Promise<AdminNetworkRow[]> {
  const { rows } = await db.query<AdminNetworkRow>(
    'SELECT cidr, description FROM identity.admin_networks ORDER BY created_at, cidr',
  )
  return rows
}

export async function replaceAdminNetworks(
  db: Queryable,
  networks: readonly AdminNetworkRow[],
  createdBy: string,
): Promise<void> {
  await db.query('DELETE FROM identity.admin_networks')
  if (networks.length === 0) return
  await db.query(
    `INSERT INTO identity.admin_networks (cidr, description, created_by)
     SELECT unnest($1::text[]), unnest($2::text[]), $3`,
    [networks.map((network) => network.cidr), networks.map((network) => network.description), createdBy],
  )
}

export async function setTotpSecret(db: Queryable, accountId: string, cipher: string): Promise<void> {
  await db.query('UPDATE identity.accounts SET totp_secret_cipher = $2 WHERE id = $1', [accountId, cipher])
}

export async function hasAccountWithRole(db: Queryable, role: Role): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM identity.account_roles WHERE role = $1 LIMIT 1', [role])
  return rows.length > 0
}

export async function expireSetupTokens(db: Queryable): Promise<void> {
  await db.query('UPDATE identity.setup_tokens SET expires_at = now() WHERE used_at IS NULL AND expires_at > now()')
}

export async function insertSetupToken(db: Queryable, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.query('INSERT INTO identity.setup_tokens (token_hash, expires_at) VALUES ($1, $2)', [tokenHash, expiresAt])
}

/** The hash of the one token that may still be used, locked for this transaction. */
export async function findUsableSetupToken(db: Queryable): Promise<string | undefined> {
  const { rows } = await db.query<{ token_hash: string }>(
    `SELECT token_hash FROM identity.setup_tokens
      WHERE used_at IS NULL AND expires_at > now() ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
  )
  return rows[0]?.token_hash
}

export async function spendSetupToken(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('UPDATE identity.setup_tokens SET used_at = now() WHERE token_hash = $1', [tokenHash])
}

/** Erases what closing may erase; the name, the encrypted ID number and the USCC stay for the archives. */
export async function closeAccount(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE identity.accounts
        SET status = 'closed', closed_at = now(), login_name = 'closed-' || id::text, password_hash = '!',
            phone_cipher = NULL, phone_index = NULL, totp_secret_cipher = NULL, totp_pending_cipher = NULL,
            last_login_address = NULL
      WHERE id = $1`,
    [id],
  )
}

const STALE_CIPHER_CONDITION = `(id_number_cipher NOT LIKE $1 OR phone_cipher NOT LIKE $1
   OR totp_secret_cipher NOT LIKE $1 OR totp_pending_cipher NOT LIKE $1)`

/** Accounts with a ciphertext not under the current key (its prefix given as a LIKE pattern), locked. */
export async function listAccountsWithStaleCiphers(db: Queryable, currentPrefix: string, limit: number) {
  const { rows } = await db.query<{
    id: string
    id_number_cipher: string | null
    phone_cipher: string | null
    totp_secret_cipher: string | null
    totp_pending_cipher: string | null
  }>(
    `SELECT id, id_number_cipher, phone_cipher, totp_secret_cipher, totp_pending_cipher FROM identity.accounts
      WHERE ${STALE_CIPHER_CONDITION} ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [currentPrefix, limit],
  )
  return rows
}

export async function countAccountsWithStaleCiphers(db: Queryable, currentPrefix: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM identity.accounts WHERE ${STALE_CIPHER_CONDITION}`,
    [currentPrefix],
  )
  return rows[0]?.n ?? 0
}

export async function updateCiphers(
  db: Queryable,
  id: string,
  ciphers: {
    idNumberCipher: string | null
    phoneCipher: string | null
    totpSecretCipher: string | null
    totpPendingCipher: string | null
  },
): Promise<void> {
  await db.query(
    `UPDATE identity.accounts SET id_number_cipher = $2, phone_cipher = $3, totp_secret_cipher = $4,
            totp_pending_cipher = $5 WHERE id = $1`,
    [id, ciphers.idNumberCipher, ciphers.phoneCipher, ciphers.totpSecretCipher, ciphers.totpPendingCipher],
  )
}

export type ExportRequestRow = {
  id: string
  requested_by: string
  requester_name: string
  reason: string
  status: 'pending' | 'approved' | 'rejected' | 'downloaded'
  decided_by: string | null
  created_at: Date
}

const EXPORT_SELECT = `SELECT e.id, e.requested_by, a.display_name AS requester_name, e.reason, e.status, e.decided_by,
  e.created_at FROM identity.export_requests e JOIN identity.accounts a ON a.id = e.requested_by`

export async function insertExportRequest(db: Queryable, requestedBy: string, reason: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO identity.export_requests (requested_by, reason) VALUES ($1, $2) RETURNING id',
    [requestedBy, reason],
  )
  return (rows[0] as { id: string }).id
}

export async function findExportRequest(db: Queryable, id: string, options: { lock?: boolean } = {}) {
  if (options.lock) await db.query('SELECT 1 FROM identity.export_requests WHERE id = $1 FOR UPDATE', [id])
  const { rows } = await db.query<ExportRequestRow>(`${EXPORT_SELECT} WHERE e.id = $1`, [id])
  return rows[0]
}

export async function listExportRequests(db: Queryable): Promise<ExportRequestRow[]> {
  const { rows } = await db.query<ExportRequestRow>(`${EXPORT_SELECT} ORDER BY e.created_at DESC LIMIT 100`)
  return rows
}

export async function decideExportRequest(
  db: Queryable,
  id: string,
  status: 'approved' | 'rejected',
  decidedBy: string,
) {
  await db.query('UPDATE identity.export_requests SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1', [
    id,
    status,
    decidedBy,
  ])
}

export async function markExportDownloaded(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE identity.export_requests SET status = 'downloaded', downloaded_at = now() WHERE id = $1`, [id])
}

export async function listPeopleForExport(db: Queryable) {
  const { rows } = await db.query<{
    id: string
    display_name: string
    id_number_cipher: string | null
    phone_cipher: string | null
    created_at: Date
  }>(
    `SELECT id, display_name, id_number_cipher, phone_cipher, created_at FROM identity.accounts
      WHERE kind = 'person' AND status = 'active' ORDER BY created_at`,
  )
  return rows
}
