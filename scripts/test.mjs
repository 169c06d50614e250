// `npm test`: every suite on every engine — unit and API tests on PGlite, the same on PostgreSQL, then the
// browser suite in Chromium. A suite that cannot run is reported loudly; under CI=true that is a failure.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'

const isCi = process.env.CI === 'true'
const pgUrl = process.env.TONGBAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const only = process.argv[2] // optional: pglite | postgres | browser
const extraArgs = process.argv.slice(3)

async function isPostgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

function runVitest(name, args, env) {
  const reportDir = mkdtempSync(path.join(tmpdir(), 'tongban-test-'))
  const report = path.join(reportDir, 'report.json')
  console.log(`\n=== ${name} ===`)
  const result = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args, ...extraArgs],
    { stdio: 'inherit', env: { ...process.env, ...env } },
  )
  let counts = { passed: 0, failed: 0, skipped: 0 }
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'))
    counts = {
      passed: json.numPassedTests,
      failed: json.numFailedTests + (json.numFailedTestSuites ?? 0),
      skipped: json.numPendingTests + json.numTodoTests,
    }
  }
  rmSync(reportDir, { recursive: true, force: true })
  const ok = result.status === 0 && counts.passed > 0
  return { name, ok, ...counts }
}

const suites = []
const skipped = []

if (!only || only === 'pglite') suites.push(runVitest('PGlite (embedded)', [], { TONGBAN_TEST_DB: 'pglite' }))

if (!only || only === 'postgres') {
  if (await isPostgresReachable()) {
    suites.push(runVitest('PostgreSQL', [], { TONGBAN_TEST_DB: 'postgres', TONGBAN_TEST_PG_URL: pgUrl }))
  } else {
    skipped.push('PostgreSQL')
    console.error(`\n!!! PostgreSQL is NOT reachable at ${pgUrl}: the PostgreSQL suite was SKIPPED. !!!`)
    console.error('!!! Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) !!!\n')
  }
}

if (!only || only === 'browser') {
  if (existsSync(process.env.TONGBAN_CHROMIUM_PATH ?? '/usr/bin/chromium')) {
    suites.push(
      runVitest('Browser (Chromium)', ['--config', 'vitest.browser.config.ts'], { TONGBAN_TEST_DB: 'pglite' }),
    )
  } else {
    skipped.push('Browser')
    console.error(
      '\n!!! Chromium is NOT installed at /usr/bin/chromium: the browser suite was SKIPPED (apt-get install -y chromium). !!!\n',
    )
  }
}

console.log('\n=== Summary ===')
for (const suite of suites) {
  console.log(
    `${suite.ok ? 'ok  ' : 'FAIL'} ${suite.name}: ${suite.passed} passed, ${suite.failed} failed, ${suite.skipped} skipped`,
  )
}
for (const name of skipped) console.log(`SKIP ${name}: not run`)
const passed = suites.reduce((sum, suite) => sum + suite.passed, 0)
const failed = suites.reduce((sum, suite) => sum + suite.failed, 0)
console.log(`${passed} passed, ${failed} failed`)

const anyFailed = suites.some((suite) => !suite.ok)
process.exit(anyFailed || (isCi && skipped.length > 0) ? 1 : 0)
