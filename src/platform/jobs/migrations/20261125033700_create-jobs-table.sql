CREATE TABLE platform.jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  key text,
  payload jsonb NOT NULL DEFAULT 'null',
  run_at timestamptz NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL,
  done_at timestamptz
);
COMMENT ON TABLE platform.jobs IS 'Background jobs and timers: a row is claimed with FOR UPDATE SKIP LOCKED and marked done in the transaction that runs its handler, so it takes effect exactly once across processes';
COMMENT ON COLUMN platform.jobs.id IS 'Job id';
COMMENT ON COLUMN platform.jobs.kind IS 'Which registered handler runs the job, e.g. workflow.timer; a process only claims kinds it has a handler for';
COMMENT ON COLUMN platform.jobs.key IS 'Idempotency key: at most one pending job per key (e.g. one timer per boundary event and token)';
COMMENT ON COLUMN platform.jobs.payload IS 'Handler input as JSON (ids, not personal data)';
COMMENT ON COLUMN platform.jobs.run_at IS 'When the job becomes due; after a failure, when it is tried again';
COMMENT ON COLUMN platform.jobs.state IS 'pending (waiting or due), done (handler committed), failed (attempts used up: an incident), cancelled';
COMMENT ON COLUMN platform.jobs.attempts IS 'How many times the handler has run (including the successful run)';
COMMENT ON COLUMN platform.jobs.last_error IS 'Message of the last failed attempt';
COMMENT ON COLUMN platform.jobs.created_at IS 'When the job was scheduled (queue clock)';
COMMENT ON COLUMN platform.jobs.done_at IS 'When it was done, failed for good or cancelled (queue clock)';
-- The claim query reads only pending rows in run_at order; done rows pile up and must not slow it down.
CREATE INDEX jobs_pending_run_at_idx ON platform.jobs (run_at) WHERE state = 'pending';
CREATE UNIQUE INDEX jobs_pending_key_idx ON platform.jobs (key) WHERE state = 'pending' AND key IS NOT NULL;
CREATE INDEX jobs_failed_idx ON platform.jobs (done_at) WHERE state = 'failed';
