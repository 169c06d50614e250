CREATE SCHEMA IF NOT EXISTS cases;
COMMENT ON SCHEMA cases IS '办件: applications for items, their history, numbers, clocks, review opinions';

CREATE TABLE cases.cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE,
  item_code text NOT NULL,
  item_version integer NOT NULL,
  item_name text NOT NULL,
  department_id uuid NOT NULL,
  division_code char(6) NOT NULL,
  channel text NOT NULL CHECK (channel IN ('online', 'window', 'agent')),
  state text NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'accepted', 'not_accepted',
    'supplement_requested', 'under_review', 'special_procedure', 'granted', 'denied', 'concluded', 'delivered',
    'withdrawn')),
  resume_state text,
  revision integer NOT NULL DEFAULT 1,
  applicant_kind text NOT NULL CHECK (applicant_kind IN ('person', 'organization')),
  applicant_account_id uuid,
  applicant_name_cipher text NOT NULL,
  applicant_name_index text NOT NULL,
  applicant_id_number_cipher text,
  applicant_id_number_index text,
  applicant_uscc text,
  applicant_phone_cipher text,
  applicant_address_cipher text,
  filed_by_account_id uuid,
  authorization_note text,
  situation_answers jsonb NOT NULL DEFAULT '{}',
  form_data_cipher text,
  pre_review jsonb,
  statutory_limit_days integer,
  promised_limit_days integer,
  accepted_on date,
  clock_starts_on date,
  due_on date,
  statutory_due_on date,
  warning_level text NOT NULL DEFAULT 'none' CHECK (warning_level IN ('none', 'yellow', 'red')),
  process_instance_id uuid,
  supplement_requested_at timestamptz,
  decision text CHECK (decision IN ('granted', 'denied')),
  decision_reasons text,
  decision_legal_basis text,
  decision_remedies text,
  delivery_method text CHECK (delivery_method IN ('window', 'post', 'electronic')),
  delivery_tracking_number text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  accepted_at timestamptz,
  decided_at timestamptz,
  concluded_at timestamptz,
  delivered_at timestamptz,
  withdrawn_at timestamptz,
  CHECK (applicant_kind <> 'person' OR applicant_id_number_cipher IS NOT NULL),
  CHECK (applicant_kind <> 'organization' OR applicant_uscc IS NOT NULL)
);
COMMENT ON TABLE cases.cases IS '办件: one application for one item, from draft to delivery of the result';
COMMENT ON COLUMN cases.cases.id IS 'Surrogate key (caseId); the business key of the item''s BPMN process instance';
COMMENT ON COLUMN cases.cases.number IS '办件编号: division code, yyyymmdd, six-digit daily sequence (320581-20261208-000123); never reused';
COMMENT ON COLUMN cases.cases.item_code IS '事项编码 of the item applied for';
COMMENT ON COLUMN cases.cases.item_version IS 'Guide version the case was filed under (catalog.item_versions)';
COMMENT ON COLUMN cases.cases.item_name IS 'Item name at filing (public data)';
COMMENT ON COLUMN cases.cases.department_id IS 'Accepting department (identity department id)';
COMMENT ON COLUMN cases.cases.division_code IS 'GB/T 2260 code of the accepting department''s division; first part of the number';
COMMENT ON COLUMN cases.cases.channel IS 'online (portal), window (一窗受理 by a clerk) or agent (帮办代办)';
COMMENT ON COLUMN cases.cases.state IS 'State name (case-states.ts); changed only through a recorded transition';
COMMENT ON COLUMN cases.cases.resume_state IS 'While supplement_requested or special_procedure: the state the case returns to';
COMMENT ON COLUMN cases.cases.revision IS 'Incremented on every change; optimistic check for draft edits';
COMMENT ON COLUMN cases.cases.applicant_kind IS 'person (自然人) or organization (法人)';
COMMENT ON COLUMN cases.cases.applicant_account_id IS 'The applicant''s own account when there is one (identity account id)';
COMMENT ON COLUMN cases.cases.applicant_name_cipher IS 'Applicant name, SM4-encrypted and bound to this row (personal data)';
COMMENT ON COLUMN cases.cases.applicant_name_index IS 'Blind index (HMAC-SM3) of the normalized name, for the public look-up';
COMMENT ON COLUMN cases.cases.applicant_id_number_cipher IS '居民身份证号码 of a person applicant, SM4-encrypted (personal data)';
COMMENT ON COLUMN cases.cases.applicant_id_number_index IS 'Blind index (HMAC-SM3) of the ID number, to link the applicant''s account';
COMMENT ON COLUMN cases.cases.applicant_uscc IS 'Organizations: 统一社会信用代码 (public registration data)';
COMMENT ON COLUMN cases.cases.applicant_phone_cipher IS 'Contact phone, SM4-encrypted (personal data)';
COMMENT ON COLUMN cases.cases.applicant_address_cipher IS 'Contact address, SM4-encrypted (personal data)';
COMMENT ON COLUMN cases.cases.filed_by_account_id IS 'Who filed it: the applicant, a window clerk or an agent (帮办代办)';
COMMENT ON COLUMN cases.cases.authorization_note IS '帮办代办: the recorded authorization (e.g. 授权委托书 reference); no personal data';
COMMENT ON COLUMN cases.cases.situation_answers IS 'Answers to the item''s situation questions (question id → answer)';
COMMENT ON COLUMN cases.cases.form_data_cipher IS 'Application form data as JSON, SM4-encrypted (it holds personal data)';
COMMENT ON COLUMN cases.cases.pre_review IS '智能预审 results: [{rule, passed, message}] from the last run';
COMMENT ON COLUMN cases.cases.statutory_limit_days IS '法定时限 in working days, copied from the guide at acceptance';
COMMENT ON COLUMN cases.cases.promised_limit_days IS '承诺时限 in working days, copied from the guide at acceptance';
COMMENT ON COLUMN cases.cases.accepted_on IS 'Day of acceptance (Asia/Shanghai)';
COMMENT ON COLUMN cases.cases.clock_starts_on IS 'First counted day: the working day after acceptance';
COMMENT ON COLUMN cases.cases.due_on IS 'Due day for the promised limit, pauses included (recomputed when a pause ends)';
COMMENT ON COLUMN cases.cases.statutory_due_on IS 'Due day for the statutory limit, pauses included';
COMMENT ON COLUMN cases.cases.warning_level IS 'none, yellow (≤ configured share of days left) or red (overdue); kept by a job';
COMMENT ON COLUMN cases.cases.process_instance_id IS 'The item''s BPMN process instance (workflow), business key = id';
COMMENT ON COLUMN cases.cases.supplement_requested_at IS 'When 补正 was requested; it may be requested only once';
COMMENT ON COLUMN cases.cases.decision IS 'granted (准予) or denied (不予)';
COMMENT ON COLUMN cases.cases.decision_reasons IS 'Reasons of the decision (required for a denial)';
COMMENT ON COLUMN cases.cases.decision_legal_basis IS 'Legal basis of the decision (required for a denial)';
COMMENT ON COLUMN cases.cases.decision_remedies IS 'Remedies told with a denial: 行政复议 60 日, 行政诉讼 6 个月';
COMMENT ON COLUMN cases.cases.delivery_method IS 'window (窗口领取), post (邮寄) or electronic (电子送达)';
COMMENT ON COLUMN cases.cases.delivery_tracking_number IS 'Postal tracking number when delivered by post';
COMMENT ON COLUMN cases.cases.created_at IS 'When the case (draft) was created';
COMMENT ON COLUMN cases.cases.updated_at IS 'Last change';
COMMENT ON COLUMN cases.cases.submitted_at IS 'When it was submitted (收件)';
COMMENT ON COLUMN cases.cases.accepted_at IS 'When it was accepted (受理)';
COMMENT ON COLUMN cases.cases.decided_at IS 'When it was decided';
COMMENT ON COLUMN cases.cases.concluded_at IS 'When it was concluded (办结)';
COMMENT ON COLUMN cases.cases.delivered_at IS 'When the result was delivered (送达)';
COMMENT ON COLUMN cases.cases.withdrawn_at IS 'When the applicant withdrew it';
CREATE INDEX cases_applicant_account_idx ON cases.cases (applicant_account_id, created_at DESC);
CREATE INDEX cases_filed_by_idx ON cases.cases (filed_by_account_id, created_at DESC);
CREATE INDEX cases_department_state_idx ON cases.cases (department_id, state);
CREATE INDEX cases_id_number_index_idx ON cases.cases (applicant_id_number_index);
CREATE INDEX cases_warning_idx ON cases.cases (warning_level, due_on) WHERE warning_level <> 'none';
CREATE INDEX cases_running_clock_idx ON cases.cases (due_on)
  WHERE state IN ('accepted', 'under_review', 'supplement_requested', 'special_procedure');
