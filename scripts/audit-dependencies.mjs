// `.ci/run`: fail on high or critical advisories in production dependencies. Where the registry offers no audit
// endpoint (a mirror, an offline intranet), say so loudly and go on: that is a missing check, not a finding.
import { spawnSync } from 'node:child_process'

const result = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8' })
let report
try {
  report = JSON.parse(result.stdout || '{}')
} catch {
  report = {}
}
const counts = report.metadata?.vulnerabilities
if (!counts) {
  const reason = report.error?.summary || report.message || 'no answer'
  console.warn(
    `!!! npm audit could not run against this registry (${reason.trim()}): dependency advisories NOT checked !!!`,
  )
  process.exit(0)
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0)
console.log(`npm audit: ${serious} high or critical advisories in production dependencies`, counts)
process.exit(serious > 0 ? 1 : 0)
