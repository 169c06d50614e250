import type { FormRule as Rule } from 'antd'
import { Alert, App, Button, Card, Form, Input, Tabs } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Navigate, useNavigate } from 'react-router-dom'
import { ApiError, api, describeError } from '../../../web/kit/api.js'
import { useSession } from '../../../web/kit/session/useSession.js'
import type { LoginResponse } from '../../../web/kit/types.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import {
  findIdNumberProblem,
  findPasswordProblem,
  findUsccProblem,
  isMobileNumber,
  isValidLoginName,
} from './registration-rules.js'

type RegistrationKind = 'person' | 'organization'

type RegistrationFields = {
  loginName: string
  name: string
  idNumber?: string
  uscc?: string
  phone: string
  password: string
  confirmPassword: string
}

// Which field a server refusal belongs to, so the message appears next to it.
const FIELD_BY_ERROR_CODE: Record<string, keyof RegistrationFields> = {
  IDENTITY_LOGIN_NAME_TAKEN: 'loginName',
  IDENTITY_ID_NUMBER_INVALID: 'idNumber',
  IDENTITY_USCC_INVALID: 'uscc',
  IDENTITY_PASSWORD_WEAK: 'password',
}

const toUpperTrimmed = (value: string | undefined) => (value ?? '').toUpperCase().replace(/\s/g, '')
const toTrimmed = (value: string | undefined) => (value ?? '').trim()

function useRegistrationRules() {
  const { t } = useTranslation()
  const check = (problemOf: (value: string) => string | undefined): Rule => ({
    validator: async (_rule, value: string | undefined) => {
      if (!value) return
      const problem = problemOf(value)
      if (problem) throw new Error(problem)
    },
  })
  return {
    loginName: [
      { required: true, message: t('identity.loginNameRequired') },
      check((value) => (isValidLoginName(value) ? undefined : t('identity.loginNameFormat'))),
    ],
    personName: [
      { required: true, whitespace: true, message: t('identity.personNameRequired') },
      { min: 2, message: t('identity.nameTooShort') },
    ],
    organizationName: [
      { required: true, whitespace: true, message: t('identity.organizationNameRequired') },
      { min: 2, message: t('identity.nameTooShort') },
    ],
    idNumber: [
      { required: true, message: t('identity.idNumberRequired') },
      check((value) => {
        const problem = findIdNumberProblem(value)
        if (problem === 'format') return t('identity.idNumberFormat')
        if (problem === 'birthDate') return t('identity.idNumberBirthDate')
        if (problem === 'checkDigit') return t('identity.idNumberCheckDigit')
        return undefined
      }),
    ],
    uscc: [
      { required: true, message: t('identity.usccRequired') },
      check((value) => {
        const problem = findUsccProblem(value)
        if (problem === 'format') return t('identity.usccFormat')
        if (problem === 'checkDigit') return t('identity.usccCheckDigit')
        return undefined
      }),
    ],
    phone: [
      { required: true, message: t('identity.phoneRequired') },
      check((value) => (isMobileNumber(value) ? undefined : t('identity.phoneFormat'))),
    ],
    password: [
      { required: true, message: t('identity.passwordRequired') },
      check((value) => {
        const problem = findPasswordProblem(value)
        if (problem === 'tooShort') return t('identity.passwordTooShort')
        if (problem === 'needsMix') return t('identity.passwordNeedsMix')
        return undefined
      }),
    ],
    confirmPassword: [
      { required: true, message: t('identity.confirmPasswordRequired') },
      ({ getFieldValue }) => ({
        validator: async (_rule, value: string | undefined) => {
          if (value && value !== getFieldValue('password')) throw new Error(t('identity.confirmPasswordMismatch'))
        },
      }),
    ] satisfies Rule[],
  } satisfies Record<string, Rule[]>
}

