import { type CipherBinding, CryptoError, CryptoErrorCode } from '../../platform/crypto/index.js'
import type { Db, Transaction } from '../../platform/db/index.js'
import type { JobQueue } from '../../platform/jobs/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import { type AccountCipherColumn, bindAccountField } from './account-ciphers.js'
import * as repo from './identity.repository.js'

const JOB_KIND = 'identity.reencrypt_personal_data'
const BATCH = 200

/** The key ring as key rotation needs it (platform/crypto's KeyRing provides it). */
export type RotatingCipher = {
  encrypt(plaintext: string, binding: CipherBinding): string
  decrypt(ciphertext: string, binding: CipherBinding): string
  rotateKey(): Promise<number>
  activeVersion(): number
  isCurrentCiphertext(ciphertext: string): boolean
  currentCiphertextPrefix(): string
  refusesUnboundFormat(): boolean
  refuseUnboundFormat(tx: Transaction): Promise<void>
}

const SYSTEM_CONTEXT: AuditContext = { actor: null, clientAddress: null, requestId: null }

/**
 * Key rotation without downtime: a new field key encrypts from now on, while a background job re-encrypts the
 * stored personal data batch by batch (old versions keep decrypting until it is done). The same job upgrades values
 * of the first ciphertext format (not bound to their row) to the bound one (ADR 0017); once it has rewritten every
 * account (the only table with field ciphertexts), the key ring refuses the first format from then on.
 */
export function createKeyRotation({
  db,
  cipher,
  audit,
  jobs,
}: {
  db: Db
  cipher: RotatingCipher
  audit: AuditService
  jobs: JobQueue
}) {
  jobs.register(
    JOB_KIND,
    async (_job, tx) => {
      const prefix = `${cipher.currentCiphertextPrefix()}%`
      const stale = await repo.listAccountsWithStaleCiphers(tx, prefix, BATCH)
      let tampered = 0
      let tamperedRows = 0
      for (const row of stale) {
        const tamperedBefore = tampered
        const renew = (value: string | null, column: AccountCipherColumn) => {
          if (!value || cipher.isCurrentCiphertext(value)) return value
          const binding = bindAccountField(row.id, column)
          try {
            return cipher.encrypt(cipher.decrypt(value, binding), binding)
          } catch (error) {
            if (!(error instanceof CryptoError && error.code === CryptoErrorCode.ciphertextInvalid)) throw error
            // Kept as it is for the security administrator to examine (the key ring raised the alert); one
            // tampered value must not stop every other account's re-encryption.
            tampered += 1
            return value
          }
        }
        await repo.updateCiphers(tx, row.id, {
          idNumberCipher: renew(row.id_number_cipher, 'id_number_cipher'),
          phoneCipher: renew(row.phone_cipher, 'phone_cipher'),
          totpSecretCipher: renew(row.totp_secret_cipher, 'totp_secret_cipher'),
          totpPendingCipher: renew(row.totp_pending_cipher, 'totp_pending_cipher'),
        })
        if (tampered > tamperedBefore) tamperedRows += 1
      }
      // A full batch of only tampered rows would be listed again and again: stop there instead.
      if (stale.length === BATCH && tamperedRows < stale.length) {
        await jobs.schedule(tx, { kind: JOB_KIND, payload: {} })
        return
      }
      // The listing reached its end: every value left in the first format is a tampered one, which fails anyway. A
      // saved pre-upgrade copy pasted into a row later must fail too.
      const unboundFormatRefused = stale.length < BATCH && !cipher.refusesUnboundFormat()
      if (unboundFormatRefused) await cipher.refuseUnboundFormat(tx)
      await audit.record(tx, SYSTEM_CONTEXT, {
        action: 'security.keys.reencryption_done',
        result: tampered > 0 ? 'failure' : 'success',
        details: { version: cipher.activeVersion(), tampered, unboundFormatRefused },
      })
    },
    { maxAttempts: 5, backoffMs: 60_000 },
  )

  /** Adds a field key version and starts re-encrypting stored personal data under it. Audited. */
  async function rotateFieldKey(context: AuditContext): Promise<{ version: number }> {
    const version = await cipher.rotateKey()
    await db.transaction(async (tx) => {
      await jobs.schedule(tx, { kind: JOB_KIND, payload: {} })
      await audit.record(tx, context, { action: 'security.keys.rotate', result: 'success', details: { version } })
    })
    return { version }
  }

  /** The active key version and how many accounts still hold data under older versions. */
  async function getKeyStatus(): Promise<{ activeVersion: number; accountsToReencrypt: number }> {
    const accountsToReencrypt = await repo.countAccountsWithStaleCiphers(db, `${cipher.currentCiphertextPrefix()}%`)
    return { activeVersion: cipher.activeVersion(), accountsToReencrypt }
  }

  /**
   * At start: when any account still holds a value under an older key or in the first (unbound) ciphertext format,
   * schedules the re-encryption job (which then refuses the first format). When none does, refuses the first format
   * at once (e.g. a restored backup from before the upgrade whose values were all bound). Returns how many accounts
   * it will rewrite.
   */
  async function scheduleStaleCiphertextUpgrade(): Promise<number> {
    return db.transaction(async (tx) => {
      const stale = await repo.countAccountsWithStaleCiphers(tx, `${cipher.currentCiphertextPrefix()}%`)
      if (stale > 0) await jobs.schedule(tx, { kind: JOB_KIND, payload: {} })
      else if (!cipher.refusesUnboundFormat()) await cipher.refuseUnboundFormat(tx)
      return stale
    })
  }

  return { rotateFieldKey, getKeyStatus, scheduleStaleCiphertextUpgrade }
}
