ALTER TABLE identity.accounts
  ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
  ADD COLUMN enrolment_grant_hash text,
  ADD COLUMN enrolment_grant_expires_at timestamptz,
  ADD COLUMN may_enrol_without_grant boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN identity.accounts.must_change_password IS 'The password is a one-time value set by the system (new account or reset): the owner must change it before anything else';
COMMENT ON COLUMN identity.accounts.enrolment_grant_hash IS 'SHA-256 of the one-time grant code the security administrator was shown when granting an administrator role; needed with the password to enrol a new TOTP secret';
COMMENT ON COLUMN identity.accounts.enrolment_grant_expires_at IS 'When the grant code stops working';
COMMENT ON COLUMN identity.accounts.may_enrol_without_grant IS 'The first system administrator, created with the one-time setup token, may enrol TOTP without a grant code';

CREATE TABLE identity.admin_networks (
  cidr text PRIMARY KEY,
  description text NOT NULL DEFAULT '',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE identity.admin_networks IS 'Address allow-list for the three administrators, kept by the security administrator; empty means no restriction';
COMMENT ON COLUMN identity.admin_networks.cidr IS 'An IPv4 or IPv6 network in CIDR notation, normalised (e.g. 10.1.0.0/16, fd00::/8)';
COMMENT ON COLUMN identity.admin_networks.description IS 'What the network is (e.g. 信息中心运维区)';
COMMENT ON COLUMN identity.admin_networks.created_by IS 'Account of the security administrator who saved it';
COMMENT ON COLUMN identity.admin_networks.created_at IS 'When it was saved';
