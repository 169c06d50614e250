import type { Db } from '../../platform/db/index.js'
import type { AuditService } from '../audit/index.js'
import type { IdentityService } from '../identity/index.js'
import type { EngineCalendar } from './token-engine.js'
import { createWorkflowDirectory } from './workflow.directory.js'
import { createWorkflowService, type WorkflowJobQueue } from './workflow.service.js'
import { createExternalTaskService } from './workflow-external.service.js'
import { createWorkflowMonitorService } from './workflow-monitor.service.js'
import { createWorkflowTaskService } from './workflow-tasks.service.js'

/** Builds the workflow module: engine, deployment, inbox and monitoring, with its job kinds registered on `jobs`. */
export function createWorkflow(deps: {
  db: Db
  audit: AuditService
  identity: Pick<IdentityService, 'listStaff' | 'getDepartmentDirectory'>
  jobs: WorkflowJobQueue
  calendar: EngineCalendar
  clock: { now(): Date }
}) {
  const directory = createWorkflowDirectory(deps.identity)
  const workflow = createWorkflowService({ ...deps, directory })
  const tasks = createWorkflowTaskService({ ...deps, workflow, directory })
  const monitor = createWorkflowMonitorService({ ...deps, workflow })
  const external = createExternalTaskService({ ...deps, workflow })
  return { workflow, tasks, monitor, external, directory, calendar: deps.calendar, clock: deps.clock }
}

export type Workflow = ReturnType<typeof createWorkflow>
