CREATE SCHEMA workflow;
COMMENT ON SCHEMA workflow IS 'BPMN 2.0 workflow engine: process versions, instances, tokens, tasks, variables, history';

CREATE TABLE workflow.definitions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  process_key text NOT NULL,
  version integer NOT NULL,
  name text NOT NULL,
  xml text NOT NULL,
  model jsonb NOT NULL,
  checksum text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  warnings jsonb NOT NULL DEFAULT '[]',
  deployed_by uuid,
  deployed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (process_key, version)
);
COMMENT ON TABLE workflow.definitions IS '流程定义: one deployed version of a BPMN process; running instances stay on their version';
COMMENT ON COLUMN workflow.definitions.id IS 'Surrogate key; instances refer to it';
COMMENT ON COLUMN workflow.definitions.process_key IS 'The BPMN process id; versions of one process share it';
COMMENT ON COLUMN workflow.definitions.version IS 'Version number within the process key, from 1';
COMMENT ON COLUMN workflow.definitions.name IS 'Process name from the BPMN file';
COMMENT ON COLUMN workflow.definitions.xml IS 'The deployed BPMN 2.0 XML, unchanged (the designer and the monitor draw it)';
COMMENT ON COLUMN workflow.definitions.model IS 'The compiled executable model (process-model.ts), derived from xml';
COMMENT ON COLUMN workflow.definitions.checksum IS 'SM3 of xml: deploying the same file twice makes no new version';
COMMENT ON COLUMN workflow.definitions.status IS 'active, or disabled (no new instances; running ones go on)';
COMMENT ON COLUMN workflow.definitions.warnings IS 'Deployment warnings, e.g. vendor extensions the engine ignores';
COMMENT ON COLUMN workflow.definitions.deployed_by IS 'Account that deployed it (identity account id)';
COMMENT ON COLUMN workflow.definitions.deployed_at IS 'When it was deployed';

CREATE TABLE workflow.instances (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  definition_id uuid NOT NULL REFERENCES workflow.definitions (id),
  root_instance_id uuid NOT NULL,
  parent_instance_id uuid REFERENCES workflow.instances (id),
  parent_execution_id uuid,
  business_key text,
  lead_department_id uuid,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'completed', 'terminated', 'cancelled')),
  started_by uuid,
  started_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  end_reason text
);
COMMENT ON TABLE workflow.instances IS '流程实例: one run of a process version';
COMMENT ON COLUMN workflow.instances.id IS 'Surrogate key';
COMMENT ON COLUMN workflow.instances.definition_id IS 'The process version it runs';
COMMENT ON COLUMN workflow.instances.root_instance_id IS 'Top of the call-activity tree; every step locks this row first';
COMMENT ON COLUMN workflow.instances.parent_instance_id IS 'Call activity: the calling instance';
COMMENT ON COLUMN workflow.instances.parent_execution_id IS 'Call activity: the token waiting in the calling instance';
COMMENT ON COLUMN workflow.instances.business_key IS 'The business record it serves, e.g. case:<id>';
COMMENT ON COLUMN workflow.instances.lead_department_id IS '牵头部门: lead department (identity department id)';
COMMENT ON COLUMN workflow.instances.status IS 'active, suspended, completed, terminated (terminate end or 特殊办结) or cancelled';
COMMENT ON COLUMN workflow.instances.started_by IS 'Account that started it; null when started by the system';
COMMENT ON COLUMN workflow.instances.started_at IS 'When it started';
COMMENT ON COLUMN workflow.instances.ended_at IS 'When it ended';
COMMENT ON COLUMN workflow.instances.end_reason IS 'Why it ended early (特殊办结, cancel)';
CREATE INDEX instances_root_instance_id_idx ON workflow.instances (root_instance_id);
CREATE INDEX instances_definition_id_idx ON workflow.instances (definition_id, status);

CREATE TABLE workflow.executions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES workflow.instances (id) ON DELETE CASCADE,
  parent_id uuid REFERENCES workflow.executions (id) ON DELETE CASCADE,
  element_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('scope', 'token', 'multi')),
  state text NOT NULL CHECK (state IN ('active', 'waiting', 'joining')),
  arrived_by text,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE workflow.executions IS 'Tokens and scopes of running instances; a row exists only while it is alive';
COMMENT ON COLUMN workflow.executions.id IS 'Surrogate key; tasks, timers and subscriptions refer to it';
COMMENT ON COLUMN workflow.executions.instance_id IS 'The instance it belongs to';
COMMENT ON COLUMN workflow.executions.parent_id IS 'The enclosing scope (process, subprocess or multi-instance body)';
COMMENT ON COLUMN workflow.executions.element_id IS 'BPMN element where the token is, or the scope element';
COMMENT ON COLUMN workflow.executions.kind IS 'scope (process/subprocess), token, or multi (multi-instance body)';
COMMENT ON COLUMN workflow.executions.state IS 'waiting at a task or event, joining at a gateway, or active';
COMMENT ON COLUMN workflow.executions.arrived_by IS 'Sequence flow the token arrived by (gateway joins count these)';
COMMENT ON COLUMN workflow.executions.data IS 'Engine bookkeeping: multi-instance counters, timer job keys, retry attempts';
COMMENT ON COLUMN workflow.executions.created_at IS 'When the token arrived';
CREATE INDEX executions_instance_id_idx ON workflow.executions (instance_id);

