import type { ReactNode } from 'react'
import { hasPermission, useSession } from '../session/useSession.js'
import { ForbiddenPanel } from './StatusPages.js'

/** Shows the page only to an account with `permission`; the API refuses the data to others anyway. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const session = useSession()
  return hasPermission(session, permission) ? children : <ForbiddenPanel />
}
