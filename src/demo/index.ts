export { demoRoutes, listDemoAccounts } from './demo.routes.js'
export { seedDemoCatalog } from './seed-catalog.js'
export { seedDemoData } from './seed-demo.js'
export { seedDemoWorkflow } from './seed-workflow.js'
