export { AdvisoryLock } from './advisory-locks.js'
export { DataDirInUseError } from './data-dir-lock.js'
export { secureDataDir } from './data-dir-permissions.js'
export { type DatabaseRoles, setUpDatabaseRoles } from './database-roles.js'
export type { Db, Engine, Queryable, QueryResult, Statement, Transaction } from './db.js'
export { currentMigrationVersion, listMigrations, migrate } from './migrations.js'
export { openDb } from './open-db.js'
export {
  DatabaseUnavailableError,
  isDatabaseUnavailable,
  isLockNotAvailable,
  isTransactionConflict,
  isUniqueViolation,
} from './pg-errors.js'
export { NestedDbAccessError } from './transaction-scope.js'
