import { lazyIcon, lazyPage } from '../../../../web/kit/lazy-page.js'
import type { WorkbenchRoute } from '../../../../web/kit/module-pages.js'
import { casesStaffZh } from './staff-messages.zh.js'

// The staff side of cases for cases/web/index.ts: pages and icons load lazily, so this file stays light.
const HANDLE = 'cases.handle'
const icon = (name: 'FormOutlined' | 'ProfileOutlined' | 'AuditOutlined' | 'AlertOutlined') =>
  lazyIcon(() => import('./staff-icons.js').then((m) => m[name]))

export const CASES_STAFF_WORKBENCH: WorkbenchRoute[] = [
  {
    path: 'cases/window',
    page: lazyPage(() => import('./WindowPage.js').then((m) => m.WindowPage)),
    permission: 'cases.window.register',
    menu: {
      group: 'work',
      labelKey: 'casesStaff.menuWindow',
      descriptionKey: 'casesStaff.shortcutWindow',
      icon: icon('FormOutlined'),
    },
  },
  {
    path: 'cases/handling',
    page: lazyPage(() => import('./HandlingPage.js').then((m) => m.HandlingPage)),
    permission: HANDLE,
    menu: {
      group: 'work',
      labelKey: 'casesStaff.menuHandling',
      descriptionKey: 'casesStaff.shortcutHandling',
      icon: icon('ProfileOutlined'),
    },
  },
  {
    path: 'cases/pre-review',
    page: lazyPage(() => import('./PreReviewPage.js').then((m) => m.PreReviewPage)),
    permission: HANDLE,
    menu: {
      group: 'work',
      labelKey: 'casesStaff.menuPreReview',
      descriptionKey: 'casesStaff.shortcutPreReview',
      icon: icon('AuditOutlined'),
    },
  },
  {
    path: 'cases/at-risk',
    page: lazyPage(() => import('./AtRiskPage.js').then((m) => m.AtRiskPage)),
    permission: 'cases.supervise',
    menu: {
      group: 'work',
      labelKey: 'casesStaff.menuAtRisk',
      descriptionKey: 'casesStaff.shortcutAtRisk',
      icon: icon('AlertOutlined'),
    },
  },
  {
    path: 'cases/:caseId',
    page: lazyPage(() => import('./CaseFilePage.js').then((m) => m.CaseFilePage)),
    permission: HANDLE,
  },
]

export { casesStaffZh }
