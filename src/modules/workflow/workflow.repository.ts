import type { Queryable, Transaction } from '../../platform/db/index.js'
import type { DeploymentWarning, ProcessModel } from './process-model.js'

export type DefinitionRow = {
  id: string
  process_key: string
  version: number
  name: string
  xml: string
  model: ProcessModel
  checksum: string
  status: 'active' | 'disabled'
  warnings: DeploymentWarning[]
  deployed_by: string | null
  deployed_at: Date
}

export type InstanceStatus = 'active' | 'suspended' | 'completed' | 'terminated' | 'cancelled'

export type InstanceRow = {
  id: string
  definition_id: string
  root_instance_id: string
  parent_instance_id: string | null
  parent_execution_id: string | null
  business_key: string | null
  lead_department_id: string | null
  status: InstanceStatus
  started_by: string | null
  started_at: Date
  ended_at: Date | null
  end_reason: string | null
}

export type ExecutionRow = {
  id: string
  instance_id: string
  parent_id: string | null
  element_id: string
  kind: 'scope' | 'token' | 'multi'
  state: 'active' | 'waiting' | 'joining'
  arrived_by: string | null
  data: ExecutionData
  created_at: Date
}

export type ExecutionData = {
  timers?: string[]
  /** How often each non-interrupting timer boundary has fired on this activity (timeCycle repetitions). */
  timerFirings?: Record<string, number>
  attempts?: number
  loopCounter?: number
  item?: unknown
  total?: number
  completed?: number
  items?: unknown[]
  nextIndex?: number
  /** Multi-instance: each finished instance's outputDataItem, by loopCounter. */
  outputs?: unknown[]
  incident?: boolean
  /** The user task's assignment mapped to nobody: an incident is open until a centre manager assigns it. */
  assignmentIncident?: boolean
  /** 退回申请人补正: the step waits for the applicant; its deadline stands still from `since`. */
  awaitingApplicant?: ApplicantWait
}

export type ApplicantWait = {
  taskId: string
  since: string
  reason: string
  workerId: string
  dueAt: string | null
}

export type TaskRow = {
  id: string
  instance_id: string
  root_instance_id: string
  execution_id: string
  element_id: string
  name: string
  state: 'open' | 'completed' | 'cancelled'
  assignee_id: string | null
  owner_id: string | null
  candidate_department_id: string | null
  candidate_role: string | null
  form_key: string | null
  opinion_required: boolean
  due_at: Date | null
  previous_actor_id: string | null
  previous_task_id: string | null
  opened_at: Date | null
  chased_at: Date | null
  created_at: Date
  completed_at: Date | null
  completed_by: string | null
  outcome: string | null
  opinion: string | null
  form_data: unknown
}

export type HistoryEntry = {
  instance_id: string
  element_id: string | null
  element_kind: string | null
  event: string
  actor_id: string | null
  actor_name: string | null
  task_id: string | null
  reason: string | null
  details: unknown
  at: string
}

export type HistoryRow = HistoryEntry & { id: string }

// Definitions ------------------------------------------------------------------------------------------------

const DEFINITION_COLUMNS =
  'id, process_key, version, name, xml, model, checksum, status, warnings, deployed_by, deployed_at'

export async function findLatestDefinition(db: Queryable, processKey: string): Promise<DefinitionRow | undefined> {
  const { rows } = await db.query<DefinitionRow>(
    `SELECT ${DEFINITION_COLUMNS} FROM workflow.definitions WHERE process_key = $1 ORDER BY version DESC LIMIT 1`,
    [processKey],
  )
  return rows[0]
}

export async function findLatestActiveDefinition(
  db: Queryable,
  processKey: string,
): Promise<DefinitionRow | undefined> {
  const { rows } = await db.query<DefinitionRow>(
    `SELECT ${DEFINITION_COLUMNS} FROM workflow.definitions WHERE process_key = $1 AND status = 'active'
     ORDER BY version DESC LIMIT 1`,
    [processKey],
  )
  return rows[0]
}

export async function findDefinition(db: Queryable, id: string): Promise<DefinitionRow | undefined> {
  const { rows } = await db.query<DefinitionRow>(
    `SELECT ${DEFINITION_COLUMNS} FROM workflow.definitions WHERE id = $1`,
    [id],
  )
  return rows[0]
}

export async function findDefinitionForUpdate(db: Queryable, id: string): Promise<DefinitionRow | undefined> {
  const { rows } = await db.query<DefinitionRow>(
    `SELECT ${DEFINITION_COLUMNS} FROM workflow.definitions WHERE id = $1 FOR UPDATE`,
    [id],
  )
  return rows[0]
}

