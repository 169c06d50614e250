-- Audit records are append-only: the application (and anyone without the right to switch off triggers)
-- cannot change or remove them. A database superuser still can, which is why the hash chain exists.
CREATE FUNCTION audit.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit records are append-only (审计记录只能追加，不能修改或删除)' USING ERRCODE = '42501';
END;
$$;
COMMENT ON FUNCTION audit.refuse_change() IS 'Refuses UPDATE, DELETE and TRUNCATE on audit.records';

CREATE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON audit.records
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER records_no_truncate BEFORE TRUNCATE ON audit.records
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

CREATE TABLE audit.alerts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  raised_at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  message text NOT NULL,
  first_broken_seq bigint,
  acknowledged_at timestamptz,
  acknowledged_by uuid
);
COMMENT ON TABLE audit.alerts IS 'Alerts for the audit administrator, e.g. a broken chain found by the daily verification';
COMMENT ON COLUMN audit.alerts.id IS 'Alert number';
COMMENT ON COLUMN audit.alerts.raised_at IS 'When it was raised';
COMMENT ON COLUMN audit.alerts.kind IS 'chain_broken';
COMMENT ON COLUMN audit.alerts.message IS 'What was found (Chinese)';
COMMENT ON COLUMN audit.alerts.first_broken_seq IS 'The first broken record, for chain_broken';
COMMENT ON COLUMN audit.alerts.acknowledged_at IS 'When the audit administrator acknowledged it';
COMMENT ON COLUMN audit.alerts.acknowledged_by IS 'Who acknowledged it';