CREATE INDEX cases_process_instance_idx ON cases.cases (process_instance_id);

CREATE TABLE cases.case_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases.cases (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_name text,
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  reason text,
  legal_basis text,
  detail jsonb NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE cases.case_events IS '办件历史: one row per transition (who, when, why, from, to); append-only';
COMMENT ON COLUMN cases.case_events.id IS 'Surrogate key';
COMMENT ON COLUMN cases.case_events.case_id IS 'The case';
COMMENT ON COLUMN cases.case_events.at IS 'When the transition happened';
COMMENT ON COLUMN cases.case_events.actor_id IS 'Account that acted; null for the system (e.g. a job)';
COMMENT ON COLUMN cases.case_events.actor_name IS 'Display name of the actor at the time (staff name or 申请人), for the timeline';
COMMENT ON COLUMN cases.case_events.action IS 'Action code (case-states.ts CaseAction), e.g. accept, request_supplement';
COMMENT ON COLUMN cases.case_events.from_state IS 'State before; null for creation';
COMMENT ON COLUMN cases.case_events.to_state IS 'State after';
COMMENT ON COLUMN cases.case_events.reason IS 'Why (退回/不予受理/补正/特别程序/不予许可 reasons), as written by staff';
COMMENT ON COLUMN cases.case_events.legal_basis IS 'Legal basis cited, where the law requires one';
COMMENT ON COLUMN cases.case_events.detail IS 'Further facts of the action (supplement list, procedure kind, delivery method); no personal data';
CREATE INDEX case_events_case_idx ON cases.case_events (case_id, at);

CREATE TABLE cases.case_number_sequences (
  division_code char(6) NOT NULL,
  day date NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (division_code, day)
);
COMMENT ON TABLE cases.case_number_sequences IS 'Daily counters for case numbers; one upsert per number, so numbers are gap-free and unique across processes';
COMMENT ON COLUMN cases.case_number_sequences.division_code IS 'GB/T 2260 division code';
COMMENT ON COLUMN cases.case_number_sequences.day IS 'Day (Asia/Shanghai) the numbers belong to';
COMMENT ON COLUMN cases.case_number_sequences.last_value IS 'Last sequence number handed out that day';

CREATE TABLE cases.clock_pauses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases.cases (id),
  kind text NOT NULL CHECK (kind IN ('supplement', 'special_procedure')),
  procedure_kind text CHECK (procedure_kind IN ('hearing', 'expert_review', 'inspection', 'site_survey')),
  reason text NOT NULL,
  starts_on date NOT NULL,
  ends_on date,
  started_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  started_by uuid,
  ended_by uuid
);
COMMENT ON TABLE cases.clock_pauses IS 'Intervals in which the case clock stands still (补正, 特别程序)';
COMMENT ON COLUMN cases.clock_pauses.id IS 'Surrogate key';
COMMENT ON COLUMN cases.clock_pauses.case_id IS 'The case';
COMMENT ON COLUMN cases.clock_pauses.kind IS 'supplement (补正) or special_procedure (特别程序)';
COMMENT ON COLUMN cases.clock_pauses.procedure_kind IS 'Special procedure: hearing 听证, expert_review 专家评审, inspection 检验检测, site_survey 现场勘验';
COMMENT ON COLUMN cases.clock_pauses.reason IS 'Why the clock stopped';
COMMENT ON COLUMN cases.clock_pauses.starts_on IS 'First day not counted (the day after the request, Asia/Shanghai)';
COMMENT ON COLUMN cases.clock_pauses.ends_on IS 'Last day not counted (the day the case resumed); null while paused';
COMMENT ON COLUMN cases.clock_pauses.started_at IS 'When the pause began';
COMMENT ON COLUMN cases.clock_pauses.ended_at IS 'When it ended';
COMMENT ON COLUMN cases.clock_pauses.started_by IS 'Account that stopped the clock';
COMMENT ON COLUMN cases.clock_pauses.ended_by IS 'Account (or the applicant) whose action restarted it';
CREATE INDEX clock_pauses_case_idx ON cases.clock_pauses (case_id);

