import { lazyIcon, lazyPage } from '../../../web/kit/lazy-page.js'
import type { ModulePages } from '../../../web/kit/module-pages.js'
import { Permission } from '../../../web/kit/types.js'
import { workflowZh } from './workflow-messages.zh.js'

// The workflow module's pages for the shell (src/web/app/modules.ts). bpmn-js comes only with the designer and the
// instance monitor, each its own chunk.
export const workflowPages: ModulePages = {
  module: 'workflow',
  workbench: [
    {
      path: 'tasks',
      page: lazyPage(() => import('./TaskInboxPage.js').then((m) => m.TaskInboxPage)),
      permission: Permission.workflowTasksUse,
      menu: {
        group: 'work',
        labelKey: 'workbench.menuTasks',
        descriptionKey: 'workbench.shortcutTasks',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.CheckSquareOutlined)),
      },
    },
    {
      path: 'processes/designer',
      page: lazyPage(() => import('./ProcessDesignerPage.js').then((m) => m.ProcessDesignerPage)),
      permission: Permission.workflowProcessesManage,
      menu: {
        group: 'processes',
        labelKey: 'workbench.menuProcessDesigner',
        descriptionKey: 'workbench.shortcutProcessDesigner',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.PartitionOutlined)),
      },
    },
    {
      path: 'processes',
      page: lazyPage(() => import('./ProcessCataloguePage.js').then((m) => m.ProcessCataloguePage)),
      permission: Permission.workflowProcessesManage,
      menu: {
        group: 'processes',
        labelKey: 'workbench.menuProcessCatalogue',
        descriptionKey: 'workbench.shortcutProcessCatalogue',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.BranchesOutlined)),
      },
    },
    {
      path: 'processes/instances/:id',
      page: lazyPage(() => import('./ProcessInstancePage.js').then((m) => m.ProcessInstancePage)),
      permission: Permission.workflowProcessesManage,
    },
  ],
  messages: {
    zh: { workflow: workflowZh },
    en: () => import('./workflow-messages.en.js').then((m) => ({ workflow: m.workflowEn })),
  },
}
