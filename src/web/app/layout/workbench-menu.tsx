import { HomeOutlined } from '@ant-design/icons'
import type { ReactNode } from 'react'
import type { WorkbenchMenuGroup } from '../../kit/module-pages.js'
import { Permission } from '../../kit/types.js'
import { MODULES } from '../modules.js'

export type WorkbenchEntry = {
  path: string
  /** i18n key of the menu label. */
  labelKey: string
  /** i18n key of the one-line description on the workbench home. */
  descriptionKey: string | undefined
  permission: string
  icon: ReactNode
}

// The menu shows the groups in this order; a group no module here names yet (a new module's) comes after them.
const GROUP_ORDER: readonly WorkbenchMenuGroup[] = [
  'accounts',
  'security',
  'settings',
  'work',
  'processes',
  'catalog',
  'personalData',
]

function groupRank(group: WorkbenchMenuGroup): number {
  const rank = GROUP_ORDER.indexOf(group)
  return rank === -1 ? GROUP_ORDER.length : rank
}

const HOME: WorkbenchEntry = {
  path: '/workbench',
  labelKey: 'workbench.menuHome',
  descriptionKey: undefined,
  permission: Permission.workbenchUse,
  icon: <HomeOutlined aria-hidden />,
}

/** Every workbench menu entry the modules contribute, the home first; an account sees those its permissions allow. */
export const WORKBENCH_ENTRIES: readonly WorkbenchEntry[] = [
  HOME,
  ...MODULES.flatMap((module) => module.workbench ?? [])
    .flatMap((route) => (route.menu ? [{ route, menu: route.menu }] : []))
    .map((entry, index) => ({ ...entry, index }))
    // Stable: within a group, entries keep the order of MODULES and of each module's list.
    .sort((a, b) => groupRank(a.menu.group) - groupRank(b.menu.group) || a.index - b.index)
    .map(({ route, menu }) => {
      const Icon = menu.icon
      return {
        path: `/workbench/${route.path}`,
        labelKey: menu.labelKey,
        descriptionKey: menu.descriptionKey,
        permission: route.permission,
        icon: Icon ? <Icon aria-hidden /> : undefined,
      }
    }),
]

export function listWorkbenchEntries(permissions: readonly string[]): WorkbenchEntry[] {
  return WORKBENCH_ENTRIES.filter((entry) => permissions.includes(entry.permission))
}

/** The menu key of the page at `pathname`: the longest entry path it starts with. */
export function findSelectedEntry(pathname: string): string | undefined {
  return [...WORKBENCH_ENTRIES]
    .sort((a, b) => b.path.length - a.path.length)
    .find((entry) => pathname === entry.path || pathname.startsWith(`${entry.path}/`))?.path
}
