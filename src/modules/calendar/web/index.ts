import { lazyIcon, lazyPage } from '../../../web/kit/lazy-page.js'
import type { ModulePages } from '../../../web/kit/module-pages.js'
import { Permission } from '../../../web/kit/types.js'

// The calendar module's pages for the shell (src/web/app/modules.ts).
export const calendarPages: ModulePages = {
  module: 'calendar',
  workbench: [
    {
      path: 'calendar',
      page: lazyPage(() => import('./CalendarPage.js').then((m) => m.CalendarPage)),
      permission: Permission.calendarManage,
      menu: {
        group: 'settings',
        labelKey: 'workbench.menuCalendar',
        descriptionKey: 'workbench.shortcutCalendar',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.CalendarOutlined)),
      },
    },
  ],
}
