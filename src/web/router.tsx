import { createBrowserRouter, ScrollRestoration } from 'react-router-dom'
import { PortalHomePage } from '../modules/identity/web/PortalHomePage.js'
import { ApiBridge } from './ApiBridge.js'
import { PortalLayout } from './layout/PortalLayout.js'
import { RequirePermission } from './layout/RequirePermission.js'
import { RestrictionGuard } from './layout/RestrictionGuard.js'
import { NotFoundPage, RouteErrorPage } from './layout/StatusPages.js'
import { lazyPage } from './lazy-page.js'
import { Permission } from './types.js'

// Every page but the portal home is its own chunk, fetched on first visit (ADR 0019).
const AuditRecordsPage = lazyPage(() =>
  import('../modules/audit/web/AuditRecordsPage.js').then((m) => m.AuditRecordsPage),
)
const SecurityAlertsPage = lazyPage(() => import('../modules/audit/web/index.js').then((m) => m.SecurityAlertsPage))
const CalendarPage = lazyPage(() => import('../modules/calendar/web/CalendarPage.js').then((m) => m.CalendarPage))
const CatalogItemsPage = lazyPage(() =>
  import('../modules/catalog/web/CatalogItemsPage.js').then((m) => m.CatalogItemsPage),
)
const GuidePage = lazyPage(() => import('../modules/catalog/web/GuidePage.js').then((m) => m.GuidePage))
const ImportExportPage = lazyPage(() =>
  import('../modules/catalog/web/ImportExportPage.js').then((m) => m.ImportExportPage),
)
const ItemEditorPage = lazyPage(() => import('../modules/catalog/web/ItemEditorPage.js').then((m) => m.ItemEditorPage))
const NoticePage = lazyPage(() => import('../modules/catalog/web/NoticePage.js').then((m) => m.NoticePage))
const ReviewQueuePage = lazyPage(() =>
  import('../modules/catalog/web/ReviewQueuePage.js').then((m) => m.ReviewQueuePage),
)
const SearchPage = lazyPage(() => import('../modules/catalog/web/SearchPage.js').then((m) => m.SearchPage))
const ServicesPage = lazyPage(() => import('../modules/catalog/web/ServicesPage.js').then((m) => m.ServicesPage))
const SituationsPage = lazyPage(() => import('../modules/catalog/web/SituationsPage.js').then((m) => m.SituationsPage))
const SynonymsPage = lazyPage(() => import('../modules/catalog/web/SynonymsPage.js').then((m) => m.SynonymsPage))
const ChangePasswordPage = lazyPage(() =>
  import('../modules/identity/web/ChangePasswordPage.js').then((m) => m.ChangePasswordPage),
)
const DepartmentsPage = lazyPage(() =>
  import('../modules/identity/web/DepartmentsPage.js').then((m) => m.DepartmentsPage),
)
const KeyManagementPage = lazyPage(() =>
  import('../modules/identity/web/KeyManagementPage.js').then((m) => m.KeyManagementPage),
)
const LoginPage = lazyPage(() => import('../modules/identity/web/LoginPage.js').then((m) => m.LoginPage))
const MyAccountPage = lazyPage(() => import('../modules/identity/web/MyAccountPage.js').then((m) => m.MyAccountPage))
const PeopleLookupPage = lazyPage(() =>
  import('../modules/identity/web/PeopleLookupPage.js').then((m) => m.PeopleLookupPage),
)
const PersonalDataExportsPage = lazyPage(() =>
  import('../modules/identity/web/PersonalDataExportsPage.js').then((m) => m.PersonalDataExportsPage),
)
const RegisterPage = lazyPage(() => import('../modules/identity/web/RegisterPage.js').then((m) => m.RegisterPage))
const SecurityPolicyPage = lazyPage(() =>
  import('../modules/identity/web/SecurityPolicyPage.js').then((m) => m.SecurityPolicyPage),
)
const SetupPage = lazyPage(() => import('../modules/identity/web/SetupPage.js').then((m) => m.SetupPage))
const StaffListPage = lazyPage(() => import('../modules/identity/web/StaffListPage.js').then((m) => m.StaffListPage))
const StaffLoginPage = lazyPage(() => import('../modules/identity/web/StaffLoginPage.js').then((m) => m.StaffLoginPage))
const TotpEnrollmentPage = lazyPage(() =>
  import('../modules/identity/web/TotpEnrollmentPage.js').then((m) => m.TotpEnrollmentPage),
)
const WorkbenchHomePage = lazyPage(() =>
  import('../modules/identity/web/WorkbenchHomePage.js').then((m) => m.WorkbenchHomePage),
)
const ProcessCataloguePage = lazyPage(() =>
  import('../modules/workflow/web/ProcessCataloguePage.js').then((m) => m.ProcessCataloguePage),
)
const ProcessDesignerPage = lazyPage(() =>
  import('../modules/workflow/web/ProcessDesignerPage.js').then((m) => m.ProcessDesignerPage),
)
const ProcessInstancePage = lazyPage(() =>
  import('../modules/workflow/web/ProcessInstancePage.js').then((m) => m.ProcessInstancePage),
)
const TaskInboxPage = lazyPage(() => import('../modules/workflow/web/TaskInboxPage.js').then((m) => m.TaskInboxPage))
const WorkbenchLayout = lazyPage(() => import('./layout/WorkbenchLayout.js').then((m) => m.WorkbenchLayout))

