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
  THEME_LABELS,
} from './catalog.schemas.js'
export { type CatalogService, createCatalogService, SYSTEM_EDITOR } from './catalog.service.js'
export { DEMO_ITEMS } from './demo/demo-items.js'
export { DEMO_SYNONYMS } from './demo/demo-synonyms.js'
export { buildOneTimeNotice, listVisibleQuestions } from './one-time-notice.js'