export async function insertDefinition(
  db: Queryable,
  row: Omit<DefinitionRow, 'id' | 'deployed_at' | 'status'>,
): Promise<DefinitionRow> {
  const { rows } = await db.query<DefinitionRow>(
    `INSERT INTO workflow.definitions (process_key, version, name, xml, model, checksum, warnings, deployed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${DEFINITION_COLUMNS}`,
    [
      row.process_key,
      row.version,
      row.name,
      row.xml,
      JSON.stringify(row.model),
      row.checksum,
      JSON.stringify(row.warnings),
      row.deployed_by,
    ],
  )
  return rows[0] as DefinitionRow
}

export type DefinitionSummaryRow = Omit<DefinitionRow, 'xml' | 'model'> & {
  running_count: number
  total_count: number
}

export async function listDefinitions(db: Queryable, processKey?: string): Promise<DefinitionSummaryRow[]> {
  const { rows } = await db.query<DefinitionSummaryRow>(
    `SELECT d.id, d.process_key, d.version, d.name, d.checksum, d.status, d.warnings, d.deployed_by, d.deployed_at,
       (SELECT count(*)::int FROM workflow.instances i WHERE i.definition_id = d.id AND i.status IN ('active', 'suspended')) AS running_count,
       (SELECT count(*)::int FROM workflow.instances i WHERE i.definition_id = d.id) AS total_count
     FROM workflow.definitions d WHERE ($1::text IS NULL OR d.process_key = $1)
     ORDER BY d.process_key, d.version DESC`,
    [processKey ?? null],
  )
  return rows
}

export async function setDefinitionStatus(db: Queryable, id: string, status: 'active' | 'disabled'): Promise<void> {
  await db.query('UPDATE workflow.definitions SET status = $2 WHERE id = $1', [id, status])
}

export async function countInstancesOfDefinition(db: Queryable, id: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM workflow.instances WHERE definition_id = $1',
    [id],
  )
  return rows[0]?.count ?? 0
}

export async function deleteDefinition(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM workflow.definitions WHERE id = $1', [id])
}

// Instances --------------------------------------------------------------------------------------------------

const INSTANCE_COLUMNS =
  'id, definition_id, root_instance_id, parent_instance_id, parent_execution_id, business_key, lead_department_id, status, started_by, started_at, ended_at, end_reason'

