import type { Queryable, Transaction } from '../../platform/db/index.js'
import type { AuditContext } from '../audit/index.js'
import type { Actor } from '../identity/index.js'

/** The notice kinds a transition issues (the notices module's CaseNoticeKind codes). */
export type CaseNoticeRequest = { kind: string; data: Record<string, unknown> }

/**
 * What a transition causes outside the cases tables, inside the same transaction: a notice PDF (notices module) and
 * a notification to the applicant (notifications outbox). app.ts wires the real modules; tests may record calls.
 */
export type CaseSideEffects = {
  issueNotice(tx: Transaction, input: { caseId: string; issuedBy?: string } & CaseNoticeRequest): Promise<unknown>
  notify(
    tx: Transaction,
    input: {
      accountId: string | null
      caseId: string
      smsText: string
      siteTitle: string
      siteText: string
      link?: string
      /** A walk-in applicant's phone, for one without an account. */
      phone?: string
    },
  ): Promise<void>
}

export const NO_SIDE_EFFECTS: CaseSideEffects = {
  issueNotice: async () => undefined,
  notify: async () => {},
}

/** A workflow task as cases needs to see it. */
export type CaseTaskView = {
  id: string
  rootInstanceId: string
  name: string
  state: string
  assigneeId: string | null
}

/**
 * The workflow as cases uses it. Every task step runs inside the case's transaction (one commit for the transition,
 * the opinion and the step).
 */
export type CaseWorkflowPort = {
  startProcess(
    tx: Transaction,
    context: AuditContext,
    actor: Actor,
    input: { processKey: string; caseId: string; variables: Record<string, unknown> },
  ): Promise<{ instanceId: string }>
  /** A task by id, without marking it opened (the caller checks it belongs to its case). */
  findTask(q: Queryable, taskId: string): Promise<CaseTaskView | undefined>
  completeTask(
    tx: Transaction,
    context: AuditContext,
    actor: Actor,
    taskId: string,
    input: { opinion: string; variables: Record<string, unknown> },
  ): Promise<void>
  returnToApplicant(tx: Transaction, context: AuditContext, actor: Actor, taskId: string, reason: string): Promise<void>
  resumeAfterSupplement(
    tx: Transaction,
    context: AuditContext,
    actor: Actor,
    taskId: string,
    note: string,
    options: { byApplicant: boolean },
  ): Promise<void>
  listProcessDepartmentIds(q: Queryable, instanceId: string): Promise<string[]>
  /** Called inside the step's transaction when a reviewer returns a task to the applicant from the inbox. */
  onReturnedToApplicant(
    listener: (tx: Transaction, event: { caseId: string | null; taskId: string; reason: string }) => Promise<void>,
  ): void
}