CREATE TABLE cases.review_opinions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases.cases (id),
  task_id uuid,
  task_name text,
  department_id uuid NOT NULL,
  reviewer_id uuid NOT NULL,
  reviewer_name text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('agree', 'disagree', 'return')),
  opinion text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE cases.review_opinions IS '审查意见: a reviewer''s outcome and opinion on one workflow task of a case';
COMMENT ON COLUMN cases.review_opinions.id IS 'Surrogate key';
COMMENT ON COLUMN cases.review_opinions.case_id IS 'The case';
COMMENT ON COLUMN cases.review_opinions.task_id IS 'The workflow task completed with it (null when the department reviews without a process)';
COMMENT ON COLUMN cases.review_opinions.task_name IS 'Task name at the time (审查, 复核, 决定)';
COMMENT ON COLUMN cases.review_opinions.department_id IS 'Reviewer''s department';
COMMENT ON COLUMN cases.review_opinions.reviewer_id IS 'Reviewer account';
COMMENT ON COLUMN cases.review_opinions.reviewer_name IS 'Reviewer display name at the time';
COMMENT ON COLUMN cases.review_opinions.outcome IS 'agree 同意, disagree 不同意, return 退回';
COMMENT ON COLUMN cases.review_opinions.opinion IS 'The written opinion';
COMMENT ON COLUMN cases.review_opinions.created_at IS 'When it was recorded';
CREATE INDEX review_opinions_case_idx ON cases.review_opinions (case_id, created_at);