export async function insertInstance(db: Queryable, row: Omit<InstanceRow, 'ended_at' | 'end_reason'>): Promise<void> {
  await db.query(
    `INSERT INTO workflow.instances (id, definition_id, root_instance_id, parent_instance_id, parent_execution_id,
       business_key, lead_department_id, status, started_by, started_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      row.id,
      row.definition_id,
      row.root_instance_id,
      row.parent_instance_id,
      row.parent_execution_id,
      row.business_key,
      row.lead_department_id,
      row.status,
      row.started_by,
      row.started_at,
    ],
  )
}

export async function findInstance(db: Queryable, id: string): Promise<InstanceRow | undefined> {
  const { rows } = await db.query<InstanceRow>(`SELECT ${INSTANCE_COLUMNS} FROM workflow.instances WHERE id = $1`, [id])
  return rows[0]
}

export async function setInstanceDefinition(db: Queryable, id: string, definitionId: string): Promise<void> {
  await db.query('UPDATE workflow.instances SET definition_id = $2 WHERE id = $1', [id, definitionId])
}

export type InstanceSummaryRow = InstanceRow & { process_key: string; version: number; process_name: string }

export async function listInstances(
  db: Queryable,
  filter: { processKey?: string; status?: string; limit: number },
): Promise<InstanceSummaryRow[]> {
  const { rows } = await db.query<InstanceSummaryRow>(
    `SELECT i.id, i.definition_id, i.root_instance_id, i.parent_instance_id, i.parent_execution_id, i.business_key,
       i.lead_department_id, i.status, i.started_by, i.started_at, i.ended_at, i.end_reason,
       d.process_key, d.version, d.name AS process_name
     FROM workflow.instances i JOIN workflow.definitions d ON d.id = i.definition_id
     WHERE ($1::text IS NULL OR d.process_key = $1) AND ($2::text IS NULL OR i.status = $2)
       AND i.parent_instance_id IS NULL
     ORDER BY i.started_at DESC LIMIT $3`,
    [filter.processKey ?? null, filter.status ?? null, filter.limit],
  )
  return rows
}

// Executions -------------------------------------------------------------------------------------------------

const TASK_COLUMNS = `id, instance_id, root_instance_id, execution_id, element_id, name, state, assignee_id, owner_id,
  candidate_department_id, candidate_role, form_key, opinion_required, due_at, previous_actor_id, previous_task_id,
  opened_at, chased_at, created_at, completed_at, completed_by, outcome, opinion, form_data`

const EXECUTION_COLUMNS =
  'e.id, e.instance_id, e.parent_id, e.element_id, e.kind, e.state, e.arrived_by, e.data, e.created_at'

export type TreeState = {
  instances: InstanceRow[]
  executions: ExecutionRow[]
  variables: { instance_id: string; name: string; value: unknown }[]
  task: TaskRow | null
}

// The root is given, or found from the task: a task never moves to another tree.
const TREE_QUERY = `WITH root AS (SELECT coalesce($1::uuid, (SELECT root_instance_id FROM workflow.tasks WHERE id = $2::uuid)) AS id)
  SELECT
    (SELECT coalesce(json_agg(i ORDER BY i.started_at, i.id), '[]')
       FROM (SELECT ${INSTANCE_COLUMNS} FROM workflow.instances WHERE root_instance_id = (SELECT id FROM root)) i) AS instances,
    (SELECT coalesce(json_agg(e ORDER BY e.created_at, e.id), '[]')
       FROM (SELECT ${EXECUTION_COLUMNS} FROM workflow.executions e
               JOIN workflow.instances i ON i.id = e.instance_id WHERE i.root_instance_id = (SELECT id FROM root)) e) AS executions,
    (SELECT coalesce(json_agg(v), '[]')
       FROM (SELECT v.instance_id, v.name, v.value FROM workflow.variables v
               JOIN workflow.instances i ON i.id = v.instance_id WHERE i.root_instance_id = (SELECT id FROM root)) v) AS variables,
    (SELECT row_to_json(t) FROM (SELECT ${TASK_COLUMNS} FROM workflow.tasks WHERE id = $2::uuid) t) AS task`

const toDate = (value: Date | string | null) => (value === null ? null : new Date(value))

/** JSON carries timestamps as text: they are turned back into dates here. */
function toTreeState(tree: TreeState): TreeState {
  return {
    instances: tree.instances.map((row) => ({
      ...row,
      started_at: toDate(row.started_at) as Date,
      ended_at: toDate(row.ended_at),
    })),
    executions: tree.executions.map((row) => ({ ...row, created_at: toDate(row.created_at) as Date })),
    variables: tree.variables,
    task: tree.task && {
      ...tree.task,
      due_at: toDate(tree.task.due_at),
      opened_at: toDate(tree.task.opened_at),
      chased_at: toDate(tree.task.chased_at),
      created_at: toDate(tree.task.created_at) as Date,
      completed_at: toDate(tree.task.completed_at),
    },
  }
}

/** The instances, tokens and variables of a root instance and its subprocess instances, in one statement. */
export async function loadTree(db: Queryable, rootInstanceId: string): Promise<TreeState> {
  const { rows } = await db.query<TreeState>(TREE_QUERY, [rootInstanceId, null])
  return toTreeState(rows[0] as TreeState)
}

/**
 * What every engine step starts with: locks the root instance row (so steps of one tree never interleave), then
 * reads the tree and the task the step acts on — sent together, the read starting once the lock is granted.
 */
export async function lockAndLoadTree(
  tx: Transaction,
  target: { rootInstanceId: string } | { taskId: string },
): Promise<{ root: InstanceRow | undefined; tree: TreeState }> {
  const [rootInstanceId, taskId] = 'taskId' in target ? [null, target.taskId] : [target.rootInstanceId, null]
  const [locked, loaded] = await tx.queryEach([
    {
      text: `SELECT ${INSTANCE_COLUMNS} FROM workflow.instances
              WHERE id = coalesce($1::uuid, (SELECT root_instance_id FROM workflow.tasks WHERE id = $2::uuid)) FOR UPDATE`,
      params: [rootInstanceId, taskId],
    },
    { text: TREE_QUERY, params: [rootInstanceId, taskId] },
  ])
  return {
    root: locked?.rows[0] as InstanceRow | undefined,
    tree: toTreeState(loaded?.rows[0] as TreeState),
  }
}

// Tasks ------------------------------------------------------------------------------------------------------

export async function findTask(db: Queryable, id: string): Promise<TaskRow | undefined> {
  const { rows } = await db.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM workflow.tasks WHERE id = $1`, [id])
  return rows[0]
}

