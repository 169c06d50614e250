// The ONE place the shell names modules: each module's web/index.ts contributes its pages, menu entries, portal
// entry points and messages (ModulePages, src/web/kit/module-pages.ts). A new module adds itself with one line here.
import { auditPages } from '../../modules/audit/web/index.js'
import { calendarPages } from '../../modules/calendar/web/index.js'
import { casesPages } from '../../modules/cases/web/index.js'
import { catalogPages } from '../../modules/catalog/web/index.js'
import { identityPages } from '../../modules/identity/web/index.js'
import { notificationsPages } from '../../modules/notifications/web/index.js'
import { workflowPages } from '../../modules/workflow/web/index.js'
import type { ModulePages } from '../kit/module-pages.js'

/** In this order the modules' menu entries (within a group), portal links and home entry points appear. */
export const MODULES: readonly ModulePages[] = [
  identityPages,
  auditPages,
  calendarPages,
  workflowPages,
  catalogPages,
  casesPages,
  notificationsPages,
]

// The portal's header, footer and home show the centre's name (the division the server is set up for): identity
// knows it.
export { useDepartments, useSiteTitle } from '../../modules/identity/web/index.js'
