CREATE SCHEMA IF NOT EXISTS platform;

CREATE TABLE platform.idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
  status_code integer,
  body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
COMMENT ON TABLE platform.idempotency_keys IS 'Answers to POST requests sent with an Idempotency-Key, replayed on retry';
COMMENT ON COLUMN platform.idempotency_keys.scope IS 'SHA-256 of the caller (session or client address): keys are per caller';
COMMENT ON COLUMN platform.idempotency_keys.key IS 'The Idempotency-Key header as sent';
COMMENT ON COLUMN platform.idempotency_keys.fingerprint IS 'SHA-256 of method, URL and body: the same key for another request is refused';
COMMENT ON COLUMN platform.idempotency_keys.state IS 'pending while the first attempt runs, done once answered';
COMMENT ON COLUMN platform.idempotency_keys.status_code IS 'HTTP status of the first answer';
COMMENT ON COLUMN platform.idempotency_keys.body IS 'Body of the first answer, replayed as is';
COMMENT ON COLUMN platform.idempotency_keys.created_at IS 'When the first attempt arrived; keys older than a day are purged';
CREATE INDEX idempotency_keys_created_at_idx ON platform.idempotency_keys (created_at);
