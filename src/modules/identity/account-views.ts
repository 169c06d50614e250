import type { CipherBinding } from '../../platform/crypto/index.js'
import type { AuditActor } from '../audit/index.js'
import { bindAccountField, decryptForDisplay } from './account-ciphers.js'
import { maskIdNumber } from './id-number.js'
import type { AccountRow } from './identity.repository.js'
import type { Account } from './identity.schemas.js'
import { listPermissions } from './roles.js'

/** Decrypts personal data for display; provided by platform/crypto's key ring. */
export type PersonalDataCipher = {
  encrypt(plaintext: string, binding: CipherBinding): string
  decrypt(ciphertext: string, binding: CipherBinding): string
  blindIndex(value: string): string
}

/** 138****5678: enough to recognise one's own number, not enough to use someone else's. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

/** The audit snapshot of an account. */
export function toAuditActor(account: AccountRow): AuditActor {
  return {
    accountId: account.id,
    displayName: account.display_name,
    roles: account.roles,
    departmentId: account.department_id,
    departmentName: account.department_name,
  }
}

/** The account as the pages show it: personal data masked, never in clear. */
export function toAccount(row: AccountRow, cipher: PersonalDataCipher): Account {
  // A tampered field shows as absent (and is alerted) rather than stopping the login that shows it.
  const idNumber = row.id_number_cipher
    ? decryptForDisplay(cipher, row.id_number_cipher, bindAccountField(row.id, 'id_number_cipher'))
    : null
  const phone = row.phone_cipher
    ? decryptForDisplay(cipher, row.phone_cipher, bindAccountField(row.id, 'phone_cipher'))
    : null
  return {
    id: row.id,
    kind: row.kind,
    loginName: row.login_name,
    displayName: row.display_name,
    roles: row.roles,
    department: row.department_id ? { id: row.department_id, name: row.department_name ?? '' } : null,
    permissions: listPermissions(row.kind, row.roles),
    maskedIdNumber: idNumber ? maskIdNumber(idNumber) : null,
    maskedPhone: phone ? maskPhone(phone) : null,
    uscc: row.uscc,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    hasTotp: row.totp_secret_cipher !== null,
  }
}
