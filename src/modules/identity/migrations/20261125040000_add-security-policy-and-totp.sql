ALTER TABLE identity.accounts
  ADD COLUMN totp_secret_cipher text,
  ADD COLUMN totp_pending_cipher text,
  ADD COLUMN totp_last_step bigint,
  ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT now();
COMMENT ON COLUMN identity.accounts.totp_secret_cipher IS 'TOTP second-factor secret, SM4-encrypted; null until enrolled';
COMMENT ON COLUMN identity.accounts.totp_pending_cipher IS 'TOTP secret being enrolled, SM4-encrypted; becomes totp_secret_cipher once a code verifies';
COMMENT ON COLUMN identity.accounts.totp_last_step IS 'Time step of the last accepted TOTP code: a code is never accepted twice';
COMMENT ON COLUMN identity.accounts.password_changed_at IS 'When the password was last set; drives password expiry';

ALTER TABLE identity.sessions
  ADD COLUMN restriction text CHECK (restriction IN ('totp_enrollment', 'password_change'));
COMMENT ON COLUMN identity.sessions.restriction IS 'A session that may only enrol TOTP or change the password before it becomes a full session';

CREATE TABLE identity.password_history (
  account_id uuid NOT NULL REFERENCES identity.accounts (id) ON DELETE CASCADE,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE identity.password_history IS 'Earlier password hashes, so a password is not reused within the policy''s history count';
COMMENT ON COLUMN identity.password_history.account_id IS 'The account';
COMMENT ON COLUMN identity.password_history.password_hash IS 'scrypt hash of an earlier password';
COMMENT ON COLUMN identity.password_history.created_at IS 'When that password was set';
CREATE INDEX password_history_account_idx ON identity.password_history (account_id, created_at DESC);

CREATE TABLE identity.security_policy (
  id integer PRIMARY KEY CHECK (id = 1),
  policy jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);
COMMENT ON TABLE identity.security_policy IS 'Password and session policy set by the security administrator (one row)';
COMMENT ON COLUMN identity.security_policy.id IS 'Always 1';
COMMENT ON COLUMN identity.security_policy.policy IS 'The policy as JSON (see security-policy.ts); missing keys take defaults';
COMMENT ON COLUMN identity.security_policy.updated_at IS 'When it was last changed';
COMMENT ON COLUMN identity.security_policy.updated_by IS 'Account of the security administrator who changed it';
