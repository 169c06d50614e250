import { type CipherBinding, CryptoError, CryptoErrorCode } from '../../platform/crypto/index.js'

/**
 * The encrypted columns of identity.accounts. Table, column and row id are sealed into each ciphertext (ADR 0017),
 * so these names are stored data: renaming one needs a re-encryption of that column.
 */
export type AccountCipherColumn = 'id_number_cipher' | 'phone_cipher' | 'totp_secret_cipher' | 'totp_pending_cipher'

/** Where an account's encrypted field belongs: a copy in another row or column fails its integrity check. */
export function bindAccountField(accountId: string, column: AccountCipherColumn): CipherBinding {
  return { table: 'identity.accounts', column, rowId: accountId }
}

/**
 * The plaintext, or null when the stored value failed its integrity check (the key ring has already raised the
 * alert). For display only: a login must not fail because a field it merely shows masked was tampered with.
 */
export function decryptForDisplay(
  cipher: { decrypt(ciphertext: string, binding: CipherBinding): string },
  ciphertext: string,
  binding: CipherBinding,
): string | null {
  try {
    return cipher.decrypt(ciphertext, binding)
  } catch (error) {
    if (error instanceof CryptoError && error.code === CryptoErrorCode.ciphertextInvalid) return null
    throw error
  }
}