function Root() {
  return (
    <>
      <ApiBridge />
      <ScrollRestoration />
      <RestrictionGuard />
    </>
  )
}

/** Every page of the web app. Public pages share the portal chrome; /workbench is the staff area. */
export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PortalLayout />,
        children: [
          { path: '/', element: <PortalHomePage /> },
          { path: '/services', element: <ServicesPage /> },
          { path: '/services/search', element: <SearchPage /> },
          { path: '/services/items/:code', element: <GuidePage /> },
          { path: '/services/items/:code/situations', element: <SituationsPage /> },
          { path: '/notices/:number', element: <NoticePage /> },
          { path: '/login', element: <LoginPage /> },
          { path: '/staff/login', element: <StaffLoginPage /> },
          { path: '/register', element: <RegisterPage /> },
          { path: '/setup', element: <SetupPage /> },
          { path: '/me', element: <MyAccountPage /> },
          { path: '/account/totp', element: <TotpEnrollmentPage /> },
          { path: '/account/password', element: <ChangePasswordPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        path: '/workbench',
        element: <WorkbenchLayout />,
        children: [
          {
            index: true,
            element: (
              <RequirePermission permission={Permission.workbenchUse}>
                <WorkbenchHomePage />
              </RequirePermission>
            ),
          },
          {
            path: 'staff',
            element: (
              <RequirePermission permission={Permission.staffRead}>
                <StaffListPage />
              </RequirePermission>
            ),
          },
          {
            path: 'departments',
            element: (
              <RequirePermission permission={Permission.departmentsRead}>
                <DepartmentsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'security-policy',
            element: (
              <RequirePermission permission={Permission.securityPolicyManage}>
                <SecurityPolicyPage />
              </RequirePermission>
            ),
          },
          {
            path: 'audit',
            element: (
              <RequirePermission permission={Permission.auditRecordsRead}>
                <AuditRecordsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'alerts',
            element: (
              <RequirePermission permission={Permission.securityAlertsRead}>
                <SecurityAlertsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'calendar',
            element: (
              <RequirePermission permission={Permission.calendarManage}>
                <CalendarPage />
              </RequirePermission>
            ),
          },
          {
            path: 'tasks',
            element: (
              <RequirePermission permission={Permission.workflowTasksUse}>
                <TaskInboxPage />
              </RequirePermission>
            ),
          },
          ...[
            { path: 'catalog', page: <CatalogItemsPage />, permission: Permission.catalogItemsEdit },
            { path: 'catalog/new', page: <ItemEditorPage />, permission: Permission.catalogItemsEdit },
            { path: 'catalog/items/:code', page: <ItemEditorPage />, permission: Permission.catalogItemsEdit },
            { path: 'catalog/import', page: <ImportExportPage />, permission: Permission.catalogItemsEdit },
            { path: 'catalog/review', page: <ReviewQueuePage />, permission: Permission.catalogItemsPublish },
            { path: 'catalog/synonyms', page: <SynonymsPage />, permission: Permission.catalogSynonymsManage },
            { path: 'people', page: <PeopleLookupPage />, permission: Permission.peopleLookUp },
            { path: 'exports', page: <PersonalDataExportsPage />, permission: Permission.personalDataExport },
            { path: 'keys', page: <KeyManagementPage />, permission: Permission.keysRotate },
            { path: 'processes', page: <ProcessCataloguePage />, permission: Permission.workflowProcessesManage },
            {
              path: 'processes/designer',
              page: <ProcessDesignerPage />,
              permission: Permission.workflowProcessesManage,
            },
            {
              path: 'processes/instances/:id',
              page: <ProcessInstancePage />,
              permission: Permission.workflowProcessesManage,
            },
          ].map(({ path, page, permission }) => ({
            path,
            element: <RequirePermission permission={permission}>{page}</RequirePermission>,
          })),
          { path: '*', element: <NotFoundPage homePath="/workbench" /> },
        ],
      },
    ],
  },
])
