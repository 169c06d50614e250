import path from 'node:path'

/** Everything Tongban reads from its environment, validated once at start. */
export type Config = {
  nodeEnv: 'development' | 'production' | 'test'
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  databasePoolSize: number
  /** PostgreSQL: longest wait for a connection, and longest a statement may run (0 = no limit). */
  databaseConnectTimeoutMs: number
  databaseQueryTimeoutMs: number
  masterKeyFile: string
  masterKeyHex: string | undefined
  publicUrl: string
  demoMode: boolean
  /** Demo mode only: seed three months of demo cases in the background after the server listens. */
  demoCaseHistory: boolean
  sessionIdleMinutes: number
  adminSessionIdleMinutes: number
  loginMaxFailures: number
  lockoutMinutes: number
  loginRateLimitPerMinute: number
  bodyLimitBytes: number
  /** Where signed checkpoints of the audit chain go: outside the database, shared by every process. */
  auditCheckpointDir: string
  auditCheckpointSeconds: number
  /** `udp://host:port` or `tcp://host:port`: checkpoints also go to the centre's log audit system (RFC 5424). */
  auditSyslogUrl: string | undefined
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Where uploaded files (materials) are kept: a folder in the data directory, or an S3-compatible bucket. */
  fileStore: FileStoreConfig
  /** Largest material file, and largest total of a case's materials, in bytes. */
  materialMaxFileBytes: number
  materialMaxCaseBytes: number
  /** Share of a case's time limit left (0 < share < 1) at which the case turns yellow (预警). */
  caseWarningShare: number
}

/** `folder` (default: `<dataDir>/files`) for one machine; `s3` for several servers sharing one bucket. */
export type FileStoreConfig =
  | { kind: 'folder'; dir: string }
  | { kind: 's3'; endpoint: string; bucket: string; accessKey: string; secretKey: string; region: string }

