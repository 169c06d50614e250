CREATE TABLE cases.materials (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases.cases (id),
  material_code text NOT NULL,
  material_name text NOT NULL,
  file_name_cipher text NOT NULL,
  detected_kind text NOT NULL CHECK (detected_kind IN ('pdf', 'jpg', 'png', 'ofd')),
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  sm3_digest char(64) NOT NULL CHECK (sm3_digest ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL UNIQUE,
  uploaded_by uuid NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  superseded boolean NOT NULL DEFAULT false,
  superseded_at timestamptz,
  superseded_by uuid,
  replaced_by uuid REFERENCES cases.materials (id),
  CHECK (superseded = (superseded_at IS NOT NULL))
);
COMMENT ON TABLE cases.materials IS '申请材料 of a case: one row per uploaded file; the bytes are in the file store, SM4-encrypted';
COMMENT ON COLUMN cases.materials.id IS 'Surrogate key (materialId); also the last part of the storage key';
COMMENT ON COLUMN cases.materials.case_id IS 'The case the material belongs to';
COMMENT ON COLUMN cases.materials.material_code IS 'Which material of the guide it provides (catalog Material id, e.g. m1)';
COMMENT ON COLUMN cases.materials.material_name IS 'That material''s name in the guide version the case was filed under (public data)';
COMMENT ON COLUMN cases.materials.file_name_cipher IS 'Original file name, SM4-encrypted and bound to this row (it may name a person)';
COMMENT ON COLUMN cases.materials.detected_kind IS 'Type decided from the content (pdf, jpg, png, ofd), never from the name';
COMMENT ON COLUMN cases.materials.size_bytes IS 'Size of the plaintext file in bytes';
COMMENT ON COLUMN cases.materials.sm3_digest IS 'SM3 digest (hex) of the plaintext file, to prove later what was submitted';
COMMENT ON COLUMN cases.materials.storage_key IS 'Key in the file store (materials/<case id>/<material id>); the ciphertext is bound to it';
COMMENT ON COLUMN cases.materials.uploaded_by IS 'Account that uploaded it (applicant, agent or window clerk)';
COMMENT ON COLUMN cases.materials.uploaded_at IS 'When it was uploaded';
COMMENT ON COLUMN cases.materials.superseded IS 'True once replaced or withdrawn: kept for the record, no longer part of the application';
COMMENT ON COLUMN cases.materials.superseded_at IS 'When it was replaced or withdrawn';
COMMENT ON COLUMN cases.materials.superseded_by IS 'Account that replaced or withdrew it';
COMMENT ON COLUMN cases.materials.replaced_by IS 'The material that replaced it, if any';
CREATE INDEX materials_case_idx ON cases.materials (case_id, uploaded_at);
