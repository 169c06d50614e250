export {
  buildCaseMessage,
  type CaseMessage,
  type CaseMessageFacts,
} from './case-messages.js'
export {
  buildCountyRemedies,
  type CaseNoticeContent,
  type CaseNoticeData,
  type CaseNoticeDataByKind,
  type MaterialToSupplement,
  type NoticeRemedies,
  type ReceivedMaterial,
} from './notice-data.js'
export { CASE_NOTICE_KINDS, CASE_NOTICE_TITLES, CaseNoticeKind, DEFAULT_LEGAL_BASIS } from './notice-kinds.js'
export { NOTICE_ISSUER_BLOCK, NOTICE_PAGE, NOTICE_QR_BOX, NOTICE_SEAL_BOX } from './notice-layout.js'
export { buildCaseStatusUrl } from './notice-pdf.js'
export { caseNoticeRoutes } from './notices.routes.js'
export {
  type CaseNoticeSummary,
  type CaseNotices,
  createCaseNotices,
  type IssueCaseNoticeInput,
} from './notices.service.js'
