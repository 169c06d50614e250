import { createBrowserRouter, ScrollRestoration } from 'react-router-dom'
import { AuditRecordsPage } from '../modules/audit/web/AuditRecordsPage.js'
import { CalendarPage } from '../modules/calendar/web/CalendarPage.js'
import { CatalogItemsPage } from '../modules/catalog/web/CatalogItemsPage.js'
import { GuidePage } from '../modules/catalog/web/GuidePage.js'
import { ImportExportPage } from '../modules/catalog/web/ImportExportPage.js'
import { ItemEditorPage } from '../modules/catalog/web/ItemEditorPage.js'
import { NoticePage } from '../modules/catalog/web/NoticePage.js'
import { ReviewQueuePage } from '../modules/catalog/web/ReviewQueuePage.js'
import { SearchPage } from '../modules/catalog/web/SearchPage.js'
import { ServicesPage } from '../modules/catalog/web/ServicesPage.js'
import { SituationsPage } from '../modules/catalog/web/SituationsPage.js'
import { SynonymsPage } from '../modules/catalog/web/SynonymsPage.js'
import { ChangePasswordPage } from '../modules/identity/web/ChangePasswordPage.js'
import { DepartmentsPage } from '../modules/identity/web/DepartmentsPage.js'
import { KeyManagementPage } from '../modules/identity/web/KeyManagementPage.js'
import { LoginPage } from '../modules/identity/web/LoginPage.js'
import { MyAccountPage } from '../modules/identity/web/MyAccountPage.js'
import { PeopleLookupPage } from '../modules/identity/web/PeopleLookupPage.js'
import { PersonalDataExportsPage } from '../modules/identity/web/PersonalDataExportsPage.js'
import { PortalHomePage } from '../modules/identity/web/PortalHomePage.js'
import { RegisterPage } from '../modules/identity/web/RegisterPage.js'
import { SecurityPolicyPage } from '../modules/identity/web/SecurityPolicyPage.js'
import { SetupPage } from '../modules/identity/web/SetupPage.js'
import { StaffListPage } from '../modules/identity/web/StaffListPage.js'
import { StaffLoginPage } from '../modules/identity/web/StaffLoginPage.js'
import { TotpEnrollmentPage } from '../modules/identity/web/TotpEnrollmentPage.js'
import { WorkbenchHomePage } from '../modules/identity/web/WorkbenchHomePage.js'
import { ProcessCataloguePage } from '../modules/workflow/web/ProcessCataloguePage.js'
import { ProcessDesignerPage } from '../modules/workflow/web/ProcessDesignerPage.js'
import { ProcessInstancePage } from '../modules/workflow/web/ProcessInstancePage.js'
import { TaskInboxPage } from '../modules/workflow/web/TaskInboxPage.js'
import { ApiBridge } from './ApiBridge.js'
import { PortalLayout } from './layout/PortalLayout.js'
import { RequirePermission } from './layout/RequirePermission.js'
import { RestrictionGuard } from './layout/RestrictionGuard.js'
import { NotFoundPage, RouteErrorPage } from './layout/StatusPages.js'
import { WorkbenchLayout } from './layout/WorkbenchLayout.js'
import { Permission } from './types.js'

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
