import type { Notifications } from '../notifications/index.js'
import type { CaseSideEffects } from './case-ports.js'
import type { CaseNotices, IssueCaseNoticeInput } from './notices/index.js'

/**
 * The real side effects of a transition, inside its transaction: the notice PDF (cases/notices) and the applicant's
 * SMS and in-site message (notifications outbox). A notice the notices module refuses (a blank reason) rolls the
 * transition back with it.
 */
export function createCaseSideEffects(deps: {
  notices: Pick<CaseNotices, 'issueCaseNotice'>
  notifications: Pick<Notifications, 'enqueueNotification'>
}): CaseSideEffects {
  return {
    issueNotice: (tx, input) =>
      deps.notices.issueCaseNotice(tx, {
        caseId: input.caseId,
        kind: input.kind,
        data: input.data,
        ...(input.issuedBy ? { issuedBy: input.issuedBy } : {}),
      } as IssueCaseNoticeInput),
    notify: (tx, input) => deps.notifications.enqueueNotification(tx, input),
  }
}
