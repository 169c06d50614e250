-- Alerts for the audit and security administrators, raised by any module through audit.raiseAlert. They replace
-- audit.alerts (which only the daily verification wrote): its rows are carried over.
CREATE TABLE audit.security_alerts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  title text NOT NULL,
  detail text,
  target text,
  first_raised_at timestamptz NOT NULL DEFAULT now(),
  last_raised_at timestamptz NOT NULL DEFAULT now(),
  count integer NOT NULL DEFAULT 1 CHECK (count >= 1),
  acknowledged_by text,
  acknowledged_by_name text,
  acknowledged_at timestamptz
);
COMMENT ON TABLE audit.security_alerts IS 'Security alerts for the audit and security administrators (a broken audit chain, login floods, …); repeats of one kind and target within minutes are counted on one row';
COMMENT ON COLUMN audit.security_alerts.id IS 'Alert number';
COMMENT ON COLUMN audit.security_alerts.kind IS 'Machine kind: audit_chain_broken, login_flood, account_locked, ciphertext_invalid, malicious_upload, admin_address_refused, …';
COMMENT ON COLUMN audit.security_alerts.title IS 'What happened, in Chinese; never personal data';
COMMENT ON COLUMN audit.security_alerts.detail IS 'Further facts in Chinese (a record number, a count); never personal data or secrets';
COMMENT ON COLUMN audit.security_alerts.target IS 'What it concerns, by id (kind:id), or null';
COMMENT ON COLUMN audit.security_alerts.first_raised_at IS 'When it was first raised';
COMMENT ON COLUMN audit.security_alerts.last_raised_at IS 'When it was last raised (repeats within the dedup window update this row)';
COMMENT ON COLUMN audit.security_alerts.count IS 'How many times it was raised on this row';
COMMENT ON COLUMN audit.security_alerts.acknowledged_by IS 'Account id of the administrator who acknowledged it';
COMMENT ON COLUMN audit.security_alerts.acknowledged_by_name IS 'Display name of that administrator at the time';
COMMENT ON COLUMN audit.security_alerts.acknowledged_at IS 'When it was acknowledged; null while open';
CREATE INDEX security_alerts_open_idx ON audit.security_alerts (kind, target, last_raised_at) WHERE acknowledged_at IS NULL;

INSERT INTO audit.security_alerts (kind, title, detail, target, first_raised_at, last_raised_at, acknowledged_by, acknowledged_at)
SELECT 'audit_chain_broken', '审计链校验失败', message,
       CASE WHEN first_broken_seq IS NULL THEN NULL ELSE 'audit_record:' || first_broken_seq END,
       raised_at, raised_at, acknowledged_by::text, acknowledged_at
FROM audit.alerts ORDER BY id;
DROP TABLE audit.alerts;
