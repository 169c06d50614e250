export { demoRoutes, listDemoAccounts } from './demo.routes.js'
export { seedDemoData } from './seed-demo.js'
