import type { ComponentType } from 'react'

// What a module's web/index.ts gives the shell (STYLE.md §10): its pages, its menu entries and its parts of the
// portal home. The shell (src/web/app) composes every module's ModulePages and names no page itself. Pages are
// lazyPage(() => import(...)) components, so index.ts stays light and a page downloads on its first visit.

/** Groups of the workbench menu, in the order the shell shows them; a module may name a new one (shown last). */
export type WorkbenchMenuGroup =
  | 'accounts'
  | 'security'
  | 'settings'
  | 'work'
  | 'processes'
  | 'catalog'
  | 'personalData'
  | (string & {})

/** A menu icon: `lazyIcon(() => import('./menu-icons.js').then((m) => m.TeamOutlined))` keeps it out of the portal. */
export type MenuIcon = ComponentType<{ 'aria-hidden'?: boolean }>

/** A public page, under the portal's header and footer, e.g. `/services/items/:code`. */
export type PortalRoute = { path: string; page: ComponentType }

/** A staff page under /workbench; `path` is relative to it, e.g. `catalog/items/:code`. */
export type WorkbenchRoute = {
  path: string
  page: ComponentType
  /** Only accounts with this permission see the page (and its menu entry); the API checks again. */
  permission: string
  /** Present when the page has an entry in the side menu and a shortcut on the workbench home. */
  menu?: {
    group: WorkbenchMenuGroup
    /** i18n key of the menu label. */
    labelKey: string
    /** i18n key of the one-line description of the shortcut on the workbench home. */
    descriptionKey?: string
    icon?: MenuIcon
  }
}

/** A part of the portal home: `hero` sits in the welcome banner (e.g. the service search), `section` below it. */
export type PortalEntryPoint = { key: string; slot: 'hero' | 'section'; component: ComponentType }

/** A panel on the workbench home for accounts with `permission` (e.g. open security alerts). */
export type WorkbenchHomePanel = { key: string; permission: string; component: ComponentType }

/** Message groups, e.g. `{ workflow: { inboxTitle: '待办事项' } }`; keys are used as `t('workflow.inboxTitle')`. */
export type MessageGroups = Record<string, Record<string, unknown>>

export type ModulePages = {
  /** The module's folder name, e.g. `catalog`. */
  module: string
  /** Links in the portal header after 首页, e.g. 办事指南. */
  portalNav?: readonly { path: string; labelKey: string }[]
  portal?: readonly PortalRoute[]
  workbench?: readonly WorkbenchRoute[]
  portalEntryPoints?: readonly PortalEntryPoint[]
  workbenchHomePanels?: readonly WorkbenchHomePanel[]
  /** Chinese texts ship with the portal; English ones download when a visitor switches language. */
  messages?: { zh: MessageGroups; en: () => Promise<MessageGroups> }
}
