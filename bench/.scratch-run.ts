import { benchWorkflow } from './.scratch-workflow.bench.js'
await benchWorkflow('postgres', 1)
