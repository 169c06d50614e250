import { casesErrors } from './cases.errors.js'

/**
 * 办件 states. The names are stored in cases.cases.state and cases.case_events and used by every helper module:
 * never rename one.
 */
export const CaseState = {
  draft: 'draft',
  submitted: 'submitted',
  returned: 'returned',
  accepted: 'accepted',
  notAccepted: 'not_accepted',
  supplementRequested: 'supplement_requested',
  underReview: 'under_review',
  specialProcedure: 'special_procedure',
  granted: 'granted',
  denied: 'denied',
  concluded: 'concluded',
  delivered: 'delivered',
  withdrawn: 'withdrawn',
} as const
export type CaseState = (typeof CaseState)[keyof typeof CaseState]
export const CASE_STATES: readonly CaseState[] = Object.values(CaseState)

/** What the public and staff read for each state. */
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  draft: '草稿',
  submitted: '已提交，待预审',
  returned: '退回修改',
  accepted: '已受理',
  not_accepted: '不予受理',
  supplement_requested: '待补正',
  under_review: '审查中',
  special_procedure: '特别程序中',
  granted: '准予许可',
  denied: '不予许可',
  concluded: '已办结',
  delivered: '已送达',
  withdrawn: '已撤回',
}

/** Actions that move a case; stored in cases.case_events.action and in audit records: never rename one. */
export const CaseAction = {
  create: 'create',
  submit: 'submit',
  passPreReview: 'pass_pre_review',
  returnForChanges: 'return_for_changes',
  resubmit: 'resubmit',
  accept: 'accept',
  startReview: 'start_review',
  notAccept: 'not_accept',
  requestSupplement: 'request_supplement',
  supplement: 'supplement',
  startSpecialProcedure: 'start_special_procedure',
  endSpecialProcedure: 'end_special_procedure',
  grant: 'grant',
  deny: 'deny',
  conclude: 'conclude',
  deliver: 'deliver',
  withdraw: 'withdraw',
} as const
export type CaseAction = (typeof CaseAction)[keyof typeof CaseAction]

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  create: '创建申请',
  submit: '提交申请',
  pass_pre_review: '预审通过',
  return_for_changes: '预审退回修改',
  resubmit: '修改后重新提交',
  accept: '受理',
  start_review: '进入审查',
  not_accept: '不予受理',
  request_supplement: '一次性告知补正',
  supplement: '补正材料',
  start_special_procedure: '启动特别程序',
  end_special_procedure: '特别程序结束',
  grant: '准予许可',
  deny: '不予许可',
  conclude: '办结',
  deliver: '送达',
  withdraw: '撤回申请',
}

/** Who may take an action: the applicant's side (applicant, filer, agent) or staff. */
export type CaseActorSide = 'applicant' | 'staff' | 'system'

type Transition = {
  from: readonly CaseState[]
  to: CaseState | 'resume'
  side: CaseActorSide
  /** Other states the same action may lead to, chosen by the service (acceptance straight into review). */
  alternatives?: readonly CaseState[]
}

/** States in which a decision has not yet been made: the applicant may still withdraw (行政许可法). */
export const UNDECIDED_STATES: readonly CaseState[] = [
  CaseState.draft,
  CaseState.submitted,
  CaseState.returned,
  CaseState.accepted,
  CaseState.supplementRequested,
  CaseState.underReview,
  CaseState.specialProcedure,
]

/** States in which the clock runs or stands (accepted, not yet decided). */
export const CLOCK_STATES: readonly CaseState[] = [
  CaseState.accepted,
  CaseState.supplementRequested,
  CaseState.underReview,
  CaseState.specialProcedure,
]

/**
 * The allowed transitions. `resume` goes back to the state the case left when the clock stopped
 * (cases.cases.resume_state). Acceptance goes to `accepted`, or straight on to `under_review` (start_review) when
 * the item's process starts in the same transaction.
 */
export const TRANSITIONS: Record<CaseAction, Transition> = {
  create: { from: [], to: CaseState.draft, side: 'applicant' },
  submit: { from: [CaseState.draft], to: CaseState.submitted, side: 'applicant' },
  pass_pre_review: { from: [CaseState.submitted], to: CaseState.submitted, side: 'staff' },
  return_for_changes: { from: [CaseState.submitted], to: CaseState.returned, side: 'staff' },
  resubmit: { from: [CaseState.returned], to: CaseState.submitted, side: 'applicant' },
  // 受理 starts the item's process in the same transaction, so the case goes straight on to under_review.
  accept: { from: [CaseState.submitted], to: CaseState.accepted, side: 'staff', alternatives: [CaseState.underReview] },
  start_review: { from: [CaseState.accepted], to: CaseState.underReview, side: 'staff' },
  not_accept: { from: [CaseState.submitted], to: CaseState.notAccepted, side: 'staff' },
  request_supplement: {
    from: [CaseState.submitted, CaseState.accepted, CaseState.underReview],
    to: CaseState.supplementRequested,
    side: 'staff',
  },
  supplement: { from: [CaseState.supplementRequested], to: 'resume', side: 'applicant' },
  start_special_procedure: {
    from: [CaseState.accepted, CaseState.underReview],
    to: CaseState.specialProcedure,
    side: 'staff',
  },
  end_special_procedure: { from: [CaseState.specialProcedure], to: 'resume', side: 'staff' },
  grant: { from: [CaseState.accepted, CaseState.underReview], to: CaseState.granted, side: 'staff' },
  deny: { from: [CaseState.accepted, CaseState.underReview], to: CaseState.denied, side: 'staff' },
  conclude: {
    from: [CaseState.granted, CaseState.denied, CaseState.notAccepted],
    to: CaseState.concluded,
    side: 'staff',
  },
  deliver: { from: [CaseState.concluded], to: CaseState.delivered, side: 'staff' },
  withdraw: {
    from: UNDECIDED_STATES,
    to: CaseState.withdrawn,
    side: 'applicant',
  },
}

/** True when `action` is allowed from `state`. */
export function canTransition(action: CaseAction, state: CaseState): boolean {
  return TRANSITIONS[action].from.includes(state)
}

/**
 * The state `action` leads to from `state` (resumeState for supplement/special-procedure ends); throws
 * CASE_STATE_CONFLICT (409) when the action is not allowed in that state.
 */
export function buildNextState(
  action: CaseAction,
  state: CaseState,
  resumeState: string | null,
  target?: CaseState,
): CaseState {
  const transition = TRANSITIONS[action]
  if (!transition.from.includes(state)) throw casesErrors.stateConflict(state, action)
  if (target && target !== transition.to) {
    if (!transition.alternatives?.includes(target)) throw casesErrors.stateConflict(state, action)
    return target
  }
  if (transition.to !== 'resume') return transition.to
  if (!resumeState || !CASE_STATES.includes(resumeState as CaseState)) throw casesErrors.stateConflict(state, action)
  return resumeState as CaseState
}

/** Actions the applicant's side can take now, for "what you must do now" on 我的办件. */
export function listApplicantActions(state: CaseState): CaseAction[] {
  return (Object.keys(TRANSITIONS) as CaseAction[]).filter(
    (action) => TRANSITIONS[action].side === 'applicant' && TRANSITIONS[action].from.includes(state),
  )
}
