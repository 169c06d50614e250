import { Navigate, Outlet, useLocation } from 'react-router-dom'
import { findRestrictionPath } from '../../kit/session/restriction.js'
import { useSession } from '../../kit/session/useSession.js'

/**
 * While the session is restricted (TOTP to bind, or an expired password), every page but that one sends the user
 * there. The server refuses everything else anyway; this saves the user a page of 无权访问.
 */
export function RestrictionGuard() {
  const { status, account, restriction } = useSession()
  const { pathname } = useLocation()
  const path = findRestrictionPath(restriction)
  if (status === 'ready' && account && path && pathname !== path) return <Navigate to={path} replace />
  return <Outlet />
}