CREATE TABLE workflow.variables (
  instance_id uuid NOT NULL REFERENCES workflow.instances (id) ON DELETE CASCADE,
  name text NOT NULL,
  value jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (instance_id, name)
);
COMMENT ON TABLE workflow.variables IS 'Process variables, one row each (JSON values)';
COMMENT ON COLUMN workflow.variables.instance_id IS 'The instance';
COMMENT ON COLUMN workflow.variables.name IS 'Variable name as used in conditions';
COMMENT ON COLUMN workflow.variables.value IS 'JSON value';
COMMENT ON COLUMN workflow.variables.updated_at IS 'Last change';

CREATE TABLE workflow.tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES workflow.instances (id) ON DELETE CASCADE,
  root_instance_id uuid NOT NULL,
  execution_id uuid NOT NULL,
  element_id text NOT NULL,
  name text NOT NULL,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'completed', 'cancelled')),
  assignee_id uuid,
  owner_id uuid,
  candidate_department_id uuid,
  candidate_role text,
  form_key text,
  opinion_required boolean NOT NULL DEFAULT false,
  due_at timestamptz,
  previous_actor_id uuid,
  previous_task_id uuid,
  opened_at timestamptz,
  chased_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  completed_by uuid,
  outcome text,
  opinion text,
  form_data jsonb
);
COMMENT ON TABLE workflow.tasks IS '待办任务: one user task for staff; completed and cancelled ones stay as records';
COMMENT ON COLUMN workflow.tasks.id IS 'Surrogate key';
COMMENT ON COLUMN workflow.tasks.instance_id IS 'The instance';
COMMENT ON COLUMN workflow.tasks.root_instance_id IS 'Root instance (the row each step locks)';
COMMENT ON COLUMN workflow.tasks.execution_id IS 'The token waiting at the task';
COMMENT ON COLUMN workflow.tasks.element_id IS 'BPMN user task id';
COMMENT ON COLUMN workflow.tasks.name IS 'Task name shown in the inbox';
COMMENT ON COLUMN workflow.tasks.state IS 'open, completed, or cancelled (boundary event, return, end)';
COMMENT ON COLUMN workflow.tasks.assignee_id IS 'Account it is assigned to or claimed by; null while unclaimed';
COMMENT ON COLUMN workflow.tasks.owner_id IS '委派: the account that delegated it and gets it back';
COMMENT ON COLUMN workflow.tasks.candidate_department_id IS 'Department whose staff may claim it (identity department id)';
COMMENT ON COLUMN workflow.tasks.candidate_role IS 'Role required to claim it, null for any role';
COMMENT ON COLUMN workflow.tasks.form_key IS 'Form reference (tongban:formKey)';
COMMENT ON COLUMN workflow.tasks.opinion_required IS 'An opinion (审批意见) must be given to complete it';
COMMENT ON COLUMN workflow.tasks.due_at IS 'Deadline from tongban:dueWorkingDays on the working-day calendar';
COMMENT ON COLUMN workflow.tasks.previous_actor_id IS 'Who completed the step before (收回, previous-leader rule)';
COMMENT ON COLUMN workflow.tasks.previous_task_id IS 'The task whose completion created this one';
COMMENT ON COLUMN workflow.tasks.opened_at IS 'First time the assignee opened it; 收回 is allowed only before';
COMMENT ON COLUMN workflow.tasks.chased_at IS 'Last 催办 (chase)';
COMMENT ON COLUMN workflow.tasks.created_at IS 'When the task was created';
COMMENT ON COLUMN workflow.tasks.completed_at IS 'When it was completed or cancelled';
COMMENT ON COLUMN workflow.tasks.completed_by IS 'Account that completed it';
COMMENT ON COLUMN workflow.tasks.outcome IS 'How it ended: completed, returned, taken-back, special-end, cancelled';
COMMENT ON COLUMN workflow.tasks.opinion IS '审批意见 given on completion';
COMMENT ON COLUMN workflow.tasks.form_data IS 'Form data submitted on completion';
CREATE INDEX tasks_assignee_open_idx ON workflow.tasks (assignee_id, due_at) WHERE state = 'open';
CREATE INDEX tasks_department_open_idx ON workflow.tasks (candidate_department_id, due_at) WHERE state = 'open' AND assignee_id IS NULL;
CREATE INDEX tasks_execution_id_idx ON workflow.tasks (execution_id) WHERE state = 'open';
CREATE INDEX tasks_instance_id_idx ON workflow.tasks (instance_id);

