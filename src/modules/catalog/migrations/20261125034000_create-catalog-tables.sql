CREATE SCHEMA catalog;
COMMENT ON SCHEMA catalog IS '事项库: items, guide versions, synonyms, one-time notices and uploaded forms';

-- Typo-tolerant matching of item names; PGlite loads the extension module at open (platform/db/pglite-db.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE catalog.items (
  code text PRIMARY KEY,
  department_id uuid NOT NULL,
  published_version integer,
  working_version integer,
  is_withdrawn boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE catalog.items IS '政务服务事项: one row per item code ever used; never deleted, so a code is never reused';
COMMENT ON COLUMN catalog.items.code IS '事项编码 as given by the national/provincial list';
COMMENT ON COLUMN catalog.items.department_id IS 'Implementing department (identity department id; validated through identity)';
COMMENT ON COLUMN catalog.items.published_version IS 'The version the public sees; null until first published or after withdrawal';
COMMENT ON COLUMN catalog.items.working_version IS 'The draft or submitted version being edited, if any';
COMMENT ON COLUMN catalog.items.is_withdrawn IS 'True when the centre withdrew the item from the public catalog';
COMMENT ON COLUMN catalog.items.created_at IS 'When the item was first created';
COMMENT ON COLUMN catalog.items.updated_at IS 'When any version of the item last changed';
CREATE INDEX items_department_id_idx ON catalog.items (department_id);

CREATE TABLE catalog.item_versions (
  item_code text NOT NULL REFERENCES catalog.items (code),
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'published', 'superseded', 'withdrawn')),
  revision integer NOT NULL DEFAULT 0,
  guide jsonb NOT NULL,
  name text NOT NULL,
  item_type text NOT NULL,
  department_id uuid NOT NULL,
  department_name text NOT NULL,
  online_depth text NOT NULL,
  subjects text[] NOT NULL,
  themes text[] NOT NULL,
  max_visits integer NOT NULL,
  search_vector tsvector NOT NULL,
  search_names text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  published_at timestamptz,
  published_by text,
  review_comment text,
  PRIMARY KEY (item_code, version)
);
COMMENT ON TABLE catalog.item_versions IS '办事指南版本: the whole guide as a snapshot; frozen once submitted, so a case keeps the version it was filed under';
COMMENT ON COLUMN catalog.item_versions.item_code IS 'The item';
COMMENT ON COLUMN catalog.item_versions.version IS 'Version number, 1, 2, … per item';
COMMENT ON COLUMN catalog.item_versions.status IS 'draft 草稿 / submitted 待审核 / published 已发布 / superseded 历史版本 / withdrawn 已撤销';
COMMENT ON COLUMN catalog.item_versions.revision IS 'Times a draft was saved; optimistic check against overwriting another editor';
COMMENT ON COLUMN catalog.item_versions.guide IS 'The whole guide (ItemGuide in catalog.schemas.ts)';
COMMENT ON COLUMN catalog.item_versions.name IS 'Extracted from guide: item name';
COMMENT ON COLUMN catalog.item_versions.item_type IS 'Extracted from guide: item type code';
COMMENT ON COLUMN catalog.item_versions.department_id IS 'Implementing department id at the time of this version';
COMMENT ON COLUMN catalog.item_versions.department_name IS 'Implementing department name at the time of this version';
COMMENT ON COLUMN catalog.item_versions.online_depth IS 'Extracted from guide: online depth code';
COMMENT ON COLUMN catalog.item_versions.subjects IS 'Extracted from guide: natural_person / legal_person';
COMMENT ON COLUMN catalog.item_versions.themes IS 'Extracted from guide: theme codes';
COMMENT ON COLUMN catalog.item_versions.max_visits IS 'Extracted from guide: number of visits';
COMMENT ON COLUMN catalog.item_versions.search_vector IS 'Segmented (jieba) tokens of name A, aliases/keywords B, department C, materials D';
COMMENT ON COLUMN catalog.item_versions.search_names IS 'Name, aliases and keywords joined, for trigram (typo-tolerant) matching';
COMMENT ON COLUMN catalog.item_versions.created_at IS 'When the version was created';
COMMENT ON COLUMN catalog.item_versions.created_by IS 'Display name of the editor who created it';
COMMENT ON COLUMN catalog.item_versions.updated_at IS 'When the draft was last saved or the status changed';
COMMENT ON COLUMN catalog.item_versions.submitted_at IS 'When it was submitted for review';
COMMENT ON COLUMN catalog.item_versions.published_at IS 'When the centre published it';
COMMENT ON COLUMN catalog.item_versions.published_by IS 'Display name of the publisher';
COMMENT ON COLUMN catalog.item_versions.review_comment IS 'Why the centre returned or withdrew it';
-- Public search only ever reads published versions: partial indexes keep drafts and history out.
CREATE INDEX item_versions_search_idx ON catalog.item_versions USING gin (search_vector) WHERE status = 'published';
CREATE INDEX item_versions_names_trgm_idx ON catalog.item_versions USING gin (search_names gin_trgm_ops)
  WHERE status = 'published';
