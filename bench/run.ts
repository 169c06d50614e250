import { formatTable } from './harness.js'
import { benchSm2 } from './sm2.bench.js'

// Run with `npx tsx bench/run.ts`; each bench file adds its rows here.
const rows = [...(await benchSm2())]
console.log(formatTable(rows))
