import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useSearchParams } from 'react-router-dom'
import { useSession } from '../../../web/session/useSession.js'
import { useDocumentTitle } from '../../../web/useDocumentTitle.js'
import { DemoAccountsPanel } from './DemoAccountsPanel.js'
import { landingPathFor, useLogin } from './useLogin.js'

type LoginFields = { loginName: string; password: string }

type LoginFormProps = {
  audience: 'public' | 'staff'
  title: string
  subtitle: string
  loginNameLabel: string
  loginNamePlaceholder: string
  loginNameRequired: string
  footer: ReactNode
}

/** The login card shared by /login and /staff/login, with the demo accounts beside it in demo mode. */
export function LoginForm(props: LoginFormProps) {
  const { t } = useTranslation()
  const { status, account } = useSession()
  const [searchParams] = useSearchParams()
  const { login, isSubmitting, failure } = useLogin()
  useDocumentTitle(props.title)

  if (status === 'ready' && account && !isSubmitting) {
    return <Navigate to={landingPathFor(account, searchParams.get('next'))} replace />
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
          <Form<LoginFields>
            layout="vertical"
            requiredMark={false}
            disabled={isSubmitting}
            onFinish={(values) => login(values.loginName.trim(), values.password)}
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
            <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting}>
              {t('identity.loginSubmit')}
            </Button>
          </Form>
          <div className="auth-footer">{props.footer}</div>
        </Card>
        <DemoAccountsPanel
          audience={props.audience}
          disabled={isSubmitting}
          onPick={(demo) => login(demo.loginName, demo.password)}
        />
      </div>
    </div>
  )
}