CREATE TABLE workflow.task_copies (
  task_id uuid NOT NULL REFERENCES workflow.tasks (id) ON DELETE CASCADE,
  account_id uuid NOT NULL,
  copied_by uuid NOT NULL,
  note text,
  copied_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  PRIMARY KEY (task_id, account_id)
);
COMMENT ON TABLE workflow.task_copies IS '抄送: staff a task was copied to for information';
COMMENT ON COLUMN workflow.task_copies.task_id IS 'The task';
COMMENT ON COLUMN workflow.task_copies.account_id IS 'Who receives the copy';
COMMENT ON COLUMN workflow.task_copies.copied_by IS 'Who copied it';
COMMENT ON COLUMN workflow.task_copies.note IS 'Note to the receiver';
COMMENT ON COLUMN workflow.task_copies.copied_at IS 'When';
COMMENT ON COLUMN workflow.task_copies.read_at IS 'When the receiver read it';
CREATE INDEX task_copies_account_id_idx ON workflow.task_copies (account_id);

CREATE TABLE workflow.message_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES workflow.instances (id) ON DELETE CASCADE,
  root_instance_id uuid NOT NULL,
  execution_id uuid NOT NULL,
  element_id text NOT NULL,
  message_name text NOT NULL,
  business_key text,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE workflow.message_subscriptions IS 'Tokens waiting for a message (e.g. the applicant''s supplement)';
COMMENT ON COLUMN workflow.message_subscriptions.id IS 'Surrogate key';
COMMENT ON COLUMN workflow.message_subscriptions.instance_id IS 'The waiting instance';
COMMENT ON COLUMN workflow.message_subscriptions.root_instance_id IS 'Root instance (locked when the message is delivered)';
COMMENT ON COLUMN workflow.message_subscriptions.execution_id IS 'The waiting token (or the activity with a message boundary)';
COMMENT ON COLUMN workflow.message_subscriptions.element_id IS 'The catch or boundary event';
COMMENT ON COLUMN workflow.message_subscriptions.message_name IS 'BPMN message name';
COMMENT ON COLUMN workflow.message_subscriptions.business_key IS 'Instance business key, to correlate';
COMMENT ON COLUMN workflow.message_subscriptions.created_at IS 'When it started waiting';
CREATE INDEX message_subscriptions_name_idx ON workflow.message_subscriptions (message_name, business_key);

CREATE TABLE workflow.incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES workflow.instances (id) ON DELETE CASCADE,
  execution_id uuid NOT NULL,
  element_id text NOT NULL,
  message text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
COMMENT ON TABLE workflow.incidents IS '事件: a service task whose retries ran out, waiting for an administrator';
COMMENT ON COLUMN workflow.incidents.id IS 'Surrogate key';
COMMENT ON COLUMN workflow.incidents.instance_id IS 'The instance';
COMMENT ON COLUMN workflow.incidents.execution_id IS 'The stuck token';
COMMENT ON COLUMN workflow.incidents.element_id IS 'The service task';
COMMENT ON COLUMN workflow.incidents.message IS 'The last error message';
COMMENT ON COLUMN workflow.incidents.created_at IS 'When the retries ran out';
COMMENT ON COLUMN workflow.incidents.resolved_at IS 'When an administrator retried it';

CREATE TABLE workflow.history (
  id bigserial PRIMARY KEY,
  instance_id uuid NOT NULL REFERENCES workflow.instances (id) ON DELETE CASCADE,
  element_id text,
  element_kind text,
  event text NOT NULL,
  actor_id uuid,
  actor_name text,
  task_id uuid,
  reason text,
  details jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE workflow.history IS 'Every engine step and inbox action, in order: the instance timeline';
COMMENT ON COLUMN workflow.history.id IS 'Order of events';
COMMENT ON COLUMN workflow.history.instance_id IS 'The instance';
COMMENT ON COLUMN workflow.history.element_id IS 'BPMN element, when the event concerns one';
COMMENT ON COLUMN workflow.history.element_kind IS 'Element kind (userTask, parallelGateway, …)';
COMMENT ON COLUMN workflow.history.event IS 'element.completed, task.created, task.claimed, task.returned, instance.suspended, …';
COMMENT ON COLUMN workflow.history.actor_id IS 'Account that acted; null for the engine itself (timers)';
COMMENT ON COLUMN workflow.history.actor_name IS 'Actor display name at the time';
COMMENT ON COLUMN workflow.history.task_id IS 'The task concerned';
COMMENT ON COLUMN workflow.history.reason IS 'Reason or opinion the actor gave';
COMMENT ON COLUMN workflow.history.details IS 'Further facts (target step, delegate, variables changed)';
COMMENT ON COLUMN workflow.history.at IS 'When';
CREATE INDEX history_instance_id_idx ON workflow.history (instance_id, id);
