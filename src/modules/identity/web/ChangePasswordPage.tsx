import { KeyOutlined, LogoutOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, Input, Spin } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate } from 'react-router-dom'
import { ApiError, api, describeError } from '../../../web/kit/api.js'
import { LinkButton } from '../../../web/kit/layout/LinkButton.js'
import { useSession } from '../../../web/kit/session/useSession.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { findPasswordProblem } from './registration-rules.js'

type PasswordFields = { currentPassword: string; newPassword: string; confirmPassword: string }

// Which field a server refusal belongs to, so the message appears next to it.
const FIELD_BY_ERROR_CODE: Record<string, keyof PasswordFields> = {
  AUTH_INVALID_CREDENTIALS: 'currentPassword',
  IDENTITY_PASSWORD_WEAK: 'newPassword',
  IDENTITY_PASSWORD_REUSED: 'newPassword',
}

/** `/account/password`: 修改密码, for every account; required when the password has expired. */
export function ChangePasswordPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const { status, account, restriction, refresh, signOut } = useSession()
  const [form] = Form.useForm<PasswordFields>()
  const [isSubmitting, setIsSubmitting] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)
  useDocumentTitle(t('identity.passwordChangeTitle'))

  if (status === 'loading') {
    return (
      <div className="page-loading">
        <Spin size="large" description={t('common.loading')} />
      </div>
    )
  }
  if (!account) return <Navigate to="/login?next=%2Faccount%2Fpassword" replace />

  const isRequired = restriction === 'password_change'
  const home = account.kind === 'staff' ? '/workbench' : '/me'

  const submit = async ({ currentPassword, newPassword }: PasswordFields) => {
    setIsSubmitting(true)
    setFailure(undefined)
    try {
      await api.post<void>('/api/auth/password', { currentPassword, newPassword }, { quiet: true })
      await refresh()
      void message.success(t('identity.passwordChanged'))
      navigate(home, { replace: true })
    } catch (error) {
      const field = error instanceof ApiError ? FIELD_BY_ERROR_CODE[error.code] : undefined
      const text =
        error instanceof ApiError && error.code === 'AUTH_INVALID_CREDENTIALS'
          ? t('identity.currentPasswordWrong')
          : describeError(error)
      if (field) form.setFields([{ name: field, errors: [text] }])
      else setFailure(text)
    } finally {
      setIsSubmitting(false)
    }
  }

  const logout = async () => {
    const loggingOut = signOut()
    navigate(account.kind === 'staff' ? '/staff/login' : '/login', { replace: true })
    await loggingOut
  }

  return (
    <div className="auth-page">
      <Card className="auth-card auth-card-wide" variant="outlined">
        <h1 className="auth-title">
          <KeyOutlined aria-hidden /> {t('identity.passwordChangeTitle')}
        </h1>
        <p className="auth-subtitle">
          {isRequired ? t('identity.passwordExpiredIntro') : t('identity.passwordChangeIntro')}
        </p>
        {failure && <Alert className="auth-alert" type="error" showIcon role="alert" title={failure} />}
        <Alert
          className="auth-alert"
          type="info"
          showIcon
          title={t('identity.passwordPolicyTitle')}
          description={
            <ul className="policy-hints">
              <li>{t('identity.passwordPolicyLength')}</li>
              <li>{t('identity.passwordPolicyMix')}</li>
              <li>{t('accountAdmin.passwordPolicyGuessable')}</li>
              <li>{t('identity.passwordPolicyHistory')}</li>
              <li>{t('identity.passwordPolicyOtherSessions')}</li>
            </ul>
          }
        />
        <Form<PasswordFields>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={isSubmitting}
          onFinish={submit}
        >
          <Form.Item
            name="currentPassword"
            label={t('identity.currentPasswordLabel')}
            rules={[{ required: true, message: t('identity.currentPasswordRequired') }]}
          >
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('identity.newPasswordLabel')}
            dependencies={['currentPassword']}
            rules={[
              { required: true, message: t('identity.newPasswordRequired') },
              ({ getFieldValue }) => ({
                validator: async (_rule, value: string | undefined) => {
                  if (!value) return
                  const problem = findPasswordProblem(value)
                  if (problem === 'tooShort') throw new Error(t('identity.passwordTooShort'))
                  if (problem === 'needsMix') throw new Error(t('identity.passwordNeedsMix'))
                  if (value === getFieldValue('currentPassword')) throw new Error(t('identity.newPasswordSame'))
                },
              }),
            ]}
          >
            <Input.Password
              autoComplete="new-password"
              placeholder={t('identity.newPasswordPlaceholder')}
              maxLength={128}
            />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('identity.confirmPasswordLabel')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('identity.confirmPasswordRequired') },
              ({ getFieldValue }) => ({
                validator: async (_rule, value: string | undefined) => {
                  if (value && value !== getFieldValue('newPassword')) {
                    throw new Error(t('identity.confirmPasswordMismatch'))
                  }
                },
              }),
            ]}
          >
            <Input.Password
              autoComplete="new-password"
              placeholder={t('identity.confirmPasswordPlaceholder')}
              maxLength={128}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting}>
            {t('identity.passwordChangeSubmit')}
          </Button>
        </Form>
        <div className="auth-footer">
          {isRequired ? (
            <Button type="link" icon={<LogoutOutlined aria-hidden />} onClick={logout}>
              {t('identity.restrictedLogout')}
            </Button>
          ) : (
            <LinkButton type="link" to={home}>
              {t('identity.backWithoutChange')}
            </LinkButton>
          )}
        </div>
      </Card>
    </div>
  )
}