/** A configuration problem, reported as one line naming the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`)
  const value = Number(raw)
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`)
  return value
}

function readShare(env: Env, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!/^0?\.\d+$/.test(raw) || !(value > 0 && value < 1))
    throw new ConfigError(`${name} must be a decimal between 0 and 1 (e.g. 0.2), got "${raw}"`)
  return value
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false
  throw new ConfigError(`${name} must be true or false, got "${raw}"`)
}

function readChoice<T extends string>(env: Env, name: string, fallback: T, choices: readonly T[]): T {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${choices.join(', ')}, got "${raw}"`)
  }
  return raw as T
}

function readUrl(env: Env, name: string, fallback: string | undefined, protocols: string[]): string | undefined {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(`${name} is not a valid URL`)
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(`${name} must start with ${protocols.join(' or ')}`)
  return raw
}

function readSyslogUrl(env: Env, name: string): string | undefined {
  const raw = readUrl(env, name, undefined, ['udp:', 'tcp:'])
  if (raw !== undefined && !new URL(raw).port)
    throw new ConfigError(`${name} must name a port, e.g. udp://10.0.0.5:514`)
  return raw
}

function readFileStore(env: Env, dataDir: string): FileStoreConfig {
  const kind = readChoice(env, 'TONGBAN_FILE_STORE', 'folder', ['folder', 's3'] as const)
  if (kind === 'folder') return { kind, dir: path.resolve(env.TONGBAN_FILE_STORE_DIR || path.join(dataDir, 'files')) }
  const endpoint = readUrl(env, 'TONGBAN_S3_ENDPOINT', undefined, ['http:', 'https:'])
  const required = (name: string): string => {
    const value = env[name]
    if (!value) throw new ConfigError(`${name} is required when TONGBAN_FILE_STORE=s3`)
    return value
  }
  if (!endpoint) throw new ConfigError('TONGBAN_S3_ENDPOINT is required when TONGBAN_FILE_STORE=s3')
  return {
    kind,
    endpoint,
    bucket: required('TONGBAN_S3_BUCKET'),
    accessKey: required('TONGBAN_S3_ACCESS_KEY'),
    secretKey: required('TONGBAN_S3_SECRET_KEY'),
    region: env.TONGBAN_S3_REGION || 'us-east-1',
  }
}

/** Reads and validates the configuration; throws ConfigError with a one-line message on the first problem. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = readChoice(env, 'NODE_ENV', 'development', ['development', 'production', 'test'] as const)
  const port = readInteger(env, 'PORT', 3000, 0, 65535)
  const dataDir = path.resolve(env.TONGBAN_DATA_DIR || './data')
  const masterKeyHex = env.TONGBAN_MASTER_KEY || undefined
  if (masterKeyHex !== undefined && !/^[0-9a-fA-F]{64}$/.test(masterKeyHex)) {
    throw new ConfigError('TONGBAN_MASTER_KEY must be 64 hexadecimal characters (a 256-bit key)')
  }
  return {
    nodeEnv,
    port,
    host: env.HOST || '127.0.0.1',
    dataDir,
    databaseUrl: readUrl(env, 'DATABASE_URL', undefined, ['postgres:', 'postgresql:']),
    databasePoolSize: readInteger(env, 'TONGBAN_DB_POOL_SIZE', 10, 1, 200),
    databaseConnectTimeoutMs: readInteger(env, 'TONGBAN_DB_CONNECT_TIMEOUT_MS', 5000, 100, 600_000),
    databaseQueryTimeoutMs: readInteger(env, 'TONGBAN_DB_QUERY_TIMEOUT_MS', 10_000, 0, 3_600_000),
    masterKeyFile: path.resolve(env.TONGBAN_MASTER_KEY_FILE || path.join(dataDir, 'keys', 'master.key')),
    masterKeyHex,
    publicUrl: readUrl(env, 'TONGBAN_PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']) as string,
    // Demo accounts with known passwords must never exist in production.
    demoMode: readBoolean(env, 'TONGBAN_DEMO', nodeEnv !== 'production'),
    demoCaseHistory: readBoolean(env, 'TONGBAN_DEMO_CASES', true),
    sessionIdleMinutes: readInteger(env, 'TONGBAN_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    adminSessionIdleMinutes: readInteger(env, 'TONGBAN_ADMIN_SESSION_IDLE_MINUTES', 15, 1, 24 * 60),
    loginMaxFailures: readInteger(env, 'TONGBAN_LOGIN_MAX_FAILURES', 5, 1, 100),
    lockoutMinutes: readInteger(env, 'TONGBAN_LOCKOUT_MINUTES', 30, 1, 24 * 60),
    loginRateLimitPerMinute: readInteger(env, 'TONGBAN_LOGIN_RATE_LIMIT', 30, 1, 10000),
    bodyLimitBytes: readInteger(env, 'TONGBAN_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    auditCheckpointDir: path.resolve(env.TONGBAN_AUDIT_CHECKPOINT_DIR || path.join(dataDir, 'audit')),
    auditCheckpointSeconds: readInteger(env, 'TONGBAN_AUDIT_CHECKPOINT_SECONDS', 30, 1, 3600),
    auditSyslogUrl: readSyslogUrl(env, 'TONGBAN_AUDIT_SYSLOG'),
    fileStore: readFileStore(env, dataDir),
    materialMaxFileBytes: readInteger(env, 'TONGBAN_MATERIAL_MAX_FILE_BYTES', 20 * 1024 * 1024, 1024, 1024 ** 3),
    materialMaxCaseBytes: readInteger(env, 'TONGBAN_MATERIAL_MAX_CASE_BYTES', 200 * 1024 * 1024, 1024, 100 * 1024 ** 3),
    caseWarningShare: readShare(env, 'TONGBAN_CASE_WARNING_SHARE', 0.2),
    logLevel: readChoice(env, 'LOG_LEVEL', 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ] as const),
  }
}
