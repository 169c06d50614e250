CREATE SCHEMA audit;
COMMENT ON SCHEMA audit IS 'Tamper-evident audit trail: every state-changing request, in an SM3 hash chain';

CREATE TABLE audit.records (
  seq bigint PRIMARY KEY,
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
  details jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
COMMENT ON TABLE audit.records IS 'Audit records, one per audited action, chained: hash = SM3(prev_hash | canonical record)';
COMMENT ON COLUMN audit.records.seq IS 'Gapless sequence number; a gap means a deleted record';
COMMENT ON COLUMN audit.records.occurred_at IS 'When the action happened (millisecond precision, part of the hash)';
COMMENT ON COLUMN audit.records.actor_id IS 'Account id of who acted; null for anonymous requests';
COMMENT ON COLUMN audit.records.actor_name IS 'Display name of the actor at the time (names change; the record must not)';
COMMENT ON COLUMN audit.records.roles IS 'Role codes the actor held at the time';
COMMENT ON COLUMN audit.records.department_id IS 'Department of the actor at the time';
COMMENT ON COLUMN audit.records.department_name IS 'Department name at the time';
COMMENT ON COLUMN audit.records.action IS 'What was done: a module action such as auth.login, or METHOD /route for generic records';
COMMENT ON COLUMN audit.records.target IS 'What it was done to, by id (never personal data)';
COMMENT ON COLUMN audit.records.result IS 'success, failure (refused or failed) or denied (not authenticated or not permitted)';
COMMENT ON COLUMN audit.records.client_address IS 'Client IP address as the server saw it';
COMMENT ON COLUMN audit.records.request_id IS 'Request id, to match the record with logs';
COMMENT ON COLUMN audit.records.details IS 'Further facts (error code, counts); never personal data or secrets';
COMMENT ON COLUMN audit.records.prev_hash IS 'Hash of the previous record (64 zeros for the first)';
COMMENT ON COLUMN audit.records.hash IS 'SM3 over prev_hash and this record''s canonical form';
CREATE INDEX audit_records_occurred_at_idx ON audit.records (occurred_at);
CREATE INDEX audit_records_actor_id_idx ON audit.records (actor_id);
CREATE INDEX audit_records_action_idx ON audit.records (action);

CREATE TABLE audit.chain_head (
  id integer PRIMARY KEY CHECK (id = 1),
  last_seq bigint NOT NULL,
  last_hash text NOT NULL
);
COMMENT ON TABLE audit.chain_head IS 'The end of the chain; its row lock serializes appends so the chain never forks';
COMMENT ON COLUMN audit.chain_head.id IS 'Always 1: there is one chain';
COMMENT ON COLUMN audit.chain_head.last_seq IS 'seq of the newest record (0 when empty)';
COMMENT ON COLUMN audit.chain_head.last_hash IS 'hash of the newest record';
INSERT INTO audit.chain_head (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64));