function RegistrationForm({ kind }: { kind: RegistrationKind }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const { signIn } = useSession()
  const [form] = Form.useForm<RegistrationFields>()
  const [isSubmitting, setIsSubmitting] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)
  const rules = useRegistrationRules()
  const isPerson = kind === 'person'

  async function submit(values: RegistrationFields) {
    setIsSubmitting(true)
    setFailure(undefined)
    const body = {
      kind,
      loginName: values.loginName,
      name: values.name.trim(),
      ...(isPerson ? { idNumber: values.idNumber } : { uscc: values.uscc }),
      phone: values.phone,
      password: values.password,
    }
    try {
      const response = await api.post<LoginResponse>('/api/auth/register', body, { quiet: true })
      signIn(response)
      void message.success(t('identity.registerSuccess'))
      navigate('/me', { replace: true })
    } catch (error) {
      const text = describeError(error)
      const field = error instanceof ApiError ? FIELD_BY_ERROR_CODE[error.code] : undefined
      if (field) form.setFields([{ name: field, errors: [text] }])
      setFailure(text)
      setIsSubmitting(false)
    }
  }

  return (
    <>
      {failure && (
        <Alert
          className="auth-alert"
          type="error"
          showIcon
          role="alert"
          title={t('identity.registerFailedTitle')}
          description={failure}
        />
      )}
      <Form<RegistrationFields>
        form={form}
        name={`register-${kind}`}
        layout="vertical"
        requiredMark
        disabled={isSubmitting}
        onFinish={submit}
        validateTrigger={['onBlur', 'onChange']}
      >
        <Form.Item name="loginName" label={t('identity.loginNameLabel')} rules={rules.loginName} normalize={toTrimmed}>
          <Input placeholder={t('identity.loginNamePlaceholder')} autoComplete="username" maxLength={32} />
        </Form.Item>
        {isPerson ? (
          <>
            <Form.Item name="name" label={t('identity.personNameLabel')} rules={rules.personName}>
              <Input placeholder={t('identity.personNamePlaceholder')} autoComplete="name" maxLength={50} />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={t('identity.idNumberLabel')}
              rules={rules.idNumber}
              normalize={toUpperTrimmed}
            >
              <Input placeholder={t('identity.idNumberPlaceholder')} autoComplete="off" maxLength={18} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="name" label={t('identity.organizationNameLabel')} rules={rules.organizationName}>
              <Input
                placeholder={t('identity.organizationNamePlaceholder')}
                autoComplete="organization"
                maxLength={100}
              />
            </Form.Item>
            <Form.Item name="uscc" label={t('identity.usccLabel')} rules={rules.uscc} normalize={toUpperTrimmed}>
              <Input placeholder={t('identity.usccPlaceholder')} autoComplete="off" maxLength={18} />
            </Form.Item>
          </>
        )}
        <Form.Item name="phone" label={t('identity.phoneLabel')} rules={rules.phone} normalize={toTrimmed}>
          <Input placeholder={t('identity.phonePlaceholder')} autoComplete="tel" inputMode="numeric" maxLength={11} />
        </Form.Item>
        <Form.Item name="password" label={t('identity.passwordLabel')} rules={rules.password}>
          <Input.Password
            placeholder={t('identity.newPasswordPlaceholder')}
            autoComplete="new-password"
            maxLength={128}
          />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('identity.confirmPasswordLabel')}
          rules={rules.confirmPassword}
          dependencies={['password']}
        >
          <Input.Password
            placeholder={t('identity.confirmPasswordPlaceholder')}
            autoComplete="new-password"
            maxLength={128}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting}>
          {t('identity.registerSubmit')}
        </Button>
      </Form>
    </>
  )
}

/** `/register`: 个人注册 (with 居民身份证号码) and 法人注册 (with 统一社会信用代码); logs in on success. */
export function RegisterPage() {
  const { t } = useTranslation()
  const { status, account } = useSession()
  useDocumentTitle(t('identity.registerTitle'))
  if (status === 'ready' && account) return <Navigate to={account.kind === 'staff' ? '/workbench' : '/me'} replace />
  return (
    <div className="auth-page">
      <Card className="auth-card auth-card-wide" variant="outlined">
        <h1 className="auth-title">{t('identity.registerTitle')}</h1>
        <p className="auth-subtitle">{t('identity.registerSubtitle')}</p>
        <Tabs
          defaultActiveKey="person"
          destroyOnHidden
          items={[
            { key: 'person', label: t('identity.tabPerson'), children: <RegistrationForm kind="person" /> },
            {
              key: 'organization',
              label: t('identity.tabOrganization'),
              children: <RegistrationForm kind="organization" />,
            },
          ]}
        />
        <div className="auth-footer">
          <p>
            {t('identity.haveAccount')} <Link to="/login">{t('identity.goLogin')}</Link>
          </p>
        </div>
      </Card>
    </div>
  )
}
