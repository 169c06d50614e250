-- A record is written in the transaction of the change it describes, and linked into the hash chain just after
-- that commits, many at a time. Locking the chain head inside every audited transaction made all of them queue on
-- one row until their COMMIT; now only the short linking transactions do, each carrying a batch.
CREATE TABLE audit.pending_records (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  actor_id text,
  actor_name text,
  roles text[] NOT NULL DEFAULT '{}',
  department_id text,
  department_name text,
  action text NOT NULL,
  target text,
  result text NOT NULL CHECK (result IN ('success', 'failure', 'denied')),
  client_address text,
  request_id text,
  details jsonb
);
COMMENT ON TABLE audit.pending_records IS 'Committed audit records not yet linked into the chain (moved to audit.records within moments)';
COMMENT ON COLUMN audit.pending_records.id IS 'Arrival order; records are linked in this order';
COMMENT ON COLUMN audit.pending_records.occurred_at IS 'When the action happened';
COMMENT ON COLUMN audit.pending_records.actor_id IS 'Account id of who acted; null for anonymous requests';
COMMENT ON COLUMN audit.pending_records.actor_name IS 'Display name of who acted, as it was then';
COMMENT ON COLUMN audit.pending_records.roles IS 'Role codes of who acted, as they were then';
COMMENT ON COLUMN audit.pending_records.department_id IS 'Department of who acted';
COMMENT ON COLUMN audit.pending_records.department_name IS 'Department name, as it was then';
COMMENT ON COLUMN audit.pending_records.action IS 'What was done (module.object.verb)';
COMMENT ON COLUMN audit.pending_records.target IS 'What it was done to (kind:id)';
COMMENT ON COLUMN audit.pending_records.result IS 'success, failure or denied';
COMMENT ON COLUMN audit.pending_records.client_address IS 'Client address of the request';
COMMENT ON COLUMN audit.pending_records.request_id IS 'Request id, to match logs';
COMMENT ON COLUMN audit.pending_records.details IS 'Further facts (never personal data or secrets)';
