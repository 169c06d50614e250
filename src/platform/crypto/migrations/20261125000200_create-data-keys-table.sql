CREATE SCHEMA IF NOT EXISTS platform;

CREATE TABLE platform.data_keys (
  purpose text NOT NULL CHECK (purpose IN ('field', 'blind-index')),
  version integer NOT NULL CHECK (version > 0),
  wrapped_key bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  PRIMARY KEY (purpose, version)
);
COMMENT ON TABLE platform.data_keys IS 'Data keys for field encryption and blind indexes, each wrapped under the master key; old versions stay to decrypt old data';
COMMENT ON COLUMN platform.data_keys.purpose IS 'field: SM4 field encryption; blind-index: HMAC-SM3 blind indexes. Each purpose has its own version sequence';
COMMENT ON COLUMN platform.data_keys.version IS 'Key version within its purpose, 1, 2, 3...; field ciphertexts carry it as sm4:v<version>:';
COMMENT ON COLUMN platform.data_keys.wrapped_key IS 'The 32-byte data key sealed under the master key: iv || SM4-CBC ciphertext || HMAC-SM3 tag; never the raw key';
COMMENT ON COLUMN platform.data_keys.created_at IS 'When this version was created';
COMMENT ON COLUMN platform.data_keys.retired_at IS 'When a newer version replaced it for encryption; NULL marks the active version. A retired key still decrypts';
-- At most one active key per purpose: two processes rotating at once cannot both win.
CREATE UNIQUE INDEX data_keys_one_active_per_purpose ON platform.data_keys (purpose) WHERE retired_at IS NULL;
