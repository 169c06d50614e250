import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BranchesOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CloudDownloadOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  PartitionOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons'
import type { ReactNode } from 'react'
import { Permission } from '../types.js'

export type WorkbenchEntry = {
  path: string
  /** i18n key of the menu label. */
  labelKey: string
  /** i18n key of the one-line description on the workbench home. */
  descriptionKey: string | undefined
  permission: string
  icon: ReactNode
}

/** Every workbench page; an account sees only the entries its permissions allow. */
export const WORKBENCH_ENTRIES: readonly WorkbenchEntry[] = [
  {
    path: '/workbench',
    labelKey: 'workbench.menuHome',
    descriptionKey: undefined,
    permission: Permission.workbenchUse,
    icon: <HomeOutlined aria-hidden />,
  },
  {
    path: '/workbench/staff',
    labelKey: 'workbench.menuStaff',
    descriptionKey: 'workbench.shortcutStaff',
    permission: Permission.staffRead,
    icon: <TeamOutlined aria-hidden />,
  },
  {
    path: '/workbench/departments',
    labelKey: 'workbench.menuDepartments',
    descriptionKey: 'workbench.shortcutDepartments',
    permission: Permission.departmentsRead,
    icon: <ApartmentOutlined aria-hidden />,
  },
  {
    path: '/workbench/security-policy',
    labelKey: 'workbench.menuSecurityPolicy',
    descriptionKey: 'workbench.shortcutSecurityPolicy',
    permission: Permission.securityPolicyManage,
    icon: <SafetyCertificateOutlined aria-hidden />,
  },
  {
    path: '/workbench/keys',
    labelKey: 'workbench.menuKeys',
    descriptionKey: 'workbench.shortcutKeys',
    permission: Permission.keysRotate,
    icon: <KeyOutlined aria-hidden />,
  },
  {
    path: '/workbench/alerts',
    labelKey: 'securityAlerts.menu',
    descriptionKey: 'securityAlerts.shortcut',
    permission: Permission.securityAlertsRead,
    icon: <AlertOutlined aria-hidden />,
  },
  {
    path: '/workbench/audit',
    labelKey: 'workbench.menuAudit',
    descriptionKey: 'workbench.shortcutAudit',
    permission: Permission.auditRecordsRead,
    icon: <AuditOutlined aria-hidden />,
  },
  {
    path: '/workbench/calendar',
    labelKey: 'workbench.menuCalendar',
    descriptionKey: 'workbench.shortcutCalendar',
    permission: Permission.calendarManage,
    icon: <CalendarOutlined aria-hidden />,
  },
  {
    path: '/workbench/tasks',
    labelKey: 'workbench.menuTasks',
    descriptionKey: 'workbench.shortcutTasks',
    permission: Permission.workflowTasksUse,
    icon: <CheckSquareOutlined aria-hidden />,
  },
  {
    path: '/workbench/processes/designer',
    labelKey: 'workbench.menuProcessDesigner',
    descriptionKey: 'workbench.shortcutProcessDesigner',
    permission: Permission.workflowProcessesManage,
    icon: <PartitionOutlined aria-hidden />,
  },
  {
    path: '/workbench/processes',
    labelKey: 'workbench.menuProcessCatalogue',
    descriptionKey: 'workbench.shortcutProcessCatalogue',
    permission: Permission.workflowProcessesManage,
    icon: <BranchesOutlined aria-hidden />,
  },
  {
    path: '/workbench/catalog',
    labelKey: 'workbench.menuCatalog',
    descriptionKey: 'workbench.shortcutCatalog',
    permission: Permission.catalogItemsEdit,
    icon: <FileSearchOutlined aria-hidden />,
  },
  {
    path: '/workbench/catalog/review',
    labelKey: 'workbench.menuCatalogReview',
    descriptionKey: 'workbench.shortcutCatalogReview',
    permission: Permission.catalogItemsPublish,
    icon: <CheckSquareOutlined aria-hidden />,
  },
  {
    path: '/workbench/catalog/synonyms',
    labelKey: 'workbench.menuCatalogSynonyms',
    descriptionKey: 'workbench.shortcutCatalogSynonyms',
    permission: Permission.catalogSynonymsManage,
    icon: <FileSearchOutlined aria-hidden />,
  },
  {
    path: '/workbench/people',
    labelKey: 'workbench.menuPeople',
    descriptionKey: 'workbench.shortcutPeople',
    permission: Permission.peopleLookUp,
    icon: <IdcardOutlined aria-hidden />,
  },
  {
    path: '/workbench/exports',
    labelKey: 'workbench.menuExports',
    descriptionKey: 'workbench.shortcutExports',
    permission: Permission.personalDataExport,
    icon: <CloudDownloadOutlined aria-hidden />,
  },
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
