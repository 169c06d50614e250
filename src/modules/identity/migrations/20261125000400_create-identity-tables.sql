CREATE SCHEMA identity;
COMMENT ON SCHEMA identity IS 'Administrative divisions, departments, accounts, roles and sessions';

CREATE TABLE identity.divisions (
  code char(6) PRIMARY KEY,
  name text NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  parent_code char(6) REFERENCES identity.divisions (code)
);
COMMENT ON TABLE identity.divisions IS '行政区划 administrative divisions (GB/T 2260), province to county';
COMMENT ON COLUMN identity.divisions.code IS 'GB/T 2260 six-digit code';
COMMENT ON COLUMN identity.divisions.name IS 'Official name, e.g. 常熟市';
COMMENT ON COLUMN identity.divisions.level IS '1 province, 2 city, 3 county';
COMMENT ON COLUMN identity.divisions.parent_code IS 'The division it belongs to; null for provinces';
CREATE INDEX divisions_parent_code_idx ON identity.divisions (parent_code);

CREATE TABLE identity.departments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  division_code char(6) NOT NULL REFERENCES identity.divisions (code),
  parent_id uuid REFERENCES identity.departments (id),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE identity.departments IS '部门 departments as a tree under a division';
COMMENT ON COLUMN identity.departments.id IS 'Surrogate key';
COMMENT ON COLUMN identity.departments.division_code IS 'The division the department serves';
COMMENT ON COLUMN identity.departments.parent_id IS 'Parent department; null for a top-level department';
COMMENT ON COLUMN identity.departments.code IS 'Stable department code (e.g. the 统一社会信用代码 of the body, or a local code)';
COMMENT ON COLUMN identity.departments.name IS 'Department name, e.g. 常熟市市场监督管理局';
COMMENT ON COLUMN identity.departments.sort_order IS 'Display order among siblings';
COMMENT ON COLUMN identity.departments.created_at IS 'When the department was created';
CREATE INDEX departments_parent_id_idx ON identity.departments (parent_id);

CREATE TABLE identity.accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('staff', 'person', 'organization')),
  login_name text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  department_id uuid REFERENCES identity.departments (id),
  id_number_cipher text,
  id_number_index text UNIQUE,
  phone_cipher text,
  phone_index text,
  uscc text UNIQUE,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_login_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  last_login_address text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'staff' OR department_id IS NOT NULL),
  CHECK (kind <> 'person' OR id_number_cipher IS NOT NULL),
  CHECK (kind <> 'organization' OR uscc IS NOT NULL)
);
COMMENT ON TABLE identity.accounts IS 'Staff and public accounts (natural and legal persons)';
COMMENT ON COLUMN identity.accounts.id IS 'Surrogate key; audit records refer to it';
COMMENT ON COLUMN identity.accounts.kind IS 'staff, person (自然人) or organization (法人)';
COMMENT ON COLUMN identity.accounts.login_name IS 'Login name, lower case; starts with a letter so it is never an ID number';
COMMENT ON COLUMN identity.accounts.display_name IS 'Name shown in the UI: the person''s or organization''s name';
COMMENT ON COLUMN identity.accounts.password_hash IS 'scrypt$N$r$p$salt$hash';
COMMENT ON COLUMN identity.accounts.department_id IS 'Staff only: the department the account works in';
COMMENT ON COLUMN identity.accounts.id_number_cipher IS '居民身份证号码, SM4-encrypted with its key version (personal data)';
COMMENT ON COLUMN identity.accounts.id_number_index IS 'Blind index (HMAC-SM3) of the ID number, for lookup without decrypting';
COMMENT ON COLUMN identity.accounts.phone_cipher IS 'Mobile phone, SM4-encrypted with its key version (personal data)';
COMMENT ON COLUMN identity.accounts.phone_index IS 'Blind index (HMAC-SM3) of the phone number';
COMMENT ON COLUMN identity.accounts.uscc IS 'Organizations: 统一社会信用代码 (public registration data, not personal)';
COMMENT ON COLUMN identity.accounts.status IS 'active or disabled';
COMMENT ON COLUMN identity.accounts.failed_login_count IS 'Consecutive failed logins; reset on success';
COMMENT ON COLUMN identity.accounts.locked_until IS 'Locked after too many failures until this time';
COMMENT ON COLUMN identity.accounts.last_login_at IS 'Time of the last successful login (shown at the next one)';
COMMENT ON COLUMN identity.accounts.last_login_address IS 'Client address of the last successful login';
COMMENT ON COLUMN identity.accounts.created_at IS 'When the account was created';
CREATE INDEX accounts_department_id_idx ON identity.accounts (department_id);
CREATE INDEX accounts_phone_index_idx ON identity.accounts (phone_index);

CREATE TABLE identity.account_roles (
  account_id uuid NOT NULL REFERENCES identity.accounts (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('window_clerk', 'department_reviewer', 'department_leader', 'centre_manager',
    'system_admin', 'security_admin', 'audit_admin')),
  PRIMARY KEY (account_id, role)
);
COMMENT ON TABLE identity.account_roles IS 'Roles held by staff accounts, scoped by the account''s department';
COMMENT ON COLUMN identity.account_roles.account_id IS 'The staff account';
COMMENT ON COLUMN identity.account_roles.role IS 'Role code (see roles.ts); the three administrator roles are held alone';

CREATE TABLE identity.sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  account_id uuid NOT NULL REFERENCES identity.accounts (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  client_address text
);
COMMENT ON TABLE identity.sessions IS 'Login sessions, shared by every Tongban process through the database';
COMMENT ON COLUMN identity.sessions.id IS 'Session id (not the cookie value)';
COMMENT ON COLUMN identity.sessions.token_hash IS 'SHA-256 of the cookie token: a database dump does not reveal live sessions';
COMMENT ON COLUMN identity.sessions.account_id IS 'Who is logged in';
COMMENT ON COLUMN identity.sessions.csrf_token IS 'Token the pages send back in X-CSRF-Token on state changes';
COMMENT ON COLUMN identity.sessions.created_at IS 'Login time; sessions also end 12 hours after it';
COMMENT ON COLUMN identity.sessions.last_seen_at IS 'Last activity; the session ends after the idle timeout';
COMMENT ON COLUMN identity.sessions.client_address IS 'Client address at login';
CREATE INDEX sessions_account_id_idx ON identity.sessions (account_id);
