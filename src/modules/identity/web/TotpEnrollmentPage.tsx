import { LogoutOutlined, SafetyOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, Input, Result, Skeleton, Spin, Typography } from 'antd'
import QRCode from 'qrcode'
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate } from 'react-router-dom'
import { ApiError, api, describeError } from '../../../web/kit/api.js'
import { LinkButton } from '../../../web/kit/layout/LinkButton.js'
import { hasPermission, useSession } from '../../../web/kit/session/useSession.js'
import { Permission, type TotpEnrollment } from '../../../web/kit/types.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'

/** "JBSW Y3DP EHPK 3PXP": a base32 secret in groups of four, easier to type by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ')
}

type Enrollment = TotpEnrollment & { qrDataUrl: string }

/** Starts an enrolment once per visit (a second start would replace the secret already shown). */
function useTotpEnrollment(isAllowed: boolean) {
  const [enrollment, setEnrollment] = useState<Enrollment | undefined>(undefined)
  const [error, setError] = useState<unknown>(undefined)
  const isStarted = useRef(false)

  const start = useCallback(async () => {
    setError(undefined)
    try {
      const answer = await api.post<TotpEnrollment>('/api/auth/totp/enrollment', undefined, { quiet: true })
      const qrDataUrl = await QRCode.toDataURL(answer.uri, { width: 200, margin: 1, errorCorrectionLevel: 'M' })
      setEnrollment({ ...answer, qrDataUrl })
    } catch (cause) {
      setError(cause)
    }
  }, [])

  useEffect(() => {
    if (!isAllowed || isStarted.current) return
    isStarted.current = true
    void start()
  }, [isAllowed, start])

  return { enrollment, error, restart: start }
}

/** `/account/totp`: 绑定动态验证码, scan the QR code (or type the secret) into an authenticator app, then confirm. */
export function TotpEnrollmentPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const session = useSession()
  const { status, account, restriction, refresh, signOut } = session
  const isAllowed = status === 'ready' && hasPermission(session, Permission.totpEnroll)
  const { enrollment, error, restart } = useTotpEnrollment(isAllowed)
  const [isSubmitting, setIsSubmitting] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)
  const [form] = Form.useForm<{ code: string }>()
  useDocumentTitle(t('identity.totpTitle'))

  if (status === 'loading') {
    return (
      <div className="page-loading">
        <Spin size="large" description={t('common.loading')} />
      </div>
    )
  }
  if (!account) return <Navigate to="/staff/login?next=%2Faccount%2Ftotp" replace />
  if (!isAllowed) {
    return (
      <Result
        status="info"
        title={<h1 className="result-title">{t('identity.totpTitle')}</h1>}
        subTitle={t('identity.totpStaffOnly')}
        extra={
          <LinkButton type="primary" to="/me">
            {t('common.myAccount')}
          </LinkButton>
        }
      />
    )
  }

  const isRequired = restriction === 'totp_enrollment'

  const activate = async ({ code }: { code: string }) => {
    setIsSubmitting(true)
    setFailure(undefined)
    try {
      await api.post<void>('/api/auth/totp/activation', { code }, { quiet: true })
      await refresh()
      void message.success(t('identity.totpActivated'))
      navigate(account.kind === 'staff' ? '/workbench' : '/me', { replace: true })
    } catch (cause) {
      setFailure(describeError(cause))
      if (cause instanceof ApiError && cause.code === 'AUTH_TOTP_INVALID') form.setFieldValue('code', '')
    } finally {
      setIsSubmitting(false)
    }
  }

  const logout = async () => {
    const loggingOut = signOut()
    navigate('/staff/login', { replace: true })
    await loggingOut
  }

  let setup: ReactNode
  if (error) {
    setup = (
      <Alert
        type="error"
        showIcon
        title={t('identity.totpStartFailed')}
        description={describeError(error)}
        action={
          <Button size="small" onClick={() => void restart()}>
            {t('common.retry')}
          </Button>
        }
      />
    )
  } else if (!enrollment) {
    setup = <Skeleton active paragraph={{ rows: 5 }} />
  } else {
    setup = (
      <div className="totp-setup">
        <img
          className="totp-qr"
          src={enrollment.qrDataUrl}
          width={200}
          height={200}
          alt={t('identity.totpQrAlt')}
          data-testid="totp-qr"
        />
        <div className="totp-manual">
          <p className="totp-manual-label">{t('identity.totpManualLabel')}</p>
          <Typography.Text
            className="totp-secret"
            data-testid="totp-secret"
            copyable={{ text: enrollment.secret, tooltips: [t('identity.totpCopy'), t('identity.totpCopied')] }}
          >
            {groupSecret(enrollment.secret)}
          </Typography.Text>
          <p className="totp-manual-hint">{t('identity.totpManualHint')}</p>
        </div>
      </div>
    )
  }

  return (
    <div className="auth-page">
      <Card className="auth-card auth-card-wide auth-card-totp" variant="outlined">
        <h1 className="auth-title">
          <SafetyOutlined aria-hidden /> {t('identity.totpTitle')}
        </h1>
        <p className="auth-subtitle">
          {isRequired ? t('identity.totpRequiredIntro') : t('identity.totpVoluntaryIntro')}
        </p>
        {!isRequired && account.hasTotp && (
          <Alert className="auth-alert" type="warning" showIcon title={t('identity.totpRebindWarning')} />
        )}
        <ol className="totp-steps">
          <li>{t('identity.totpStepInstall')}</li>
          <li>
            {t('identity.totpStepScan')}
            {setup}
          </li>
          <li>{t('identity.totpStepConfirm')}</li>
        </ol>
        {failure && <Alert className="auth-alert" type="error" showIcon role="alert" title={failure} />}
        <Form<{ code: string }>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={isSubmitting || !enrollment}
          onFinish={activate}
        >
          <Form.Item
            name="code"
            label={t('identity.totpCodeLabel')}
            normalize={(value: string | undefined) => value?.replace(/\D/g, '').slice(0, 6)}
            rules={[
              { required: true, message: t('identity.totpCodeRequired') },
              { pattern: /^\d{6}$/, message: t('identity.totpCodeFormat') },
            ]}
          >
            <Input
              prefix={<SafetyOutlined aria-hidden />}
              placeholder={t('identity.totpCodePlaceholder')}
              autoComplete="one-time-code"
              inputMode="numeric"
              pattern="[0-9]*"
              size="large"
              maxLength={6}
              className="totp-code-input"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting}>
            {t('identity.totpActivate')}
          </Button>
        </Form>
        <div className="auth-footer account-restricted-footer">
          {isRequired ? (
            <Button type="link" icon={<LogoutOutlined aria-hidden />} onClick={logout}>
              {t('identity.restrictedLogout')}
            </Button>
          ) : (
            <LinkButton type="link" to={account.kind === 'staff' ? '/workbench' : '/me'}>
              {t('identity.backWithoutChange')}
            </LinkButton>
          )}
        </div>
      </Card>
    </div>
  )
}
