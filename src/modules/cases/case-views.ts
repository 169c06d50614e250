import type { CipherBinding } from '../../platform/crypto/index.js'
import { maskIdNumber } from '../identity/index.js'
import { type CaseClock, WarningLevel } from './case-clock.js'
import { CASE_ACTION_LABELS, CASE_STATE_LABELS, type CaseAction, type CaseState } from './case-states.js'
import type { CaseEventRow, CaseRow, OpinionRow } from './cases.repository.js'
import type { CaseDetail, CaseSummary } from './cases.schemas.js'

/** The encrypted columns of cases.cases; sealed into each ciphertext with the row id (ADR 0017): never rename. */
export type CaseCipherColumn =
  | 'applicant_name_cipher'
  | 'applicant_id_number_cipher'
  | 'applicant_phone_cipher'
  | 'applicant_address_cipher'
  | 'form_data_cipher'

export function bindCaseField(caseId: string, column: CaseCipherColumn): CipherBinding {
  return { table: 'cases.cases', column, rowId: caseId }
}

/** 张三丰 → 张**; organizations' names are public registration data and stay whole. */
export function maskName(name: string, kind: string): string {
  if (kind === 'organization') return name
  const chars = [...name]
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`
}

export function maskPhoneNumber(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

export function maskAddress(address: string): string {
  const chars = [...address]
  return chars.length <= 6 ? '****' : `${chars.slice(0, 6).join('')}****`
}

export { maskIdNumber }

/** 行政复议 within 60 days, 行政诉讼 within 6 months: told with every refusal (行政许可法第三十八条). */
export function buildRemediesText(divisionName: string): string {
  const government = divisionName ? `${divisionName}人民政府` : '本级人民政府'
  const court = divisionName ? `${divisionName}人民法院` : '有管辖权的人民法院'
  return `如不服本决定，可以自收到本决定之日起六十日内向${government}申请行政复议，或者在六个月内向${court}提起行政诉讼。`
}

/** What the applicant must do now, in plain Chinese, or null when nothing is asked of them. */
export function buildNextStep(row: Pick<CaseRow, 'state' | 'delivery_method'>): string | null {
  switch (row.state) {
    case 'draft':
      return '继续填写申请表并提交'
    case 'returned':
      return '按退回意见修改后重新提交'
    case 'supplement_requested':
      return '按补正告知书一次性补齐材料后提交补正'
    case 'concluded':
      return '等待领取办理结果'
    case 'delivered':
      return row.delivery_method === 'window' ? '已在窗口领取结果' : null
    default:
      return null
  }
}

const toIso = (value: Date | null) => (value ? value.toISOString() : null)

export function toCaseSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    number: row.number,
    itemCode: row.item_code,
    itemName: row.item_name,
    state: row.state as CaseState,
    stateLabel: CASE_STATE_LABELS[row.state as CaseState] ?? row.state,
    channel: row.channel,
    revision: row.revision,
    createdAt: row.created_at.toISOString(),
    submittedAt: toIso(row.submitted_at),
    dueOn: row.due_on,
    warningLevel: row.warning_level ?? WarningLevel.none,
    nextStep: buildNextStep(row),
  }
}

export function toTimeline(events: readonly CaseEventRow[]): CaseDetail['timeline'] {
  return events.map((event) => ({
    at: event.at.toISOString(),
    action: event.action,
    actionLabel: CASE_ACTION_LABELS[event.action as CaseAction] ?? event.action,
    actorName: event.actor_name,
    fromState: event.from_state,
    toState: event.to_state,
    reason: event.reason,
    legalBasis: event.legal_basis,
    detail: event.detail ?? {},
  }))
}

export const OUTCOME_LABELS: Record<string, string> = { agree: '同意', disagree: '不同意', return: '退回' }

export function toOpinionView(row: OpinionRow) {
  return {
    id: row.id,
    taskName: row.task_name,
    reviewerName: row.reviewer_name,
    outcome: row.outcome,
    outcomeLabel: OUTCOME_LABELS[row.outcome] ?? row.outcome,
    opinion: row.opinion,
    createdAt: row.created_at.toISOString(),
  }
}

export function toClockView(row: CaseRow, clock: CaseClock | null) {
  if (!clock || !row.accepted_on) return null
  return {
    acceptedOn: row.accepted_on,
    clockStartsOn: clock.clockStartsOn,
    dueOn: clock.dueOn,
    statutoryDueOn: clock.statutoryDueOn,
    limitDays: clock.limitDays,
    daysUsed: clock.daysUsed,
    daysLeft: clock.daysLeft,
    isPaused: clock.isPaused,
    isProvisional: clock.isProvisional,
    warningLevel: clock.warningLevel,
  }
}
