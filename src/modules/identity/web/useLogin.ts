import { useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router-dom'
import { ApiError, api, describeError } from '../../../web/api.js'
import { useSession } from '../../../web/session/useSession.js'
import type { Account, LoginResponse } from '../../../web/types.js'

export type LoginFailure = { code: string; message: string }

/** Where to go after login: the page that asked for it (same site only), else the account's home. */
export function landingPathFor(account: Account, next: string | null): string {
  // Only a local path: "//host" or "/\host" would leave the site (open redirect).
  if (next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) {
    const isStaffPath = next === '/workbench' || next.startsWith('/workbench/')
    if (isStaffPath === (account.kind === 'staff')) return next
  }
  return account.kind === 'staff' ? '/workbench' : '/me'
}

/** Logs in with `POST /api/auth/login`, keeps the session and goes on; the failure is returned to show in place. */
export function useLogin() {
  const { signIn } = useSession()
  const navigate = useNavigate()
  const [searchParams] = useSearchParams()
  const [isSubmitting, setIsSubmitting] = useState(false)
  const [failure, setFailure] = useState<LoginFailure | undefined>(undefined)

  async function login(loginName: string, password: string): Promise<void> {
    setIsSubmitting(true)
    setFailure(undefined)
    try {
      const response = await api.post<LoginResponse>('/api/auth/login', { loginName, password }, { quiet: true })
      signIn(response)
      navigate(landingPathFor(response.account, searchParams.get('next')), { replace: true })
    } catch (error) {
      setFailure({ code: error instanceof ApiError ? error.code : 'INTERNAL_ERROR', message: describeError(error) })
    } finally {
      setIsSubmitting(false)
    }
  }

  return { login, isSubmitting, failure }
}
