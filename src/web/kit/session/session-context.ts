import { createContext } from 'react'
import type { Account, LoginResponse, PreviousLogin, SessionRestriction } from '../types.js'

export type Session = {
  /** 'loading' until the server has said whether this browser is logged in. */
  status: 'loading' | 'ready'
  account: Account | null
  /** From the login response: null on a first login, undefined when not known (the page was reloaded in a new tab). */
  previousLogin: PreviousLogin | null | undefined
  /** Set when the session may only bind TOTP or change its password; every other page sends the user there. */
  restriction: SessionRestriction
  signIn: (response: LoginResponse) => void
  signOut: () => Promise<void>
  /** Asks the server again who is logged in, e.g. after the restriction was lifted. */
  refresh: () => Promise<void>
  /** Forgets the session locally, e.g. after the server answered 401. */
  clear: () => void
}

export const SessionContext = createContext<Session | undefined>(undefined)
