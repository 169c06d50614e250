import { useCallback, useEffect, useRef, useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router-dom'
import { ApiError, api, describeError } from '../../../web/kit/api.js'
import { findRestrictionPath } from '../../../web/kit/session/restriction.js'
import { useSession } from '../../../web/kit/session/useSession.js'
import type { Account, DemoAccount, LoginResponse } from '../../../web/kit/types.js'

export type LoginFailure = { code: string; message: string }

/** A demo administrator's code was just used: wait for the next 30-second window, then try once more. */
export type DemoRetry = { loginName: string; displayName: string; retryAt: number }

const TOTP_PERIOD_MS = 30_000
// Start the retry a moment into the new window, so a clock a little behind the server's is not early.
const RETRY_MARGIN_MS = 1_000

/** Where to go after login: the page that asked for it (same site only), else the account's home. */
export function landingPathFor(account: Account, next: string | null): string {
  // Only a local path: "//host" or "/\host" would leave the site (open redirect).
  if (next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) {
    const isStaffPath = next === '/workbench' || next.startsWith('/workbench/')
    if (isStaffPath === (account.kind === 'staff')) return next
  }
  return account.kind === 'staff' ? '/workbench' : '/me'
}

/** When the next TOTP window starts (with a small margin), in epoch milliseconds. */
export function nextTotpWindowAt(now: number): number {
  return (Math.floor(now / TOTP_PERIOD_MS) + 1) * TOTP_PERIOD_MS + RETRY_MARGIN_MS
}

function toFailure(error: unknown): LoginFailure {
  return { code: error instanceof ApiError ? error.code : 'INTERNAL_ERROR', message: describeError(error) }
}

/**
 * Logs in with `POST /api/auth/login`, asking for the 动态验证码 when the server wants one (AUTH_TOTP_REQUIRED), and
 * goes on: to the one page a restricted session may use, else where the user was heading.
 */
export function useLogin() {
  const { signIn } = useSession()
  const navigate = useNavigate()
  const [searchParams] = useSearchParams()
  const [isSubmitting, setIsSubmitting] = useState(false)
  const [failure, setFailure] = useState<LoginFailure | undefined>(undefined)
  const [isTotpStep, setIsTotpStep] = useState(false)
  // An administrator without a second factor yet: the grant code from the security administrator comes first.
  const [isGrantStep, setIsGrantStep] = useState(false)
  const [demoRetry, setDemoRetry] = useState<DemoRetry | undefined>(undefined)
  const isMounted = useRef(true)

  useEffect(() => {
    isMounted.current = true
    return () => {
      isMounted.current = false
    }
  }, [])

  const finish = useCallback(
    (response: LoginResponse) => {
      signIn(response)
      const to = findRestrictionPath(response.restriction) ?? landingPathFor(response.account, searchParams.get('next'))
      navigate(to, { replace: true })
    },
    [signIn, navigate, searchParams],
  )

  async function login(
    loginName: string,
    password: string,
    second: { totpCode?: string; grantCode?: string } = {},
  ): Promise<void> {
    setIsSubmitting(true)
    setFailure(undefined)
    setDemoRetry(undefined)
    try {
      const body = {
        loginName,
        password,
        ...(second.totpCode ? { totpCode: second.totpCode } : {}),
        ...(second.grantCode ? { grantCode: second.grantCode } : {}),
      }
      finish(await api.post<LoginResponse>('/api/auth/login', body, { quiet: true }))
    } catch (error) {
      if (error instanceof ApiError && error.code === 'AUTH_TOTP_REQUIRED') setIsTotpStep(true)
      else if (error instanceof ApiError && error.code === 'AUTH_GRANT_CODE_REQUIRED') setIsGrantStep(true)
      else setFailure(toFailure(error))
    } finally {
      setIsSubmitting(false)
    }
  }

  const loginAsDemo = useCallback(
    async (demo: Pick<DemoAccount, 'loginName' | 'displayName'>, isRetry = false): Promise<void> => {
      setIsSubmitting(true)
      setFailure(undefined)
      setDemoRetry(undefined)
      try {
        // Ask for the list again: the code it gave a minute ago has expired.
        const accounts = await api.get<DemoAccount[]>('/api/demo/accounts', { quiet: true })
        const fresh = accounts.find((account) => account.loginName === demo.loginName)
        if (!fresh) throw new ApiError(404, 'NOT_FOUND', describeError(undefined))
        const body = fresh.totpCode
          ? { loginName: fresh.loginName, password: fresh.password, totpCode: fresh.totpCode }
          : { loginName: fresh.loginName, password: fresh.password }
        try {
          finish(await api.post<LoginResponse>('/api/auth/login', body, { quiet: true }))
        } catch (error) {
          // A code is accepted once per window: someone (or an earlier click) used this one already.
          if (!isRetry && error instanceof ApiError && error.code === 'AUTH_TOTP_INVALID' && fresh.totpCode) {
            if (isMounted.current) {
              setDemoRetry({
                loginName: fresh.loginName,
                displayName: fresh.displayName,
                retryAt: nextTotpWindowAt(Date.now()),
              })
            }
            return
          }
          throw error
        }
      } catch (error) {
        if (isMounted.current) setFailure(toFailure(error))
      } finally {
        if (isMounted.current) setIsSubmitting(false)
      }
    },
    [finish],
  )

  // The countdown to the next window; when it ends, the demo login is tried once more by itself.
  useEffect(() => {
    if (!demoRetry) return
    const timer = window.setTimeout(
      () => void loginAsDemo(demoRetry, true),
      Math.max(0, demoRetry.retryAt - Date.now()),
    )
    return () => window.clearTimeout(timer)
  }, [demoRetry, loginAsDemo])

  const leaveTotpStep = useCallback(() => {
    setIsTotpStep(false)
    setIsGrantStep(false)
  }, [])

  return { login, loginAsDemo, isSubmitting, failure, isTotpStep, isGrantStep, leaveTotpStep, demoRetry }
}