CREATE INDEX item_versions_status_idx ON catalog.item_versions (status);

CREATE TABLE catalog.synonyms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  term text NOT NULL UNIQUE,
  expansions text[] NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);
COMMENT ON TABLE catalog.synonyms IS '同义词: citizens'' words mapped to the catalog''s words, applied at query time';
COMMENT ON COLUMN catalog.synonyms.id IS 'Surrogate key';
COMMENT ON COLUMN catalog.synonyms.term IS 'What people type, e.g. 开饭店';
COMMENT ON COLUMN catalog.synonyms.expansions IS 'What to search for as well, e.g. {食品经营许可}';
COMMENT ON COLUMN catalog.synonyms.updated_at IS 'When it was last changed';
COMMENT ON COLUMN catalog.synonyms.updated_by IS 'Display name of who last changed it';

CREATE SEQUENCE catalog.notice_number_seq;
COMMENT ON SEQUENCE catalog.notice_number_seq IS 'Running part of one-time notice numbers';

CREATE TABLE catalog.notices (
  number text PRIMARY KEY,
  item_code text NOT NULL REFERENCES catalog.items (code),
  item_version integer NOT NULL,
  answers jsonb NOT NULL,
  content jsonb NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (item_code, item_version) REFERENCES catalog.item_versions (item_code, version)
);
COMMENT ON TABLE catalog.notices IS '一次性告知单: each issued notice, reopened by its number (link or QR code)';
COMMENT ON COLUMN catalog.notices.number IS 'Unique notice number, e.g. CS-GZ-20261125-000123';
COMMENT ON COLUMN catalog.notices.item_code IS 'The item';
COMMENT ON COLUMN catalog.notices.item_version IS 'The published version the notice was built from';
COMMENT ON COLUMN catalog.notices.answers IS 'The situation answers given (question id → option ids); no personal data';
COMMENT ON COLUMN catalog.notices.content IS 'The resulting notice: materials, conditions, time limit, fees (OneTimeNoticeContent)';
COMMENT ON COLUMN catalog.notices.issued_at IS 'When it was issued';

CREATE TABLE catalog.files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  file_name text NOT NULL,
  content_type text NOT NULL,
  content bytea NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  uploaded_by text
);
COMMENT ON TABLE catalog.files IS 'Blank forms and filled samples attached to guides (public downloads)';
COMMENT ON COLUMN catalog.files.id IS 'Surrogate key, used in /api/catalog/files/<id>';
COMMENT ON COLUMN catalog.files.file_name IS 'Original file name';
COMMENT ON COLUMN catalog.files.content_type IS 'MIME type derived from the file name';
COMMENT ON COLUMN catalog.files.content IS 'File bytes';
COMMENT ON COLUMN catalog.files.uploaded_at IS 'When it was uploaded';
COMMENT ON COLUMN catalog.files.uploaded_by IS 'Display name of the uploader';
