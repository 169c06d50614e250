import { lazyPage } from '../../../web/kit/lazy-page.js'
import type { ModulePages } from '../../../web/kit/module-pages.js'
import { casesZh } from './cases-messages.zh.js'
// WEB-B (staff pages): workbench routes and their menu texts.
import { CASES_STAFF_WORKBENCH, casesStaffZh } from './staff/staff-pages.js'

// The form renderer and editor for other modules' pages (lazily loaded; the catalog's form editor uses them).
export * from './application-form/index.js'

// The cases module's pages for the shell (src/web/app/modules.ts): the applicant's side (apply wizard, 我的办件,
// public status look-up). Every page is its own chunk, fetched on first visit.
export const casesPages: ModulePages = {
  module: 'cases',
  portalNav: [{ path: '/my/cases', labelKey: 'cases.navMine' }],
  portal: [
    { path: '/cases/apply/:itemCode', page: lazyPage(() => import('./ApplyPage.js').then((m) => m.ApplyPage)) },
    { path: '/cases/status', page: lazyPage(() => import('./CaseStatusPage.js').then((m) => m.CaseStatusPage)) },
    { path: '/my/cases', page: lazyPage(() => import('./MyCasesPage.js').then((m) => m.MyCasesPage)) },
    { path: '/my/cases/:caseId', page: lazyPage(() => import('./CaseDetailPage.js').then((m) => m.CaseDetailPage)) },
  ],
  // WEB-B (staff pages): 一窗受理, 本部门办件, 网上预审, 风险办件 and the case file.
  workbench: CASES_STAFF_WORKBENCH,
  messages: {
    zh: { cases: casesZh, casesStaff: casesStaffZh },
    en: () =>
      Promise.all([import('./cases-messages.en.js'), import('./staff/staff-messages.en.js')]).then(([a, b]) => ({
        cases: a.casesEn,
        casesStaff: b.casesStaffEn,
      })),
  },
}