export async function listOpenTasksOfExecutions(db: Queryable, executionIds: string[]): Promise<TaskRow[]> {
  if (executionIds.length === 0) return []
  const { rows } = await db.query<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM workflow.tasks WHERE execution_id = ANY($1::uuid[]) AND state = 'open'`,
    [executionIds],
  )
  return rows
}

/** Cancels the open tasks of executions that are being removed, except those the step already finished. */
export async function cancelOpenTasksOfExecutions(
  db: Queryable,
  executionIds: string[],
  exceptTaskIds: string[],
  at: Date,
  outcome: string,
): Promise<{ id: string; instanceId: string }[]> {
  const { rows } = await db.query<{ id: string; instance_id: string }>(
    `UPDATE workflow.tasks SET state = 'cancelled', completed_at = $3, outcome = $4
      WHERE execution_id = ANY($1::uuid[]) AND state = 'open' AND NOT (id = ANY($2::uuid[]))
      RETURNING id, instance_id`,
    [executionIds, exceptTaskIds, at, outcome],
  )
  return rows.map((row) => ({ id: row.id, instanceId: row.instance_id }))
}

export async function updateTaskAssignment(
  db: Queryable,
  id: string,
  assignment: {
    assigneeId: string | null
    ownerId?: string | null
    departmentId?: string | null
    role?: string | null
  },
): Promise<void> {
  const sets = ['assignee_id = $2', 'opened_at = NULL']
  const params: unknown[] = [id, assignment.assigneeId]
  if (assignment.ownerId !== undefined) {
    params.push(assignment.ownerId)
    sets.push(`owner_id = $${params.length}`)
  }
  if (assignment.departmentId !== undefined) {
    params.push(assignment.departmentId)
    sets.push(`candidate_department_id = $${params.length}`)
  }
  if (assignment.role !== undefined) {
    params.push(assignment.role)
    sets.push(`candidate_role = $${params.length}`)
  }
  await db.query(`UPDATE workflow.tasks SET ${sets.join(', ')} WHERE id = $1`, params)
}

export async function markTaskOpened(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE workflow.tasks SET opened_at = $2 WHERE id = $1 AND opened_at IS NULL', [id, at])
}

export async function markTaskChased(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE workflow.tasks SET chased_at = $2 WHERE id = $1', [id, at])
}

export async function listTasksCreatedBy(db: Queryable, previousTaskId: string): Promise<TaskRow[]> {
  const { rows } = await db.query<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM workflow.tasks WHERE previous_task_id = $1 ORDER BY created_at, id`,
    [previousTaskId],
  )
  return rows
}

export async function listCompletedTasksOfInstance(db: Queryable, instanceId: string): Promise<TaskRow[]> {
  const { rows } = await db.query<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM workflow.tasks WHERE instance_id = $1 AND state = 'completed' ORDER BY completed_at, id`,
    [instanceId],
  )
  return rows
}

export async function listTasksOfInstance(db: Queryable, instanceId: string): Promise<TaskRow[]> {
  const { rows } = await db.query<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM workflow.tasks WHERE root_instance_id = $1 ORDER BY created_at, id`,
    [instanceId],
  )
  return rows
}

export type InboxRow = TaskRow & {
  awaiting_applicant: boolean
  process_name: string
  process_key: string
  business_key: string | null
  instance_status: string
}

/**
 * The inbox: department scoping is in the WHERE clause, so a reviewer never receives another department's tasks.
 * `departmentIds` are the actor's department and its ancestors (a sub-department works its parent's tasks).
 */
const BY_DEADLINE = 'ORDER BY due_at ASC NULLS LAST, created_at ASC LIMIT $2'
const UNCLAIMED = `FROM workflow.tasks WHERE state = 'open' AND assignee_id IS NULL
  AND (candidate_role IS NULL OR candidate_role = ANY($3::text[]))`

// Each view picks its page of task ids (with the sort key) from one table by its own index; $2 is the page size.
const INBOX_PICKS = {
  mine: `SELECT id, due_at AS sort_at, created_at FROM workflow.tasks WHERE state = 'open' AND assignee_id = $1
    ${BY_DEADLINE}`,
  // Tasks offered to any department are offered too: two halves, each reading the department index in deadline order.
  unclaimed: `SELECT id, due_at AS sort_at, created_at FROM (
      (SELECT id, due_at, created_at ${UNCLAIMED} AND candidate_department_id = ANY($1::uuid[]) ${BY_DEADLINE})
      UNION ALL (SELECT id, due_at, created_at ${UNCLAIMED} AND candidate_department_id IS NULL ${BY_DEADLINE})
      ${BY_DEADLINE}) offered`,
  copied: `SELECT task_id AS id, copied_at AS sort_at, copied_at AS created_at FROM workflow.task_copies
    WHERE account_id = $1 ORDER BY copied_at DESC LIMIT $2`,
  done: `SELECT id, completed_at AS sort_at, created_at FROM workflow.tasks WHERE completed_by = $1
    ORDER BY completed_at DESC LIMIT $2`,
} as const

