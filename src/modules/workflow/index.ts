export { createWorkflow, type Workflow } from './create-workflow.js'
export { readPlanningPermitXml } from './processes/index.js'
export { BpmnError, type ServiceHandler } from './token-engine.js'
export { workflowRoutes } from './workflow.routes.js'
