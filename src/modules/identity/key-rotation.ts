import type { Db } from '../../platform/db/index.js'
import type { JobQueue } from '../../platform/jobs/index.js'
import type { AuditContext, AuditService } from '../audit/index.js'
import * as repo from './identity.repository.js'

const JOB_KIND = 'identity.reencrypt_personal_data'
const BATCH = 200

/** The key ring as key rotation needs it (platform/crypto's KeyRing provides it). */
export type RotatingCipher = {
  encrypt(plaintext: string): string
  decrypt(ciphertext: string): string
  rotateKey(): Promise<number>
  activeVersion(): number
  isCurrentCiphertext(ciphertext: string): boolean
}

const SYSTEM_CONTEXT: AuditContext = { actor: null, clientAddress: null, requestId: null }

/**
 * Key rotation without downtime: a new field key encrypts from now on, while a background job re-encrypts the
 * stored personal data batch by batch (old versions keep decrypting until it is done).
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
      const prefix = `sm4:v${cipher.activeVersion()}:%`
      const stale = await repo.listAccountsWithStaleCiphers(tx, prefix, BATCH)
      for (const row of stale) {
        const renew = (value: string | null) =>
          value && !cipher.isCurrentCiphertext(value) ? cipher.encrypt(cipher.decrypt(value)) : value
        await repo.updateCiphers(tx, row.id, {
          idNumberCipher: renew(row.id_number_cipher),
          phoneCipher: renew(row.phone_cipher),
          totpSecretCipher: renew(row.totp_secret_cipher),
          totpPendingCipher: renew(row.totp_pending_cipher),
        })
      }
      if (stale.length === BATCH) {
        await jobs.schedule(tx, { kind: JOB_KIND, payload: {} })
        return
      }
      await audit.record(tx, SYSTEM_CONTEXT, {
        action: 'security.keys.reencryption_done',
        result: 'success',
        details: { version: cipher.activeVersion() },
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
    const accountsToReencrypt = await repo.countAccountsWithStaleCiphers(db, `sm4:v${cipher.activeVersion()}:%`)
    return { activeVersion: cipher.activeVersion(), accountsToReencrypt }
  }

  return { rotateFieldKey, getKeyStatus }
}