export async function listInbox(
  db: Queryable,
  filter: {
    view: 'mine' | 'unclaimed' | 'copied' | 'done'
    accountId: string
    departmentIds: string[]
    roles: string[]
    limit: number
  },
): Promise<InboxRow[]> {
  // Only the page's rows are joined: joining every open task of a department before the LIMIT is what made the
  // inbox slow with thousands of open cases.
  const upcoming = filter.view === 'mine' || filter.view === 'unclaimed'
  const params =
    filter.view === 'unclaimed' ? [filter.departmentIds, filter.limit, filter.roles] : [filter.accountId, filter.limit]
  const { rows } = await db.query<InboxRow>(
    `WITH picked AS MATERIALIZED (${INBOX_PICKS[filter.view]})
     SELECT t.id, t.instance_id, t.root_instance_id, t.execution_id, t.element_id, t.name, t.state,
       t.assignee_id, t.owner_id, t.candidate_department_id, t.candidate_role, t.form_key, t.opinion_required, t.due_at,
       t.previous_actor_id, t.previous_task_id, t.opened_at, t.chased_at, t.created_at, t.completed_at, t.completed_by,
       t.outcome, t.opinion, t.form_data, d.name AS process_name, d.process_key, i.business_key, i.status AS instance_status,
       EXISTS (SELECT 1 FROM workflow.executions e WHERE e.id = t.execution_id AND e.data ? 'awaitingApplicant')
         AS awaiting_applicant
     FROM picked p JOIN workflow.tasks t ON t.id = p.id JOIN workflow.instances i ON i.id = t.instance_id
       JOIN workflow.definitions d ON d.id = i.definition_id
     ORDER BY ${upcoming ? 'p.sort_at ASC NULLS LAST, p.created_at ASC' : 'p.sort_at DESC, p.created_at DESC'}`,
    params,
  )
  return rows
}

export async function insertTaskCopy(
  db: Queryable,
  copy: { taskId: string; accountId: string; copiedBy: string; note: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO workflow.task_copies (task_id, account_id, copied_by, note) VALUES ($1, $2, $3, $4)
     ON CONFLICT (task_id, account_id) DO NOTHING`,
    [copy.taskId, copy.accountId, copy.copiedBy, copy.note],
  )
}

export async function isTaskCopiedTo(db: Queryable, taskId: string, accountId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM workflow.task_copies WHERE task_id = $1 AND account_id = $2', [
    taskId,
    accountId,
  ])
  return rows.length > 0
}

// Subscriptions and incidents --------------------------------------------------------------------------------

export async function insertSubscription(
  db: Queryable,
  row: {
    instanceId: string
    rootInstanceId: string
    executionId: string
    elementId: string
    messageName: string
    businessKey: string | null
  },
): Promise<void> {
  await db.query(
    `INSERT INTO workflow.message_subscriptions (instance_id, root_instance_id, execution_id, element_id, message_name, business_key)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [row.instanceId, row.rootInstanceId, row.executionId, row.elementId, row.messageName, row.businessKey],
  )
}

export async function deleteSubscriptionsOfExecutions(db: Queryable, executionIds: string[]): Promise<void> {
  if (executionIds.length === 0) return
  await db.query('DELETE FROM workflow.message_subscriptions WHERE execution_id = ANY($1::uuid[])', [executionIds])
}

export async function deleteSubscription(db: Queryable, executionId: string, elementId: string): Promise<void> {
  await db.query('DELETE FROM workflow.message_subscriptions WHERE execution_id = $1 AND element_id = $2', [
    executionId,
    elementId,
  ])
}

export type SubscriptionRow = {
  id: string
  instance_id: string
  root_instance_id: string
  execution_id: string
  element_id: string
}

