import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Queryable } from '../db/index.js'
import { CryptoError, CryptoErrorCode } from './crypto-errors.js'

const MASTER_KEY_BYTES = 32
const MASTER_KEY_HEX = /^[0-9a-fA-F]{64}$/

export type LoadMasterKeyOptions = {
  /** 64 hex digits, typically from TONGBAN_MASTER_KEY; when set, the file is not read. */
  masterKeyHex?: string
  masterKeyFile: string
  /** Create the file with a fresh random key when it is missing (first start of a single-node install). */
  createIfMissing: boolean
  /**
   * What is already encrypted under a master key (see describeDataUnderMasterKey): a missing key file is then
   * refused with this, never replaced by a new key.
   */
  existingData?: string | undefined
}

/** Where a data directory keeps its master key file. */
export function buildMasterKeyPath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'master.key')
}

function fail(message: string): never {
  throw new CryptoError(CryptoErrorCode.masterKeyInvalid, message)
}

function parseHex(hex: string, source: string): Buffer {
  const trimmed = hex.trim()
  if (!MASTER_KEY_HEX.test(trimmed)) {
    fail(`${source} must be 64 hex digits (32 bytes), got ${trimmed.length} characters`)
  }
  return Buffer.from(trimmed, 'hex')
}

function createMasterKeyFile(file: string): void {
  // 0700/0600: only the service account may read the key that unwraps every data key.
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  // Write aside, then link into place: the link is atomic and fails if another process got there first,
  // so nobody ever reads a half-written key and the first writer's key wins.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    writeFileSync(draft, `${randomBytes(MASTER_KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
    linkSync(draft, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      fail(`cannot create master key file ${file}: ${(error as Error).message}`)
    }
  } finally {
    rmSync(draft, { force: true })
  }
}

/**
 * The 32-byte master key, from hex if given, otherwise from `masterKeyFile` (created 0600 when missing and
 * allowed); throws CRYPTO_MASTER_KEY_INVALID with a one-line reason.
 */
export function loadMasterKey({
  masterKeyHex,
  masterKeyFile,
  createIfMissing,
  existingData,
}: LoadMasterKeyOptions): Buffer {
  if (masterKeyHex !== undefined && masterKeyHex !== '') return parseHex(masterKeyHex, 'master key hex')
  let text: string
  try {
    text = readFileSync(masterKeyFile, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') fail(`cannot read master key file ${masterKeyFile}: ${code ?? (error as Error).message}`)
    if (existingData !== undefined) {
      // A new random key would not open what the old one wrapped: the data would be lost, so stop and say so.
      fail(
        `master key file ${masterKeyFile} is missing but ${existingData}: put the original key file back (or set ` +
          'TONGBAN_MASTER_KEY); no new key is created',
      )
    }
    if (!createIfMissing) fail(`master key file ${masterKeyFile} does not exist and creating it is not allowed`)
    createMasterKeyFile(masterKeyFile)
    text = readFileSync(masterKeyFile, 'utf8')
  }
  return parseHex(text, `master key file ${masterKeyFile}`)
}

/** What the database already holds under a master key (wrapped data keys), or undefined for a fresh database. */
export async function describeDataUnderMasterKey(db: Queryable): Promise<string | undefined> {
  const { rows } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM platform.data_keys')
  const count = rows[0]?.count ?? 0
  return count > 0 ? `the database already holds ${count} data keys wrapped by a master key` : undefined
}
