import type { Queryable } from '../../platform/db/index.js'
import { type Actor, Role } from '../identity/index.js'
import { casesErrors } from './cases.errors.js'

/** What every helper module needs to know about a case to decide what the caller may do with it. */
export type CaseAccessRow = {
  id: string
  number: string
  state: string
  applicantAccountId: string | null
  filedByAccountId: string | null
  departmentId: string
  itemCode: string
}

/**
 * Departments that take part in a case's process: the cases module cannot read workflow tables, so the workflow
 * answers through this port (app.ts wires it). Without it only the accepting department is routed to.
 */
export type CaseRoutingPort = {
  listProcessDepartmentIds(q: Queryable, processInstanceId: string): Promise<string[]>
  /**
   * The departments whose cases a staff member of `departmentId` handles: it, those above it (食品经营监管科 handles
   * what 市场监管局 is routed) and those below it (the bureau's leader oversees its sections).
   */
  listHandledDepartmentIds(q: Queryable, departmentId: string): Promise<string[]>
}

let routingPort: CaseRoutingPort | undefined

/** Installs how the departments of a case's process are found (called once by app.ts). */
export function setCaseRoutingPort(port: CaseRoutingPort | undefined): void {
  routingPort = port
}

// The roles whose scope covers every department's cases: the centre manager supervises them all, and the clerks of
// the comprehensive window (一窗受理) receive and accept for every department of the centre.
const CENTRE_WIDE_CASE_ROLES: readonly string[] = [Role.centreManager, Role.windowClerk]

type AccessQueryRow = {
  id: string
  number: string
  state: string
  applicant_account_id: string | null
  filed_by_account_id: string | null
  department_id: string
  item_code: string
  process_instance_id: string | null
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True when the actor is the applicant, or filed the case for them (window clerk, 帮办代办 agent). */
export function isApplicantSide(row: CaseAccessRow, actor: Pick<Actor, 'id'>): boolean {
  return row.applicantAccountId === actor.id || row.filedByAccountId === actor.id
}

/** True when the actor's roles let them see every department's cases (centre manager). */
export function isCentreWideForCases(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((role) => CENTRE_WIDE_CASE_ROLES.includes(role))
}

/**
 * The departments a case is routed to: the accepting department and every department with a task in its process.
 * Pass the caller's transaction as `q` inside a transaction.
 */
export async function listRoutedDepartmentIds(
  q: Queryable,
  row: { departmentId: string; processInstanceId: string | null },
): Promise<string[]> {
  const ids = new Set([row.departmentId])
  if (row.processInstanceId && routingPort) {
    for (const id of await routingPort.listProcessDepartmentIds(q, row.processInstanceId)) ids.add(id)
  }
  return [...ids]
}

/**
 * The case if the actor may see it (applicant, filer/agent, or staff of a department the case is routed to, or a
 * role whose scope covers it); otherwise throws the CASE_NOT_FOUND 404 error — the same for missing and forbidden.
 */
export async function loadCaseForActor(q: Queryable, caseId: string, actor: Actor): Promise<CaseAccessRow> {
  if (!UUID.test(caseId)) throw casesErrors.caseNotFound()
  const { rows } = await q.query<AccessQueryRow>(
    `SELECT id, number, state, applicant_account_id, filed_by_account_id, department_id, item_code,
            process_instance_id
       FROM cases.cases WHERE id = $1`,
    [caseId],
  )
  const found = rows[0]
  if (!found) throw casesErrors.caseNotFound()
  const row: CaseAccessRow = {
    id: found.id,
    number: found.number,
    state: found.state,
    applicantAccountId: found.applicant_account_id,
    filedByAccountId: found.filed_by_account_id,
    departmentId: found.department_id,
    itemCode: found.item_code,
  }
  if (isApplicantSide(row, actor)) return row
  if (await isHandledByActor(q, { ...row, processInstanceId: found.process_instance_id }, actor)) return row
  throw casesErrors.caseNotFound()
}

/**
 * True when the actor handles the case as staff: a submitted case routed to their department, or one their role's
 * scope covers. Filing a case for someone (window, agent) alone does not make its filer a handler.
 */
export async function isHandledByActor(
  q: Queryable,
  row: { state: string; departmentId: string; processInstanceId: string | null },
  actor: Pick<Actor, 'kind' | 'roles' | 'departmentId'>,
): Promise<boolean> {
  // Drafts are the applicant's own until they are submitted.
  if (actor.kind !== 'staff' || row.state === 'draft') return false
  if (isCentreWideForCases(actor)) return true
  if (!actor.departmentId) return false
  const routed = await listRoutedDepartmentIds(q, row)
  const own = routingPort ? await routingPort.listHandledDepartmentIds(q, actor.departmentId) : [actor.departmentId]
  return routed.some((id) => own.includes(id))
}