export async function findSubscription(
  db: Queryable,
  messageName: string,
  filter: { businessKey?: string; instanceId?: string },
): Promise<SubscriptionRow | undefined> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT id, instance_id, root_instance_id, execution_id, element_id FROM workflow.message_subscriptions
     WHERE message_name = $1 AND ($2::text IS NULL OR business_key = $2) AND ($3::uuid IS NULL OR instance_id = $3)
     ORDER BY created_at LIMIT 1`,
    [messageName, filter.businessKey ?? null, filter.instanceId ?? null],
  )
  return rows[0]
}

export async function insertIncident(
  db: Queryable,
  row: { instanceId: string; executionId: string; elementId: string; message: string; at: Date },
): Promise<void> {
  await db.query(
    'INSERT INTO workflow.incidents (instance_id, execution_id, element_id, message, created_at) VALUES ($1, $2, $3, $4, $5)',
    [row.instanceId, row.executionId, row.elementId, row.message, row.at],
  )
}

export type IncidentRow = {
  id: string
  instance_id: string
  execution_id: string
  element_id: string
  message: string
  created_at: Date
  resolved_at: Date | null
}

export async function listIncidents(db: Queryable, rootInstanceId: string): Promise<IncidentRow[]> {
  const { rows } = await db.query<IncidentRow>(
    `SELECT n.id, n.instance_id, n.execution_id, n.element_id, n.message, n.created_at, n.resolved_at
     FROM workflow.incidents n JOIN workflow.instances i ON i.id = n.instance_id WHERE i.root_instance_id = $1
     ORDER BY n.created_at`,
    [rootInstanceId],
  )
  return rows
}

export async function resolveIncidentsOfExecution(db: Queryable, executionId: string, at: Date): Promise<void> {
  await db.query('UPDATE workflow.incidents SET resolved_at = $2 WHERE execution_id = $1 AND resolved_at IS NULL', [
    executionId,
    at,
  ])
}

// Step writes and history ------------------------------------------------------------------------------------

/** How a step ended a task: 办结, 退回, 特殊办结 or cancelled with its token. */
export type TaskFinish = {
  id: string
  state: 'completed' | 'cancelled'
  completed_at: Date
  completed_by: string | null
  outcome: string
  opinion: string | null
  form_data: unknown
}

export type StepChanges = {
  instances: Pick<InstanceRow, 'id' | 'status' | 'ended_at' | 'end_reason'>[]
  newExecutions: ExecutionRow[]
  executions: ExecutionRow[]
  removedExecutionIds: string[]
  variables: { instanceId: string; values: Record<string, unknown> }[]
  newTasks: TaskRow[]
  finishedTasks: TaskFinish[]
  history: HistoryEntry[]
}

/**
 * Writes what a step changed — instance states, tokens (new, changed, removed), variables, tasks (new and finished)
 * and history — in one statement, queued to go out with the transaction's COMMIT, since every step ends so. Rows a statement inserts are invisible to its other
 * parts, so the caller passes each row once, in its final state. History keeps the order the step recorded it in.
 * Updates name their rows by `id = ANY(ARRAY(...))` too: a prepared statement's generic plan cannot know how few
 * rows the JSON holds and would otherwise hash-join against a scan of the whole table.
 */
export async function flushStep(tx: Transaction, changes: StepChanges): Promise<void> {
  const variables = changes.variables.flatMap(({ instanceId, values }) =>
    Object.entries(values).map(([name, value]) => ({ instance_id: instanceId, name, value })),
  )
  const lists = [...Object.values(changes), variables] as unknown[][]
  if (lists.every((list) => list.length === 0)) return
  await tx.queryLater(
    `WITH instances AS (
       UPDATE workflow.instances i SET status = x.status, ended_at = x.ended_at, end_reason = x.end_reason
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, status text, ended_at timestamptz, end_reason text)
        WHERE i.id = x.id AND i.id = ANY(ARRAY(SELECT (r->>'id')::uuid FROM jsonb_array_elements($1::jsonb) r))),
     new_executions AS (
       INSERT INTO workflow.executions (id, instance_id, parent_id, element_id, kind, state, arrived_by, data, created_at)
       SELECT x.id, x.instance_id, x.parent_id, x.element_id, x.kind, x.state, x.arrived_by, x.data, x.created_at
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, instance_id uuid, parent_id uuid, element_id text, kind text,
           state text, arrived_by text, data jsonb, created_at timestamptz)),
     executions AS (
       UPDATE workflow.executions e
          SET element_id = x.element_id, kind = x.kind, state = x.state, arrived_by = x.arrived_by, data = x.data
         FROM jsonb_to_recordset($3::jsonb) AS x(id uuid, element_id text, kind text, state text, arrived_by text, data jsonb)
        WHERE e.id = x.id AND e.id = ANY(ARRAY(SELECT (r->>'id')::uuid FROM jsonb_array_elements($3::jsonb) r))),
     removed AS (DELETE FROM workflow.executions WHERE id = ANY($4::uuid[])),
     variables AS (
       INSERT INTO workflow.variables (instance_id, name, value)
       SELECT (v->>'instance_id')::uuid, v->>'name', v->'value' FROM jsonb_array_elements($5::jsonb) v
       ON CONFLICT (instance_id, name) DO UPDATE SET value = EXCLUDED.value, updated_at = now()),
     new_tasks AS (
       INSERT INTO workflow.tasks (${TASK_COLUMNS})
       SELECT ${TASK_COLUMNS}
         FROM jsonb_to_recordset($6::jsonb) AS x(id uuid, instance_id uuid, root_instance_id uuid, execution_id uuid,
           element_id text, name text, state text, assignee_id uuid, owner_id uuid, candidate_department_id uuid,
           candidate_role text, form_key text, opinion_required boolean, due_at timestamptz, previous_actor_id uuid,
           previous_task_id uuid, opened_at timestamptz, chased_at timestamptz, created_at timestamptz,
           completed_at timestamptz, completed_by uuid, outcome text, opinion text, form_data jsonb)),
     finished_tasks AS (
       UPDATE workflow.tasks t SET state = x.state, completed_at = x.completed_at, completed_by = x.completed_by,
           outcome = x.outcome, opinion = x.opinion, form_data = x.form_data
         FROM jsonb_to_recordset($7::jsonb) AS x(id uuid, state text, completed_at timestamptz, completed_by uuid,
           outcome text, opinion text, form_data jsonb)
        WHERE t.id = x.id AND t.id = ANY(ARRAY(SELECT (r->>'id')::uuid FROM jsonb_array_elements($7::jsonb) r))),
     history AS (
       INSERT INTO workflow.history (instance_id, element_id, element_kind, event, actor_id, actor_name, task_id, reason, details, at)
       SELECT (e->>'instance_id')::uuid, e->>'element_id', e->>'element_kind', e->>'event', (e->>'actor_id')::uuid,
         e->>'actor_name', (e->>'task_id')::uuid, e->>'reason', e->'details', (e->>'at')::timestamptz
       FROM jsonb_array_elements($8::jsonb) WITH ORDINALITY AS h(e, n) ORDER BY n)
     SELECT 1`,
    [
      JSON.stringify(changes.instances),
      JSON.stringify(changes.newExecutions),
      JSON.stringify(
        changes.executions.map((row) => ({
          id: row.id,
          element_id: row.element_id,
          kind: row.kind,
          state: row.state,
          arrived_by: row.arrived_by,
          data: row.data,
        })),
      ),
      changes.removedExecutionIds,
      JSON.stringify(variables),
      JSON.stringify(changes.newTasks),
      JSON.stringify(changes.finishedTasks),
      JSON.stringify(changes.history),
    ],
  )
}

export async function listHistory(db: Queryable, rootInstanceId: string): Promise<HistoryRow[]> {
  const { rows } = await db.query<HistoryRow>(
    `SELECT h.id::text AS id, h.instance_id, h.element_id, h.element_kind, h.event, h.actor_id, h.actor_name, h.task_id,
       h.reason, h.details, h.at
     FROM workflow.history h JOIN workflow.instances i ON i.id = h.instance_id WHERE i.root_instance_id = $1
     ORDER BY h.id`,
    [rootInstanceId],
  )
  return rows
}

// What an instance waits for (monitor) ----------------------------------------------------------------------

export type PendingJobRow = {
  kind: string
  key: string | null
  execution_id: string
  element_id: string | null
  run_at: Date
}

/**
 * The pending timers and service-task retries of an instance tree: jobs of the platform queue (ADR 0009) whose
 * payload names the tree's root. Read-only; the queue itself schedules and runs them.
 */
export async function listPendingJobs(db: Queryable, rootInstanceId: string): Promise<PendingJobRow[]> {
  const { rows } = await db.query<PendingJobRow>(
    `SELECT kind, key, payload->>'executionId' AS execution_id, payload->>'elementId' AS element_id, run_at
       FROM platform.jobs
      WHERE state = 'pending' AND kind IN ('workflow.timer', 'workflow.service-retry')
        AND payload->>'rootInstanceId' = $1::text
      ORDER BY run_at`,
    [rootInstanceId],
  )
  return rows
}

export type SubscriptionViewRow = {
  instance_id: string
  execution_id: string
  element_id: string
  message_name: string
  business_key: string | null
  created_at: Date
}

export async function listSubscriptionsOfTree(db: Queryable, rootInstanceId: string): Promise<SubscriptionViewRow[]> {
  const { rows } = await db.query<SubscriptionViewRow>(
    `SELECT instance_id, execution_id, element_id, message_name, business_key, created_at
       FROM workflow.message_subscriptions WHERE root_instance_id = $1 ORDER BY created_at`,
    [rootInstanceId],
  )
  return rows
}

// External tasks and their workers (issue 13 item 7) ---------------------------------------------------------

export type ExternalTaskRow = {
  id: string
  instance_id: string
  root_instance_id: string
  execution_id: string
  element_id: string
  topic: string
  business_key: string | null
  retries: number | null
  error_message: string | null
  worker_name: string | null
  lock_expires_at: Date | null
  created_at: Date
}

const EXTERNAL_TASK_COLUMNS = `id, instance_id, root_instance_id, execution_id, element_id, topic, business_key, retries,
  error_message, worker_name, lock_expires_at, created_at`

export async function insertExternalTask(
  db: Queryable,
  row: Pick<
    ExternalTaskRow,
    'instance_id' | 'root_instance_id' | 'execution_id' | 'element_id' | 'topic' | 'business_key' | 'created_at'
  >,
): Promise<void> {
  await db.query(
    `INSERT INTO workflow.external_tasks (instance_id, root_instance_id, execution_id, element_id, topic, business_key, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (execution_id) DO NOTHING`,
    [
      row.instance_id,
      row.root_instance_id,
      row.execution_id,
      row.element_id,
      row.topic,
      row.business_key,
      row.created_at,
    ],
  )
}

export async function deleteExternalTasksOfExecutions(db: Queryable, executionIds: string[]): Promise<void> {
  if (executionIds.length === 0) return
  await db.query('DELETE FROM workflow.external_tasks WHERE execution_id = ANY($1::uuid[])', [executionIds])
}

/**
 * Locks up to `limit` fetchable tasks of the topics for a worker: not locked (or the lock ran out), retries left,
 * instance active. SKIP LOCKED lets two workers fetch at once without taking the same task.
 */
export async function lockExternalTasks(
  tx: Transaction,
  input: { topics: string[]; limit: number; workerName: string; now: Date; lockUntil: Date },
): Promise<ExternalTaskRow[]> {
  const { rows } = await tx.query<ExternalTaskRow>(
    `WITH picked AS (
       SELECT x.id FROM workflow.external_tasks x JOIN workflow.instances i ON i.id = x.root_instance_id
        WHERE x.topic = ANY($1::text[]) AND (x.lock_expires_at IS NULL OR x.lock_expires_at <= $3)
          AND (x.retries IS NULL OR x.retries > 0) AND i.status = 'active'
        ORDER BY x.created_at, x.id LIMIT $2 FOR UPDATE OF x SKIP LOCKED)
     UPDATE workflow.external_tasks t SET worker_name = $4, lock_expires_at = $5
       FROM picked WHERE t.id = picked.id RETURNING ${EXTERNAL_TASK_COLUMNS.replace(/(\w+)/g, 't.$1')}`,
    [input.topics, input.limit, input.now, input.workerName, input.lockUntil],
  )
  return rows
}

export async function findExternalTask(db: Queryable, id: string): Promise<ExternalTaskRow | undefined> {
  const { rows } = await db.query<ExternalTaskRow>(
    `SELECT ${EXTERNAL_TASK_COLUMNS} FROM workflow.external_tasks WHERE id = $1`,
    [id],
  )
  return rows[0]
}

export async function findExternalTaskForUpdate(db: Queryable, id: string): Promise<ExternalTaskRow | undefined> {
  const { rows } = await db.query<ExternalTaskRow>(
    `SELECT ${EXTERNAL_TASK_COLUMNS} FROM workflow.external_tasks WHERE id = $1 FOR UPDATE`,
    [id],
  )
  return rows[0]
}

export async function deleteExternalTask(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM workflow.external_tasks WHERE id = $1', [id])
}

export async function recordExternalTaskFailure(
  db: Queryable,
  id: string,
  failure: { retries: number; errorMessage: string; availableAt: Date },
): Promise<void> {
  await db.query(
    `UPDATE workflow.external_tasks SET retries = $2, error_message = $3, worker_name = NULL, lock_expires_at = $4
      WHERE id = $1`,
    [id, failure.retries, failure.errorMessage, failure.availableAt],
  )
}

export async function listVariablesOfInstance(db: Queryable, instanceId: string): Promise<Record<string, unknown>> {
  const { rows } = await db.query<{ name: string; value: unknown }>(
    'SELECT name, value FROM workflow.variables WHERE instance_id = $1',
    [instanceId],
  )
  return Object.fromEntries(rows.map((row) => [row.name, row.value]))
}

export type ExternalWorkerRow = {
  id: string
  name: string
  topics: string[]
  secret_hash: string
  created_by: string | null
  created_at: Date
  disabled_at: Date | null
}

export async function insertExternalWorker(
  db: Queryable,
  row: { name: string; topics: string[]; secretHash: string; createdBy: string | null },
): Promise<ExternalWorkerRow | undefined> {
  const { rows } = await db.query<ExternalWorkerRow>(
    `INSERT INTO workflow.external_workers (name, topics, secret_hash, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO NOTHING
     RETURNING id, name, topics, secret_hash, created_by, created_at, disabled_at`,
    [row.name, row.topics, row.secretHash, row.createdBy],
  )
  return rows[0]
}

export async function findExternalWorker(db: Queryable, id: string): Promise<ExternalWorkerRow | undefined> {
  const { rows } = await db.query<ExternalWorkerRow>(
    'SELECT id, name, topics, secret_hash, created_by, created_at, disabled_at FROM workflow.external_workers WHERE id = $1',
    [id],
  )
  return rows[0]
}

export async function listExternalWorkers(db: Queryable): Promise<ExternalWorkerRow[]> {
  const { rows } = await db.query<ExternalWorkerRow>(
    'SELECT id, name, topics, secret_hash, created_by, created_at, disabled_at FROM workflow.external_workers ORDER BY name',
  )
  return rows
}

export async function disableExternalWorker(db: Queryable, id: string, at: Date): Promise<boolean> {
  const { rows } = await db.query('UPDATE workflow.external_workers SET disabled_at = $2 WHERE id = $1 RETURNING id', [
    id,
    at,
  ])
  return rows.length > 0
}
