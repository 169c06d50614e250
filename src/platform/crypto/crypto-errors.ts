// These codes are logged and matched on by operators' alerts, so they never change once shipped.
export const CryptoErrorCode = {
  keyInvalid: 'CRYPTO_KEY_INVALID',
  userIdInvalid: 'CRYPTO_USER_ID_INVALID',
  signatureMalformed: 'CRYPTO_SIGNATURE_MALFORMED',
  masterKeyInvalid: 'CRYPTO_MASTER_KEY_INVALID',
  dataKeyUnwrapFailed: 'CRYPTO_DATA_KEY_UNWRAP_FAILED',
  keyVersionUnknown: 'CRYPTO_KEY_VERSION_UNKNOWN',
  ciphertextInvalid: 'CRYPTO_CIPHERTEXT_INVALID',
} as const
export type CryptoErrorCode = (typeof CryptoErrorCode)[keyof typeof CryptoErrorCode]

/**
 * A failure inside the platform's cryptography. Its message is never shown to API callers (the HTTP layer answers
 * CRYPTO_CIPHERTEXT_INVALID with a Chinese message of its own, anything else as INTERNAL_ERROR), so the message is
 * written for operators and never contains key material or plaintext.
 */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode

  constructor(code: CryptoErrorCode, message: string) {
    super(message)
    this.name = 'CryptoError'
    this.code = code
  }
}
