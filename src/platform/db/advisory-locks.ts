/**
 * Every PostgreSQL advisory lock key Tongban uses, in one place so two features never share one by accident.
 * The values must stay the same across versions: processes of two versions may run side by side in a rollout.
 */
export const AdvisoryLock = {
  migrations: 727_001,
  keyRotation: 727_002,
  demoSeed: 727_003,
  calendarSync: 727_004,
  catalogSeed: 727_005,
  /** Two-key form (this, hash of kind and target): one open alert per kind and target across processes. */
  securityAlerts: 727_006,
  /**
   * Shared by each transaction that queues a text message, taken exclusively by the SMS sender before it decides it
   * is done: a message queued while the sender finishes is never left without a job (notifications, ADR 0023).
   */
  smsOutbox: 727_023,
} as const
