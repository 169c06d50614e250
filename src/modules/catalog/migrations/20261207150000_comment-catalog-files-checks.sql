-- Uploads now pass platform/upload (ADR 0018): the stored type is sniffed from the content, and a file is public only
-- while a published guide links to it. No data changes; the data dictionary says what the columns now mean.
COMMENT ON TABLE catalog.files IS 'Blank forms and filled samples attached to guides; public only while the current published version of a non-withdrawn item links to one, otherwise editors only';
COMMENT ON COLUMN catalog.files.content_type IS 'MIME type sniffed from the content by platform/upload (rows from before 2026-12-07: derived from the file name)';
