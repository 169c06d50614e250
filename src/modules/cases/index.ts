export { type CaseAccessRow, isApplicantSide, loadCaseForActor } from './case-access.js'
export { buildCaseClock, type CaseClock, DEFAULT_YELLOW_SHARE, WarningLevel } from './case-clock.js'
export { createCaseLookup } from './case-lookup.js'
export { buildCaseNumber, isCaseNumber } from './case-number.js'
export {
  type CaseNoticeRequest,
  type CaseSideEffects,
  type CaseTaskView,
  type CaseWorkflowPort,
  NO_SIDE_EFFECTS,
} from './case-ports.js'
export type { CaseMaterialCodes, PreReviewCheckView } from './case-pre-review.js'
export { createCaseSideEffects } from './case-side-effects.js'
export {
  CASE_ACTION_LABELS,
  CASE_STATE_LABELS,
  CASE_STATES,
  CaseAction,
  CaseState,
  CLOCK_STATES,
} from './case-states.js'
export { installCaseWarningJob, scheduleCaseWarnings } from './case-warnings-job.js'
export { createCaseWorkflowPort } from './case-workflow.js'
export { casesErrors } from './cases.errors.js'
export { casesRoutes } from './cases.routes.js'
export { type CasesService, type CasesSettings, createCasesService } from './cases.service.js'
export { type CommonOpinions, createCommonOpinions } from './common-opinions.js'
export { seedDemoItemProcesses } from './demo-item-processes.js'
