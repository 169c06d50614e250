/** Shapes the workflow pages read from `/api/workflow`; they mirror `workflow.schemas.ts`. */
export type DueMark = 'none' | 'normal' | 'warning' | 'overdue'

export type InboxTask = {
  id: string
  instanceId: string
  elementId: string
  name: string
  processName: string
  processKey: string
  businessKey: string | null
  state: string
  assigneeId: string | null
  dueAt: string | null
  dueMark: DueMark
  opinionRequired: boolean
  createdAt: string
  completedAt: string | null
  outcome: string | null
  opinion: string | null
  chasedAt: string | null
  awaitingApplicant: boolean
}

export type HistoryEntry = {
  id: string
  elementId: string | null
  elementKind: string | null
  event: string
  actorName: string | null
  taskId: string | null
  reason: string | null
  details: unknown
  at: string
}

export type TaskDetail = {
  task: InboxTask
  history: HistoryEntry[]
  returnTargets: { elementId: string; name: string }[]
  countersigners: { taskId: string; name: string; assigneeName: string | null }[]
  isCountersign: boolean
  elementNames: Record<string, string>
}

export type WorkflowDirectory = {
  departments: { id: string; code: string; name: string; parentId: string | null }[]
  staff: { loginName: string; displayName: string; departmentId: string | null }[]
}

export type DefinitionSummary = {
  id: string
  processKey: string
  version: number
  name: string
  status: 'active' | 'disabled'
  warnings: { element: string; message: string }[]
  deployedAt: string
  runningCount: number
  totalCount: number
}

export type DeploymentResult = {
  versions: { id: string; processKey: string; version: number; name: string; created: boolean; message?: string }[]
  warnings: { element: string; message: string }[]
}

export type InstanceView = {
  instance: {
    id: string
    status: string
    businessKey: string | null
    startedAt: string
    endedAt: string | null
    endReason: string | null
    parentInstanceId: string | null
  }
  definition: { id: string; processKey: string; version: number; name: string; xml: string }
  completedElementIds: string[]
  activeElementIds: string[]
  executions: { id: string; elementId: string; kind: string; state: string }[]
  awaitingApplicant: { elementId: string; taskId: string; since: string; reason: string }[]
  variables: Record<string, unknown>
  tasks: InboxTask[]
  incidents: { executionId: string; elementId: string; message: string; createdAt: string; resolvedAt: string | null }[]
  history: HistoryEntry[]
  childInstances?: {
    id: string
    status: string
    processKey: string
    processName: string
    callActivityId: string | null
  }[]
  pendingJobs?: { kind: 'timer' | 'service-retry'; executionId: string; elementId: string; dueAt: string }[]
  messageSubscriptions?: {
    executionId: string
    elementId: string
    messageName: string
    businessKey: string | null
    since: string
  }[]
}

/** The i18n key of a history event: `task.taken-back` → `workflow.event_task_taken_back`. */
export function eventKey(event: string): string {
  return `workflow.event_${event.replace(/[.-]/g, '_')}`
}
