CREATE TABLE platform.crypto_settings (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  unbound_format_refused_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE platform.crypto_settings IS 'Settings of field encryption, at most one row. No row: field ciphertexts in the first, unbound format (sm4:) are still read; an install from before ADR 0017 starts so';
COMMENT ON COLUMN platform.crypto_settings.singleton IS 'Always true: keeps the table to one row';
COMMENT ON COLUMN platform.crypto_settings.unbound_format_refused_at IS 'When the re-encryption job found no stored value left in the first format (or the install was created without any): from then on every process refuses sm4: values as invalid (ADR 0017)';
