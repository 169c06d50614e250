import { benchCatalogSearch } from './catalog.bench.js'
import { formatTable } from './harness.js'
import { benchHttp } from './http.bench.js'
import { benchJobs } from './jobs.bench.js'
import { benchSm2 } from './sm2.bench.js'
import { benchWebDelivery } from './web.bench.js'
import { benchWorkflow } from './workflow.bench.js'

// `npm run bench`: medians and p95 against a baseline measured in the same run. The machine is noisy:
// compare ratios, not absolute times, and rerun before drawing conclusions.
const rows = [
  ...(await benchHttp('pglite')),
  ...(await benchHttp('postgres')),
  ...(await benchSm2()),
  ...(await benchCatalogSearch('pglite')),
  ...(await benchCatalogSearch('postgres')),
  ...(await benchJobs('pglite')),
  ...(await benchJobs('postgres')),
  ...(await benchWorkflow('pglite')),
  ...(await benchWorkflow('postgres', 1)),
  ...(await benchWorkflow('postgres', 2)),
  ...(await benchWebDelivery()),
]
console.log(formatTable(rows))
