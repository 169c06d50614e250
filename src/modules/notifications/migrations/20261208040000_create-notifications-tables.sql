CREATE SCHEMA IF NOT EXISTS notifications;
COMMENT ON SCHEMA notifications IS '通知: the outbox of text messages and in-site messages, and each account''s messages';

CREATE TABLE notifications.outbox (
  id uuid PRIMARY KEY,
  account_id uuid,
  case_id uuid,
  channel text NOT NULL CHECK (channel IN ('sms', 'site')),
  text text NOT NULL,
  phone_cipher text,
  state text NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  adapter text,
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  CHECK (channel <> 'sms' OR state <> 'pending' OR phone_cipher IS NOT NULL)
);
COMMENT ON TABLE notifications.outbox IS 'Every notification written, one row per channel: text messages wait here for the SMS sender; in-site messages are delivered when written';
COMMENT ON COLUMN notifications.outbox.id IS 'Surrogate key; bound into phone_cipher';
COMMENT ON COLUMN notifications.outbox.account_id IS 'Recipient account (null: a walk-in applicant without an account, reached by the phone given at the window)';
COMMENT ON COLUMN notifications.outbox.case_id IS 'The case the notification is about, if any (a cases.cases id; no foreign key: notifications serve any module)';
COMMENT ON COLUMN notifications.outbox.channel IS 'sms: a text message to the phone | site: an in-site message (notifications.messages)';
COMMENT ON COLUMN notifications.outbox.text IS 'The text sent (templates carry case number and item, never ID numbers, phones or addresses)';
COMMENT ON COLUMN notifications.outbox.phone_cipher IS 'sms: the recipient''s mobile number as an sm4b field ciphertext bound to this row, copied from the account when written';
COMMENT ON COLUMN notifications.outbox.state IS 'pending (waits for the sender) | sent (handed to the adapter, or written to the inbox) | failed (attempts used up, or no phone)';
COMMENT ON COLUMN notifications.outbox.attempts IS 'Attempts made to send';
COMMENT ON COLUMN notifications.outbox.next_attempt_at IS 'pending sms: not sent before this moment (back-off after a failed attempt)';
COMMENT ON COLUMN notifications.outbox.adapter IS 'The SMS adapter that took the message (log-only: recorded, not sent: no gateway configured)';
COMMENT ON COLUMN notifications.outbox.last_error IS 'Why the last attempt failed (Chinese; no personal data)';
COMMENT ON COLUMN notifications.outbox.created_at IS 'When the notification was written (with the change it reports)';
COMMENT ON COLUMN notifications.outbox.sent_at IS 'When it was sent or delivered';
CREATE INDEX outbox_pending_idx ON notifications.outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_created_idx ON notifications.outbox (created_at DESC, id);
CREATE INDEX outbox_case_idx ON notifications.outbox (case_id) WHERE case_id IS NOT NULL;

CREATE TABLE notifications.messages (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  outbox_id uuid NOT NULL REFERENCES notifications.outbox (id),
  case_id uuid,
  title text NOT NULL,
  text text NOT NULL,
  link text,
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
COMMENT ON TABLE notifications.messages IS '我的消息: in-site messages of an account, read or unread';
COMMENT ON COLUMN notifications.messages.id IS 'Surrogate key';
COMMENT ON COLUMN notifications.messages.account_id IS 'The account whose message it is (only it reads and marks it)';
COMMENT ON COLUMN notifications.messages.outbox_id IS 'The outbox row (channel site) the message was delivered from';
COMMENT ON COLUMN notifications.messages.case_id IS 'The case the message is about, if any';
COMMENT ON COLUMN notifications.messages.title IS 'Short title shown in the list';
COMMENT ON COLUMN notifications.messages.text IS 'The message';
COMMENT ON COLUMN notifications.messages.link IS 'A path inside Tongban to open (e.g. /me/cases/<id>); never an outside address';
COMMENT ON COLUMN notifications.messages.created_at IS 'When the message was written';
COMMENT ON COLUMN notifications.messages.read_at IS 'When the account marked it read (null: unread)';
CREATE INDEX messages_account_idx ON notifications.messages (account_id, created_at DESC, id);
CREATE INDEX messages_unread_idx ON notifications.messages (account_id) WHERE read_at IS NULL;
