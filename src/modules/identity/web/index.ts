import { ApartmentOutlined } from '@ant-design/icons'
import { lazyIcon, lazyPage } from '../../../web/kit/lazy-page.js'
import type { ModulePages } from '../../../web/kit/module-pages.js'
import { Permission } from '../../../web/kit/types.js'
import { accountAdminZh } from './account-admin-messages.zh.js'
import { PortalDepartmentsSection } from './PortalDepartmentsSection.js'
import { personalDataZh } from './personal-data-messages.zh.js'

// Identity's pages for the shell (src/web/app/modules.ts): login, registration, my account, staff administration.
// Only the home's departments section is eager (it is on the portal home); each page is its own chunk.
export const identityPages: ModulePages = {
  module: 'identity',
  portal: [
    { path: '/login', page: lazyPage(() => import('./LoginPage.js').then((m) => m.LoginPage)) },
    { path: '/staff/login', page: lazyPage(() => import('./StaffLoginPage.js').then((m) => m.StaffLoginPage)) },
    { path: '/register', page: lazyPage(() => import('./RegisterPage.js').then((m) => m.RegisterPage)) },
    { path: '/setup', page: lazyPage(() => import('./SetupPage.js').then((m) => m.SetupPage)) },
    { path: '/me', page: lazyPage(() => import('./MyAccountPage.js').then((m) => m.MyAccountPage)) },
    {
      path: '/account/totp',
      page: lazyPage(() => import('./TotpEnrollmentPage.js').then((m) => m.TotpEnrollmentPage)),
    },
    {
      path: '/account/password',
      page: lazyPage(() => import('./ChangePasswordPage.js').then((m) => m.ChangePasswordPage)),
    },
  ],
  portalEntryPoints: [{ key: 'departments', slot: 'section', component: PortalDepartmentsSection }],
  workbench: [
    {
      path: 'staff',
      page: lazyPage(() => import('./StaffListPage.js').then((m) => m.StaffListPage)),
      permission: Permission.staffRead,
      menu: {
        group: 'accounts',
        labelKey: 'workbench.menuStaff',
        descriptionKey: 'workbench.shortcutStaff',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.TeamOutlined)),
      },
    },
    {
      path: 'departments',
      page: lazyPage(() => import('./DepartmentsPage.js').then((m) => m.DepartmentsPage)),
      permission: Permission.departmentsRead,
      menu: {
        group: 'accounts',
        labelKey: 'workbench.menuDepartments',
        descriptionKey: 'workbench.shortcutDepartments',
        // Already in the portal's download: the home's departments section shows it.
        icon: ApartmentOutlined,
      },
    },
    {
      path: 'security-policy',
      page: lazyPage(() => import('./SecurityPolicyPage.js').then((m) => m.SecurityPolicyPage)),
      permission: Permission.securityPolicyManage,
      menu: {
        group: 'accounts',
        labelKey: 'workbench.menuSecurityPolicy',
        descriptionKey: 'workbench.shortcutSecurityPolicy',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.SafetyCertificateOutlined)),
      },
    },
    {
      path: 'keys',
      page: lazyPage(() => import('./KeyManagementPage.js').then((m) => m.KeyManagementPage)),
      permission: Permission.keysRotate,
      menu: {
        group: 'accounts',
        labelKey: 'workbench.menuKeys',
        descriptionKey: 'workbench.shortcutKeys',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.KeyOutlined)),
      },
    },
    {
      path: 'people',
      page: lazyPage(() => import('./PeopleLookupPage.js').then((m) => m.PeopleLookupPage)),
      permission: Permission.peopleLookUp,
      menu: {
        group: 'personalData',
        labelKey: 'workbench.menuPeople',
        descriptionKey: 'workbench.shortcutPeople',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.IdcardOutlined)),
      },
    },
    {
      path: 'exports',
      page: lazyPage(() => import('./PersonalDataExportsPage.js').then((m) => m.PersonalDataExportsPage)),
      permission: Permission.personalDataExport,
      menu: {
        group: 'personalData',
        labelKey: 'workbench.menuExports',
        descriptionKey: 'workbench.shortcutExports',
        icon: lazyIcon(() => import('./menu-icons.js').then((m) => m.CloudDownloadOutlined)),
      },
    },
  ],
  messages: {
    zh: { accountAdmin: accountAdminZh, personalData: personalDataZh },
    en: () =>
      Promise.all([import('./account-admin-messages.en.js'), import('./personal-data-messages.en.js')]).then(
        ([admin, personal]) => ({ accountAdmin: admin.accountAdminEn, personalData: personal.personalDataEn }),
      ),
  },
}

// For other modules' forms (e.g. cases' application form): the checks are small; the cascader downloads on first use.
export { findIdNumberProblem, findUsccProblem, isMobileNumber } from './registration-rules.js'
// For the shell's portal chrome (site title, centre name) and other modules' pages.
export { useDepartments } from './useDepartments.js'
export { useSiteTitle } from './useSiteTitle.js'
export const DivisionCascader = lazyPage(() => import('./DivisionCascader.js').then((m) => m.DivisionCascader), null)
