/**
 * What the application role may do with the audit tables on PostgreSQL (run by `npm run db:setup-roles` after the
 * general grants; `:app` and `:owner` are the quoted role names). The records can only be added and read: no UPDATE,
 * DELETE, TRUNCATE or TRIGGER, and the owner (who alone can ALTER or DROP the trigger) is another role.
 * - pending_records: INSERT with the change, DELETE when the link pass moves them into the chain. Deleting one only
 *   drops a record that its own writer (this same role) could have left unwritten; it is never in the chain.
 * - chain_head: UPDATE of its columns, to move the end forward and to lock it (FOR UPDATE needs UPDATE). A rewound
 *   head is caught by the signed checkpoints outside the database, which verification trusts instead of it.
 * - security_alerts: INSERT, and UPDATE of the repeat count and acknowledgement columns only.
 */
export const AUDIT_APP_ROLE_GRANTS: readonly string[] = [
  'REVOKE ALL ON ALL TABLES IN SCHEMA audit FROM :app',
  'ALTER DEFAULT PRIVILEGES FOR ROLE :owner IN SCHEMA audit REVOKE UPDATE, DELETE ON TABLES FROM :app',
  'GRANT SELECT, INSERT ON audit.records TO :app',
  'GRANT SELECT, INSERT, DELETE ON audit.pending_records TO :app',
  'GRANT SELECT, UPDATE (last_seq, last_hash, keyed_from_seq) ON audit.chain_head TO :app',
  'GRANT SELECT, INSERT ON audit.security_alerts TO :app',
  `GRANT UPDATE (count, last_raised_at, detail, acknowledged_by, acknowledged_by_name, acknowledged_at)
     ON audit.security_alerts TO :app`,
  'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA audit TO :app',
]
