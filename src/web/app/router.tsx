import { createBrowserRouter, ScrollRestoration } from 'react-router-dom'
import { RequirePermission } from '../kit/layout/RequirePermission.js'
import { NotFoundPage, RouteErrorPage } from '../kit/layout/StatusPages.js'
import { lazyPage } from '../kit/lazy-page.js'
import { Permission } from '../kit/types.js'
import { ApiBridge } from './ApiBridge.js'
import { PortalLayout } from './layout/PortalLayout.js'
import { RestrictionGuard } from './layout/RestrictionGuard.js'
import { MODULES } from './modules.js'
import { PortalHomePage } from './PortalHomePage.js'

// The shell names no module page: each module's web/index.ts lists its own (ModulePages), and every page but the
// portal home is its own chunk, fetched on first visit (ADR 0019).
const WorkbenchLayout = lazyPage(() => import('./layout/WorkbenchLayout.js').then((m) => m.WorkbenchLayout))
const WorkbenchHomePage = lazyPage(() => import('./WorkbenchHomePage.js').then((m) => m.WorkbenchHomePage))

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
          ...MODULES.flatMap((module) => module.portal ?? []).map(({ path, page: Page }) => ({
            path,
            element: <Page />,
          })),
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
          ...MODULES.flatMap((module) => module.workbench ?? []).map(({ path, page: Page, permission }) => ({
            path,
            element: (
              <RequirePermission permission={permission}>
                <Page />
              </RequirePermission>
            ),
          })),
          { path: '*', element: <NotFoundPage homePath="/workbench" /> },
        ],
      },
    ],
  },
])