CREATE TABLE cases.common_opinions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_id uuid NOT NULL,
  text text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (department_id, text)
);
COMMENT ON TABLE cases.common_opinions IS '常用意见: phrases a department''s reviewers pick from';
COMMENT ON COLUMN cases.common_opinions.id IS 'Surrogate key';
COMMENT ON COLUMN cases.common_opinions.department_id IS 'Department the phrase belongs to';
COMMENT ON COLUMN cases.common_opinions.text IS 'The phrase, e.g. 材料齐全，符合法定形式，同意受理';
COMMENT ON COLUMN cases.common_opinions.sort_order IS 'Display order';
COMMENT ON COLUMN cases.common_opinions.created_by IS 'Department administrator who added it';
COMMENT ON COLUMN cases.common_opinions.created_at IS 'When it was added';

CREATE TABLE cases.item_processes (
  item_code text PRIMARY KEY,
  process_key text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE cases.item_processes IS 'Which BPMN process (workflow process key) an item''s accepted cases run; the catalog has no such field';
COMMENT ON COLUMN cases.item_processes.item_code IS '事项编码';
COMMENT ON COLUMN cases.item_processes.process_key IS 'workflow process key; the latest active version is started';
COMMENT ON COLUMN cases.item_processes.updated_at IS 'Last change';
