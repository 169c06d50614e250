CREATE TABLE cases.notices (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases.cases (id),
  kind text NOT NULL CHECK (kind IN ('receipt', 'acceptance', 'non_acceptance', 'supplement', 'grant', 'denial')),
  number text NOT NULL UNIQUE,
  data_cipher text NOT NULL,
  pdf_cipher text,
  pdf_sm3 text CHECK (pdf_sm3 ~ '^[0-9a-f]{64}$'),
  pdf_bytes integer CHECK (pdf_bytes > 0),
  page_count integer CHECK (page_count > 0),
  rendered_at timestamptz,
  issued_by uuid,
  issued_at timestamptz NOT NULL,
  CHECK ((pdf_cipher IS NULL) = (pdf_sm3 IS NULL) AND (pdf_cipher IS NULL) = (pdf_bytes IS NULL)
    AND (pdf_cipher IS NULL) = (page_count IS NULL) AND (pdf_cipher IS NULL) = (rendered_at IS NULL))
);
COMMENT ON TABLE cases.notices IS '办件文书: the PDF notices of a case (收件凭证, 受理通知书, 不予受理决定书, 补正告知书, 准予/不予行政许可决定书), encrypted, ready to be sealed (ADR 0023)';
COMMENT ON COLUMN cases.notices.id IS 'Surrogate key (noticeId); bound into both ciphertexts of the row';
COMMENT ON COLUMN cases.notices.case_id IS 'The case the notice belongs to';
COMMENT ON COLUMN cases.notices.kind IS 'receipt 收件凭证 | acceptance 受理通知书 | non_acceptance 不予受理决定书 | supplement 补正告知书 | grant 准予行政许可决定书 | denial 不予行政许可决定书';
COMMENT ON COLUMN cases.notices.number IS '文书编号: case number, kind code and ordinal (320581-20261208-000123-SL01); printed on the notice, never reused';
COMMENT ON COLUMN cases.notices.data_cipher IS 'The facts the PDF is drawn from (JSON, applicant name included): sm4b field ciphertext bound to this row; rendering them again gives the same bytes';
COMMENT ON COLUMN cases.notices.pdf_cipher IS 'The PDF (base64) as an sm4b field ciphertext bound to this row: no %PDF in the table. Null until drawn: a job draws it after the issuing transaction commits, or the first download does (same bytes either way)';
COMMENT ON COLUMN cases.notices.pdf_sm3 IS 'SM3 of the PDF bytes (hex): what a seal signs, and how a copy is checked';
COMMENT ON COLUMN cases.notices.pdf_bytes IS 'Size of the PDF in bytes';
COMMENT ON COLUMN cases.notices.page_count IS 'Pages of the PDF; the seal goes on the last one (ADR 0023)';
COMMENT ON COLUMN cases.notices.rendered_at IS 'When the PDF was drawn and stored';
COMMENT ON COLUMN cases.notices.issued_by IS 'Account that issued the notice (null: issued by the system)';
COMMENT ON COLUMN cases.notices.issued_at IS 'When the notice was issued; also the PDF''s creation date';
CREATE INDEX notices_case_idx ON cases.notices (case_id, issued_at);
