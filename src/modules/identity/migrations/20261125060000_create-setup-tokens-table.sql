CREATE TABLE identity.setup_tokens (
  token_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
COMMENT ON TABLE identity.setup_tokens IS 'One-time tokens that create the first system administrator of a production install';
COMMENT ON COLUMN identity.setup_tokens.token_hash IS 'SHA-256 of the token printed at first start (the token itself is never stored)';
COMMENT ON COLUMN identity.setup_tokens.created_at IS 'When the token was printed';
COMMENT ON COLUMN identity.setup_tokens.expires_at IS 'The token works until then (24 hours)';
COMMENT ON COLUMN identity.setup_tokens.used_at IS 'When it created the administrator; a used token never works again';
