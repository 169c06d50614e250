import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input } from 'antd'
import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useSearchParams } from 'react-router-dom'
import { findRestrictionPath } from '../../../web/kit/session/restriction.js'
import { useSession } from '../../../web/kit/session/useSession.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { DemoAccountsPanel } from './DemoAccountsPanel.js'
import { type DemoRetry, landingPathFor, useLogin } from './useLogin.js'

type LoginFields = { loginName: string; password: string; totpCode?: string; grantCode?: string }

type LoginFormProps = {
  audience: 'public' | 'staff'
  title: string
  subtitle: string
  loginNameLabel: string
  loginNamePlaceholder: string
  loginNameRequired: string
  footer: ReactNode
}

/** "等待下一个验证码：12 秒后自动重试", counting down each second. */
function DemoRetryNotice({ retry }: { retry: DemoRetry }) {
  const { t } = useTranslation()
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250)
    return () => window.clearInterval(timer)
  }, [])
  const seconds = Math.max(0, Math.ceil((retry.retryAt - now) / 1000))
  return (
    <Alert
      className="auth-alert"
      type="warning"
      showIcon
      role="status"
      data-testid="demo-totp-wait"
      title={t('identity.demoTotpWaitTitle', { name: retry.displayName })}
      description={t('identity.demoTotpWaitText', { seconds })}
    />
  )
}

/** The login card shared by /login and /staff/login, with the demo accounts beside it in demo mode. */
export function LoginForm(props: LoginFormProps) {
  const { t } = useTranslation()
  const { status, account, restriction } = useSession()
  const [searchParams] = useSearchParams()
  const { login, loginAsDemo, isSubmitting, failure, isTotpStep, isGrantStep, leaveTotpStep, demoRetry } = useLogin()
  const [form] = Form.useForm<LoginFields>()
  useDocumentTitle(props.title)

  // A wrong or already used code: clear it so the next one can be typed straight away.
  useEffect(() => {
    if (failure?.code === 'AUTH_TOTP_INVALID') form.setFieldValue('totpCode', '')
  }, [failure, form])

  if (status === 'ready' && account && !isSubmitting) {
    const to = findRestrictionPath(restriction) ?? landingPathFor(account, searchParams.get('next'))
    return <Navigate to={to} replace />
  }

  return (
    <div className="auth-page">
      <div className="auth-columns">
        <Card className="auth-card" variant="outlined">
          <h1 className="auth-title">{props.title}</h1>
          <p className="auth-subtitle">{props.subtitle}</p>
          {failure && (
            <Alert
              className="auth-alert"
              type="error"
              showIcon
              role="alert"
              title={t('identity.loginFailedTitle')}
              description={failure.message}
            />
          )}
          {demoRetry && <DemoRetryNotice retry={demoRetry} />}
          {isGrantStep && !failure && (
            <Alert
              className="auth-alert"
              type="info"
              showIcon
              role="status"
              title={t('accountAdmin.grantCodeStepTitle')}
              description={t('accountAdmin.grantCodeStepText')}
            />
          )}
          {isTotpStep && !failure && (
            <Alert
              className="auth-alert"
              type="info"
              showIcon
              role="status"
              title={t('identity.totpStepTitle')}
              description={t('identity.totpStepText')}
            />
          )}
          <Form<LoginFields>
            form={form}
            layout="vertical"
            requiredMark={false}
            disabled={isSubmitting}
            onValuesChange={(changed: Partial<LoginFields>) => {
              // Another account may have no authenticator: ask for the code again only if the server does.
              if ('loginName' in changed && (isTotpStep || isGrantStep)) {
                leaveTotpStep()
                form.setFieldValue('totpCode', undefined)
                form.setFieldValue('grantCode', undefined)
              }
            }}
            onFinish={(values) =>
              login(values.loginName.trim(), values.password, {
                totpCode: isTotpStep ? values.totpCode?.trim() : undefined,
                grantCode: isGrantStep ? values.grantCode?.trim() : undefined,
              })
            }
          >
            <Form.Item
              name="loginName"
              label={props.loginNameLabel}
              rules={[{ required: true, whitespace: true, message: props.loginNameRequired }]}
            >
              <Input
                prefix={<UserOutlined aria-hidden />}
                placeholder={props.loginNamePlaceholder}
                autoComplete="username"
                size="large"
                maxLength={64}
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('identity.passwordLabel')}
              rules={[{ required: true, message: t('identity.passwordRequired') }]}
            >
              <Input.Password
                prefix={<LockOutlined aria-hidden />}
                placeholder={t('identity.passwordPlaceholder')}
                autoComplete="current-password"
                size="large"
                maxLength={128}
              />
            </Form.Item>
            {isGrantStep && (
              <Form.Item
                name="grantCode"
                label={t('accountAdmin.grantCodeFieldLabel')}
                extra={t('accountAdmin.grantCodeFieldHelp')}
                normalize={(value: string | undefined) => value?.toUpperCase()}
                rules={[{ required: true, whitespace: true, message: t('accountAdmin.grantCodeFieldRequired') }]}
              >
                <Input
                  prefix={<SafetyOutlined aria-hidden />}
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  autoFocus
                  size="large"
                  maxLength={20}
                />
              </Form.Item>
            )}
            {isTotpStep && (
              <Form.Item
                name="totpCode"
                label={t('identity.totpCodeLabel')}
                extra={t('identity.totpCodeHelp')}
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
                  autoFocus
                  size="large"
                  maxLength={6}
                  className="totp-code-input"
                />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting}>
              {t('identity.loginSubmit')}
            </Button>
          </Form>
          <div className="auth-footer">{props.footer}</div>
        </Card>
        <DemoAccountsPanel
          audience={props.audience}
          disabled={isSubmitting || demoRetry !== undefined}
          onPick={(demo) => void loginAsDemo(demo)}
        />
      </div>
    </div>
  )
}
