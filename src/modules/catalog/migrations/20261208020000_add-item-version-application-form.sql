-- 申请表 of each item version (ADR 0022): kept beside the guide, frozen with the version once submitted.
-- json, not jsonb: jsonb reorders object keys, and the order of a form's properties is the order of its fields.
ALTER TABLE catalog.item_versions ADD COLUMN application_form json;
COMMENT ON COLUMN catalog.item_versions.application_form IS
  '申请表: { schema (JSON Schema draft-07 subset), uiSchema } checked by catalog/application-form.ts, stored as sent (json keeps the field order); null when the item has no online form yet';
