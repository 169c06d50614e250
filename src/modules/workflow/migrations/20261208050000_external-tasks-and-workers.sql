-- External tasks (issue 13 item 7): a service task whose work an outside system does (camunda:type="external",
-- zeebe:taskDefinition, tongban:topic) waits as a row here until a worker fetches, locks and completes it.
CREATE TABLE workflow.external_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES workflow.instances (id) ON DELETE CASCADE,
  root_instance_id uuid NOT NULL,
  execution_id uuid NOT NULL,
  element_id text NOT NULL,
  topic text NOT NULL,
  business_key text,
  retries integer,
  error_message text,
  worker_name text,
  lock_expires_at timestamptz,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE workflow.external_tasks IS 'Service tasks waiting for an outside worker (fetch-and-lock by topic)';
COMMENT ON COLUMN workflow.external_tasks.id IS 'External task id given to workers';
COMMENT ON COLUMN workflow.external_tasks.instance_id IS 'The instance whose token waits';
COMMENT ON COLUMN workflow.external_tasks.root_instance_id IS 'Root of the instance tree: the row every step locks first';
COMMENT ON COLUMN workflow.external_tasks.execution_id IS 'The waiting token';
COMMENT ON COLUMN workflow.external_tasks.element_id IS 'The service task element';
COMMENT ON COLUMN workflow.external_tasks.topic IS 'Topic workers fetch by (camunda:topic, zeebe type, tongban:topic)';
COMMENT ON COLUMN workflow.external_tasks.business_key IS 'Business key of the instance (e.g. case:<id>), for the worker';
COMMENT ON COLUMN workflow.external_tasks.retries IS 'Retries left as the worker last reported; 0 means an incident';
COMMENT ON COLUMN workflow.external_tasks.error_message IS 'Last failure the worker reported';
COMMENT ON COLUMN workflow.external_tasks.worker_name IS 'Worker holding the lock';
COMMENT ON COLUMN workflow.external_tasks.lock_expires_at IS 'Lock end; after it another worker may fetch the task';
COMMENT ON COLUMN workflow.external_tasks.created_at IS 'When the token reached the service task';
CREATE UNIQUE INDEX external_tasks_execution_idx ON workflow.external_tasks (execution_id);
CREATE INDEX external_tasks_topic_idx ON workflow.external_tasks (topic, created_at);

-- Service accounts of outside workers: created by the system administrator, scoped to topics, secret stored hashed.
CREATE TABLE workflow.external_workers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  topics text[] NOT NULL,
  secret_hash text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
COMMENT ON TABLE workflow.external_workers IS 'Service accounts of external task workers (e.g. a licence printer)';
COMMENT ON COLUMN workflow.external_workers.id IS 'Worker id, the first part of its token';
COMMENT ON COLUMN workflow.external_workers.name IS 'Worker name, shown in history and locks';
COMMENT ON COLUMN workflow.external_workers.topics IS 'Topics the worker may fetch and complete';
COMMENT ON COLUMN workflow.external_workers.secret_hash IS 'SM3 digest of the secret part of its token';
COMMENT ON COLUMN workflow.external_workers.created_by IS 'System administrator who created it';
COMMENT ON COLUMN workflow.external_workers.created_at IS 'When it was created';
COMMENT ON COLUMN workflow.external_workers.disabled_at IS 'When it was disabled; a disabled worker is refused';
