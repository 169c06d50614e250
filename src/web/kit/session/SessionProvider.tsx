import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react'
import { ApiError, api, setCsrfToken } from '../api.js'
import type { Account, LoginResponse, MeResponse, PreviousLogin, SessionRestriction } from '../types.js'
import { type Session, SessionContext } from './session-context.js'

// The previous login is only in the login response; keep it for this tab so a reload still shows it.
const PREVIOUS_LOGIN_KEY = 'tongban.previousLogin'

type StoredPreviousLogin = { accountId: string; previousLogin: PreviousLogin | null }

function readPreviousLogin(accountId: string): PreviousLogin | null | undefined {
  try {
    const raw = window.sessionStorage.getItem(PREVIOUS_LOGIN_KEY)
    if (!raw) return undefined
    const stored = JSON.parse(raw) as StoredPreviousLogin
    return stored.accountId === accountId ? stored.previousLogin : undefined
  } catch {
    return undefined
  }
}

function writePreviousLogin(value: StoredPreviousLogin | undefined): void {
  try {
    if (value) window.sessionStorage.setItem(PREVIOUS_LOGIN_KEY, JSON.stringify(value))
    else window.sessionStorage.removeItem(PREVIOUS_LOGIN_KEY)
  } catch {
    // Storage blocked: the home panel shows "unknown" after a reload, nothing worse.
  }
}

/** Asks the server once who is logged in, and shares the answer with every page. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Session['status']>('loading')
  const [account, setAccount] = useState<Account | null>(null)
  const [previousLogin, setPreviousLogin] = useState<PreviousLogin | null | undefined>(undefined)
  const [restriction, setRestriction] = useState<SessionRestriction>(null)

  useEffect(() => {
    const controller = new AbortController()
    api
      .get<MeResponse>('/api/auth/me', { quiet: true, signal: controller.signal })
      .then((me) => {
        setCsrfToken(me.csrfToken)
        setAccount(me.account)
        setRestriction(me.restriction)
        setPreviousLogin(readPreviousLogin(me.account.id))
        setStatus('ready')
      })
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return
        // 401 means "not logged in"; any other failure is treated the same so public pages still work.
        if (!(error instanceof ApiError)) console.error(error)
        setAccount(null)
        setStatus('ready')
      })
    return () => controller.abort()
  }, [])

  const signIn = useCallback((response: LoginResponse) => {
    setCsrfToken(response.csrfToken)
    setAccount(response.account)
    setRestriction(response.restriction)
    setPreviousLogin(response.previousLogin)
    writePreviousLogin({ accountId: response.account.id, previousLogin: response.previousLogin })
    setStatus('ready')
  }, [])

  const clear = useCallback(() => {
    setCsrfToken(undefined)
    setAccount(null)
    setRestriction(null)
    setPreviousLogin(undefined)
    writePreviousLogin(undefined)
  }, [])

  const refresh = useCallback(async () => {
    try {
      const me = await api.get<MeResponse>('/api/auth/me', { quiet: true })
      setCsrfToken(me.csrfToken)
      setAccount(me.account)
      setRestriction(me.restriction)
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) clear()
      else throw error
    }
  }, [clear])

  const signOut = useCallback(async () => {
    // The request takes the CSRF token now; the local session is forgotten at once, in the same render as
    // the caller's navigation, so no page briefly sees a half-logged-out state.
    const loggingOut = api.post<void>('/api/auth/logout', undefined, { quiet: true })
    clear()
    try {
      await loggingOut
    } catch (error) {
      // Already logged out on the server (401) is fine; anything else is still a local logout.
      if (!(error instanceof ApiError)) console.error(error)
    }
  }, [clear])

  const session = useMemo<Session>(
    () => ({ status, account, previousLogin, restriction, signIn, signOut, refresh, clear }),
    [status, account, previousLogin, restriction, signIn, signOut, refresh, clear],
  )
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}
