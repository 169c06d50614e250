export {
  APPLICATION_FORM_CUSTOM_KEYWORDS,
  APPLICATION_FORM_FORMATS,
  APPLICATION_FORM_LIMITS,
  APPLICATION_FORM_PREFILL_SOURCES,
  APPLICATION_FORM_WIDGETS,
  ApplicationForm,
  type ApplicationFormFormat,
  type ApplicationFormPrefillSource,
  type FormSchemaNode,
} from './application-form.js'
export { findApplicationFormProblems } from './application-form-check.js'
export { catalogRoutes } from './catalog.routes.js'
export {
  COMPANY_THEMES,
  ITEM_TYPE_LABELS,
  type ItemGuide,
  type ItemVersion,
  ONLINE_DEPTH_LABELS,
  type OneTimeNotice,
  type OneTimeNoticeContent,
  PERSON_THEMES,
  type PublishedItem,
  type SituationAnswers,
  type SubjectType,
  THEME_LABELS,
} from './catalog.schemas.js'
export { type CatalogService, createCatalogService, SYSTEM_EDITOR } from './catalog.service.js'
export { DEMO_ITEMS } from './demo/demo-items.js'
export { DEMO_SYNONYMS } from './demo/demo-synonyms.js'
export { buildNoticePreview, buildOneTimeNotice, findAnswerProblems, listVisibleQuestions } from './one-time-notice.js'
