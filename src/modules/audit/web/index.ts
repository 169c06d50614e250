import { lazyIcon, lazyPage } from '../../../web/kit/lazy-page.js'
import type { ModulePages } from '../../../web/kit/module-pages.js'
import { Permission } from '../../../web/kit/types.js'
import { securityAlertsZh } from './security-alerts-messages.zh.js'

// The audit module's pages for the shell (src/web/app/modules.ts). Pages load on first visit, not with the portal.
export const auditPages: ModulePages = {
  module: 'audit',
  workbench: [
    {
      path: 'alerts',
      page: lazyPage(() => import('./SecurityAlertsPage.js').then((m) => m.SecurityAlertsPage)),
      permission: Permission.securityAlertsRead,
      menu: {
        group: 'security',
        labelKey: 'securityAlerts.menu',
        descriptionKey: 'securityAlerts.shortcut',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.AlertOutlined)),
      },
    },
    {
      path: 'audit',
      page: lazyPage(() => import('./AuditRecordsPage.js').then((m) => m.AuditRecordsPage)),
      permission: Permission.auditRecordsRead,
      menu: {
        group: 'security',
        labelKey: 'workbench.menuAudit',
        descriptionKey: 'workbench.shortcutAudit',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.AuditOutlined)),
      },
    },
  ],
  workbenchHomePanels: [
    {
      key: 'security-alerts',
      permission: Permission.securityAlertsRead,
      component: lazyPage(() => import('./SecurityAlertsPage.js').then((m) => m.SecurityAlertsPanel)),
    },
  ],
  messages: {
    zh: { securityAlerts: securityAlertsZh },
    en: () => import('./security-alerts-messages.en.js').then((m) => ({ securityAlerts: m.securityAlertsEn })),
  },
}
