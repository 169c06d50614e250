import { useContext } from 'react'
import { type Session, SessionContext } from './session-context.js'

/** The logged-in account (or null) and the actions that change it. */
export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession must be used inside <SessionProvider>')
  return session
}

/** Whether the account holds a permission; the server checks again on every call. */
export function hasPermission(session: Session, permission: string): boolean {
  return session.account?.permissions.includes(permission) ?? false
}
