CREATE TABLE identity.export_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  requested_by uuid NOT NULL REFERENCES identity.accounts (id),
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'downloaded')),
  decided_by uuid REFERENCES identity.accounts (id),
  decided_at timestamptz,
  downloaded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (decided_by IS NULL OR decided_by <> requested_by)
);
COMMENT ON TABLE identity.export_requests IS 'Requests to export personal data in clear: a second person approves, the requester downloads once';
COMMENT ON COLUMN identity.export_requests.id IS 'Request id';
COMMENT ON COLUMN identity.export_requests.requested_by IS 'Who asked';
COMMENT ON COLUMN identity.export_requests.reason IS 'Why the export is needed (shown to the approver, audited)';
COMMENT ON COLUMN identity.export_requests.status IS 'pending, approved, rejected, downloaded (a download happens once)';
COMMENT ON COLUMN identity.export_requests.decided_by IS 'The second person who approved or rejected; never the requester';
COMMENT ON COLUMN identity.export_requests.decided_at IS 'When it was decided';
COMMENT ON COLUMN identity.export_requests.downloaded_at IS 'When the approved export was downloaded';
COMMENT ON COLUMN identity.export_requests.created_at IS 'When it was asked for';
