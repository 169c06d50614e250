import { createBrowserRouter, Outlet, ScrollRestoration } from 'react-router-dom'
import { AuditRecordsPage } from '../modules/audit/web/AuditRecordsPage.js'
import { DepartmentsPage } from '../modules/identity/web/DepartmentsPage.js'
import { LoginPage } from '../modules/identity/web/LoginPage.js'
import { MyAccountPage } from '../modules/identity/web/MyAccountPage.js'
import { PortalHomePage } from '../modules/identity/web/PortalHomePage.js'
import { RegisterPage } from '../modules/identity/web/RegisterPage.js'
import { StaffListPage } from '../modules/identity/web/StaffListPage.js'
import { StaffLoginPage } from '../modules/identity/web/StaffLoginPage.js'
import { WorkbenchHomePage } from '../modules/identity/web/WorkbenchHomePage.js'
import { ApiBridge } from './ApiBridge.js'
import { PortalLayout } from './layout/PortalLayout.js'
import { RequirePermission } from './layout/RequirePermission.js'
import { NotFoundPage, RouteErrorPage } from './layout/StatusPages.js'
import { WorkbenchLayout } from './layout/WorkbenchLayout.js'
import { Permission } from './types.js'

function Root() {
  return (
    <>
      <ApiBridge />
      <ScrollRestoration />
      <Outlet />
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
          { path: '/login', element: <LoginPage /> },
          { path: '/staff/login', element: <StaffLoginPage /> },
          { path: '/register', element: <RegisterPage /> },
          { path: '/me', element: <MyAccountPage /> },
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
            path: 'audit',
            element: (
              <RequirePermission permission={Permission.auditRecordsRead}>
                <AuditRecordsPage />
              </RequirePermission>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
])
