import { loadConfig } from '../platform/config/index.js'
import { migrate, openDb } from '../platform/db/index.js'
import { runCli } from './run-cli.js'

/** `npm run migrate`: applies pending migrations and prints what it did. */
runCli(async () => {
  const db = await openDb(loadConfig())
  try {
    const { applied, version } = await migrate(db)
    console.log(
      applied.length > 0
        ? `applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`
        : 'no pending migrations',
    )
    console.log(`database is at migration ${version}`)
  } finally {
    await db.close()
  }
})
