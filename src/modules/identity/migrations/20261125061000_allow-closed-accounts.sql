ALTER TABLE identity.accounts DROP CONSTRAINT accounts_status_check;
ALTER TABLE identity.accounts ADD CONSTRAINT accounts_status_check CHECK (status IN ('active', 'disabled', 'closed'));
ALTER TABLE identity.accounts ADD COLUMN closed_at timestamptz;
COMMENT ON COLUMN identity.accounts.status IS 'active, disabled (by the system administrator) or closed (by the account holder)';
COMMENT ON COLUMN identity.accounts.closed_at IS 'When the holder closed the account; what the law requires to keep stays, the rest is erased';
