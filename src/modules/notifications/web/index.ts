import { lazyIcon, lazyPage } from '../../../web/kit/lazy-page.js'
import type { ModulePages } from '../../../web/kit/module-pages.js'
import { notificationsZh } from './notifications-messages.zh.js'

// The outbox is for the centre's supervisors (cases.supervise), who follow every department's cases anyway.
const SUPERVISE_CASES = 'cases.supervise'

// The notifications module's pages for the shell (src/web/app/modules.ts).
export const notificationsPages: ModulePages = {
  module: 'notifications',
  portalNav: [{ path: '/my/messages', labelKey: 'notifications.portalNav' }],
  portal: [{ path: '/my/messages', page: lazyPage(() => import('./MyMessagesPage.js').then((m) => m.MyMessagesPage)) }],
  workbench: [
    {
      path: 'notifications/outbox',
      page: lazyPage(() => import('./OutboxPage.js').then((m) => m.OutboxPage)),
      permission: SUPERVISE_CASES,
      menu: {
        group: 'work',
        labelKey: 'notifications.outboxMenu',
        descriptionKey: 'notifications.outboxShortcut',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.MailOutlined)),
      },
    },
  ],
  messages: {
    zh: { notifications: notificationsZh },
    en: () => import('./notifications-messages.en.js').then((m) => ({ notifications: m.notificationsEn })),
  },
}
