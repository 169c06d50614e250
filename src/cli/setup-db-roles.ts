import { AUDIT_APP_ROLE_GRANTS } from '../modules/audit/index.js'
import { ConfigError } from '../platform/config/index.js'
import { setUpDatabaseRoles } from '../platform/db/index.js'
import { runCli } from './run-cli.js'

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/

function readRole(nameVariable: string, fallback: string, passwordVariable: string) {
  const name = process.env[nameVariable] || fallback
  if (!ROLE_NAME.test(name))
    throw new ConfigError(`${nameVariable} must be a lower-case PostgreSQL name, got "${name}"`)
  const password = process.env[passwordVariable] ?? ''
  if (password.length < 16)
    throw new ConfigError(`${passwordVariable} must be set to a password of 16 or more characters`)
  return { name, password }
}

/**
 * `npm run db:setup-roles`: on PostgreSQL, connects as an administrator (DATABASE_URL) and creates or updates the
 * owner role (owns every schema and table, runs migrations) and the application role (reads and writes rows; the audit
 * records only INSERT and SELECT). Idempotent: run it after every `npm run migrate`.
 */
runCli(async () => {
  const adminUrl = process.env.DATABASE_URL
  if (!adminUrl?.startsWith('postgres')) {
    throw new ConfigError('DATABASE_URL must point at the PostgreSQL database, connecting as an administrator')
  }
  const owner = readRole('TONGBAN_DB_OWNER_ROLE', 'tongban_owner', 'TONGBAN_DB_OWNER_PASSWORD')
  const app = readRole('TONGBAN_DB_APP_ROLE', 'tongban_app', 'TONGBAN_DB_APP_PASSWORD')
  if (owner.name === app.name) throw new ConfigError('TONGBAN_DB_OWNER_ROLE and TONGBAN_DB_APP_ROLE must differ')
  await setUpDatabaseRoles(adminUrl, { owner, app }, AUDIT_APP_ROLE_GRANTS)
  console.log(
    `数据库角色已就绪 (database roles ready): owner ${owner.name} (migrations), application ${app.name} — start Tongban with DATABASE_URL as ${app.name}`,
  )
})
