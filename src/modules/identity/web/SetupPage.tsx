import { Alert, Button, Card, Divider, Form, type FormRule, Input, Radio, Result, Spin, Tag } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, api, describeError } from '../../../web/kit/api.js'
import { LinkButton } from '../../../web/kit/layout/LinkButton.js'
import { LoadFailedAlert } from '../../../web/kit/layout/LoadFailedAlert.js'
import type { Role } from '../../../web/kit/types.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { DivisionCascader } from './DivisionCascader.js'
import { findPasswordProblem, isValidLoginName } from './registration-rules.js'
import { ADMINISTRATOR_ROLES } from './role-groups.js'
import './personal-data.css'

type SetupStatus = { needed: boolean; missingRoles?: Role[] }

/** The two roles whose first holders create their own account once the system administrator exists. */
type RoleHolderRole = 'security_admin' | 'audit_admin'

type RoleHolderFields = {
  role: RoleHolderRole
  token: string
  loginName: string
  displayName: string
  password: string
  confirmPassword: string
}

type SetupFields = {
  token: string
  divisionCode: string
  centreName: string
  loginName: string
  displayName: string
  password: string
  confirmPassword: string
}

// Which field a server refusal belongs to, so the message appears next to it.
const FIELD_BY_ERROR_CODE: Record<string, keyof SetupFields> = {
  IDENTITY_SETUP_TOKEN_INVALID: 'token',
  IDENTITY_DIVISION_NOT_FOUND: 'divisionCode',
  IDENTITY_PASSWORD_WEAK: 'password',
  IDENTITY_LOGIN_NAME_TAKEN: 'loginName',
}

const ROLE_HOLDER_FIELD_BY_ERROR_CODE: Record<string, keyof RoleHolderFields> = {
  IDENTITY_SETUP_TOKEN_INVALID: 'token',
  IDENTITY_PASSWORD_WEAK: 'password',
  IDENTITY_LOGIN_NAME_TAKEN: 'loginName',
}

const toTrimmed = (value: string | undefined) => (value ?? '').trim()

function useSetupRules() {
  const { t } = useTranslation()
  const check =
    (problemOf: (value: string) => string | undefined): FormRule =>
    () => ({
      validator: async (_rule, value: string | undefined) => {
        const problem = value ? problemOf(value) : undefined
        if (problem) throw new Error(problem)
      },
    })
  return {
    token: [
      { required: true, message: t('personalData.setupTokenRequired') },
      { min: 10, max: 100, message: t('personalData.setupTokenLength') },
    ],
    divisionCode: [
      { required: true, message: t('personalData.divisionCodeRequired') },
      { pattern: /^\d{6}$/, message: t('personalData.divisionCodeFormat') },
    ],
    centreName: [
      { required: true, whitespace: true, message: t('personalData.centreNameRequired') },
      { min: 4, max: 60, message: t('personalData.centreNameLength') },
    ],
    loginName: [
      { required: true, message: t('identity.loginNameRequired') },
      check((value) => (isValidLoginName(value) ? undefined : t('identity.loginNameFormat'))),
    ],
    displayName: [
      { required: true, whitespace: true, message: t('identity.personNameRequired') },
      { min: 2, message: t('identity.nameTooShort') },
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
    ],
  } satisfies Record<keyof SetupFields, FormRule[]>
}

/** Login name, name and the password twice: the administrator account both setup forms create. */
function AdministratorAccountFields({ namePlaceholder }: { namePlaceholder: string }) {
  const { t } = useTranslation()
  const rules = useSetupRules()
  return (
    <>
      <Form.Item name="loginName" label={t('identity.loginNameLabel')} rules={rules.loginName} normalize={toTrimmed}>
        <Input placeholder={t('identity.loginNamePlaceholder')} autoComplete="username" maxLength={32} />
      </Form.Item>
      <Form.Item name="displayName" label={t('personalData.adminNameLabel')} rules={rules.displayName}>
        <Input placeholder={namePlaceholder} autoComplete="name" maxLength={50} />
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
    </>
  )
}

function SetupDone() {
  const { t } = useTranslation()
  return (
    <Result
      status="success"
      className="setup-result"
      title={<h1 className="result-title">{t('personalData.setupDoneTitle')}</h1>}
      subTitle={t('personalData.setupDoneText')}
      extra={
        <LinkButton to="/staff/login" type="primary">
          {t('personalData.setupGoStaffLogin')}
        </LinkButton>
      }
    />
  )
}

/** After one account: how that person goes on, and whether other administrator roles still wait for their holder. */
function SetupSucceeded({
  role,
  loginName,
  remaining,
  onContinue,
}: {
  role: Role
  loginName: string
  remaining: Role[]
  onContinue: () => void
}) {
  const { t } = useTranslation()
  const roleName = t(`identity.role_${role}`)
  const remainingNames = remaining
    .map((missing) => t(`identity.role_${missing}`))
    .join(t('personalData.setupListSeparator'))
  return (
    <Result
      status="success"
      className="setup-result"
      title={<h1 className="result-title">{t('personalData.setupSucceededTitle', { role: roleName })}</h1>}
      subTitle={
        <>
          <p>{t('personalData.setupSucceededText', { loginName })}</p>
          <p>
            {remaining.length > 0
              ? t('personalData.setupStillMissing', { roles: remainingNames })
              : t('personalData.setupCompleteText')}
          </p>
        </>
      }
      extra={
        <div className="setup-result-actions">
          <LinkButton to="/staff/login" type="primary">
            {t('personalData.setupGoStaffLogin')}
          </LinkButton>
          {remaining.length > 0 && <Button onClick={onContinue}>{t('personalData.setupContinue')}</Button>}
        </div>
      }
    />
  )
}

/** Which of the three administrator roles have a holder: the only thing this public page tells (no names). */
function RoleProgress({ missingRoles }: { missingRoles: Role[] }) {
  const { t } = useTranslation()
  return (
    <section className="setup-progress" aria-labelledby="setup-progress-title">
      <h2 id="setup-progress-title" className="setup-progress-title">
        {t('personalData.setupProgressTitle')}
      </h2>
      <ul className="setup-progress-list">
        {ADMINISTRATOR_ROLES.map((role) => {
          const isMissing = missingRoles.includes(role)
          return (
            <li key={role} className="setup-progress-item">
              <span>{t(`identity.role_${role}`)}</span>
              <Tag color={isMissing ? 'default' : 'success'} variant="outlined">
                {isMissing ? t('personalData.setupRoleMissing') : t('personalData.setupRoleHeld')}
              </Tag>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function SetupForm({
  onDone,
  onAlreadyDone,
}: {
  onDone: (created: { role: Role; loginName: string }) => void
  onAlreadyDone: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<SetupFields>()
  const [isSubmitting, setIsSubmitting] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)
  const rules = useSetupRules()

  async function submit(values: SetupFields) {
    setIsSubmitting(true)
    setFailure(undefined)
    const body = {
      token: values.token,
      divisionCode: values.divisionCode,
      centreName: values.centreName.trim(),
      loginName: values.loginName,
      displayName: values.displayName.trim(),
      password: values.password,
    }
    try {
      await api.post<{ accountId: string }>('/api/setup/administrator', body, { quiet: true })
      onDone({ role: 'system_admin', loginName: values.loginName })
    } catch (error) {
      setIsSubmitting(false)
      if (error instanceof ApiError && error.code === 'IDENTITY_SETUP_DONE') {
        onAlreadyDone()
        return
      }
      let text = describeError(error)
      if (error instanceof ApiError && error.code === 'IDENTITY_SETUP_TOKEN_INVALID') {
        text = t('personalData.setupTokenInvalid')
      }
      const field = error instanceof ApiError ? FIELD_BY_ERROR_CODE[error.code] : undefined
      if (field) form.setFields([{ name: field, errors: [text] }])
      setFailure(text)
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
          title={t('personalData.setupFailedTitle')}
          description={failure}
        />
      )}
      <Form<SetupFields>
        form={form}
        name="setup"
        layout="vertical"
        requiredMark
        disabled={isSubmitting}
        onFinish={submit}
        validateTrigger={['onBlur', 'onChange']}
      >
        <Form.Item
          name="token"
          label={t('personalData.setupTokenLabel')}
          extra={t('personalData.setupTokenHelp')}
          rules={rules.token}
          normalize={toTrimmed}
        >
          <Input placeholder={t('personalData.setupTokenPlaceholder')} autoComplete="off" maxLength={100} />
        </Form.Item>

        <Divider titlePlacement="start" className="setup-divider">
          {t('personalData.setupSectionCentre')}
        </Divider>
        <Form.Item
          label={t('personalData.divisionLabel')}
          htmlFor="setup-division"
          extra={t('personalData.divisionHelp')}
        >
          <DivisionCascader
            id="setup-division"
            onPick={(code) => {
              form.setFieldValue('divisionCode', code)
              if (code) void form.validateFields(['divisionCode'])
            }}
          />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('personalData.divisionCodeLabel')}
          rules={rules.divisionCode}
          normalize={toTrimmed}
        >
          <Input
            placeholder={t('personalData.divisionCodePlaceholder')}
            inputMode="numeric"
            maxLength={6}
            autoComplete="off"
          />
        </Form.Item>
        <Form.Item name="centreName" label={t('personalData.centreNameLabel')} rules={rules.centreName}>
          <Input placeholder={t('personalData.centreNamePlaceholder')} maxLength={60} autoComplete="organization" />
        </Form.Item>

        <Divider titlePlacement="start" className="setup-divider">
          {t('personalData.setupSectionAdministrator')}
        </Divider>
        <AdministratorAccountFields namePlaceholder={t('personalData.adminNamePlaceholder')} />
        <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting}>
          {t('personalData.setupSubmit')}
        </Button>
      </Form>
    </>
  )
}

/**
 * The first security or audit administrator creates their own account with the setup token: only the security
 * administrator grants roles afterwards, so the system administrator cannot create these (ADR 0016).
 */
function RoleHolderForm({
  missingRoles,
  onDone,
  onStale,
}: {
  missingRoles: RoleHolderRole[]
  onDone: (created: { role: Role; loginName: string }) => void
  onStale: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<RoleHolderFields>()
  const [isSubmitting, setIsSubmitting] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)
  const rules = useSetupRules()

  async function submit(values: RoleHolderFields) {
    setIsSubmitting(true)
    setFailure(undefined)
    const body = {
      token: values.token,
      role: values.role,
      loginName: values.loginName,
      displayName: values.displayName.trim(),
      password: values.password,
    }
    try {
      await api.post<{ accountId: string }>('/api/setup/role-holder', body, { quiet: true })
      onDone({ role: values.role, loginName: values.loginName })
    } catch (error) {
      setIsSubmitting(false)
      // Someone else took the role (or setup finished) meanwhile: show the current state instead of a stale form.
      if (error instanceof ApiError && ['IDENTITY_SETUP_ROLE_HELD', 'IDENTITY_SETUP_NO_CENTRE'].includes(error.code)) {
        onStale()
        return
      }
      let text = describeError(error)
      if (error instanceof ApiError && error.code === 'IDENTITY_SETUP_TOKEN_INVALID') {
        text = t('personalData.setupTokenInvalid')
      }
      const field = error instanceof ApiError ? ROLE_HOLDER_FIELD_BY_ERROR_CODE[error.code] : undefined
      if (field) form.setFields([{ name: field, errors: [text] }])
      setFailure(text)
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
          title={t('personalData.setupFailedTitle')}
          description={failure}
        />
      )}
      <Form<RoleHolderFields>
        form={form}
        name="setupRoleHolder"
        layout="vertical"
        requiredMark
        disabled={isSubmitting}
        onFinish={submit}
        initialValues={{ role: missingRoles[0] }}
        validateTrigger={['onBlur', 'onChange']}
      >
        <Form.Item
          name="role"
          label={t('personalData.setupRoleLabel')}
          extra={t('personalData.setupRoleHelp')}
          rules={[{ required: true, message: t('personalData.setupRoleRequired') }]}
        >
          <Radio.Group
            aria-label={t('personalData.setupRoleLabel')}
            options={missingRoles.map((role) => ({ value: role, label: t(`identity.role_${role}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="token"
          label={t('personalData.setupTokenLabel')}
          extra={t('personalData.setupTokenHelp')}
          rules={rules.token}
          normalize={toTrimmed}
        >
          <Input placeholder={t('personalData.setupTokenPlaceholder')} autoComplete="off" maxLength={100} />
        </Form.Item>

        <Divider titlePlacement="start" className="setup-divider">
          {t('personalData.setupSectionOwnAccount')}
        </Divider>
        <AdministratorAccountFields namePlaceholder={t('personalData.ownNamePlaceholder')} />
        <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting}>
          {t('personalData.setupRoleHolderSubmit')}
        </Button>
      </Form>
    </>
  )
}

/**
 * `/setup`: on a new production install, whoever holds the one-time token printed on the server console creates the
 * first system administrator; then the first security administrator and the first audit administrator each create
 * their own account with the same token. Once all three roles have a holder the page only says so.
 */
export function SetupPage() {
  const { t } = useTranslation()
  useDocumentTitle(t('personalData.setupTitle'))
  const status = useApiData((signal) => api.get<SetupStatus>('/api/setup', { signal, quiet: true }), 'setup')
  const [created, setCreated] = useState<{ role: Role; loginName: string } | undefined>(undefined)

  const missingRoles: Role[] = status.data?.missingRoles ?? (status.data?.needed ? [...ADMINISTRATOR_ROLES] : [])

  let content: ReactNode
  if (status.isLoading) {
    content = (
      <div className="page-loading">
        <Spin size="large" description={t('common.loading')} />
      </div>
    )
  } else if (status.error) {
    content = <LoadFailedAlert onRetry={status.reload} />
  } else if (created) {
    content = (
      <SetupSucceeded
        role={created.role}
        loginName={created.loginName}
        remaining={missingRoles.filter((role) => role !== created.role)}
        onContinue={() => {
          setCreated(undefined)
          status.reload()
        }}
      />
    )
  } else if (missingRoles.length === 0) {
    content = <SetupDone />
  } else if (missingRoles.includes('system_admin')) {
    content = (
      <>
        <h1 className="auth-title">{t('personalData.setupTitle')}</h1>
        <p className="auth-subtitle">{t('personalData.setupSubtitle')}</p>
        <RoleProgress missingRoles={missingRoles} />
        <Alert className="auth-alert" type="info" showIcon title={t('personalData.setupIntro')} />
        <SetupForm onDone={setCreated} onAlreadyDone={status.reload} />
      </>
    )
  } else {
    const holderRoles = missingRoles.filter(
      (role): role is RoleHolderRole => role === 'security_admin' || role === 'audit_admin',
    )
    content = (
      <>
        <h1 className="auth-title">{t('personalData.setupTitle')}</h1>
        <p className="auth-subtitle">{t('personalData.setupRoleHolderSubtitle')}</p>
        <RoleProgress missingRoles={missingRoles} />
        <Alert className="auth-alert" type="info" showIcon title={t('personalData.setupRoleHolderIntro')} />
        <RoleHolderForm
          key={holderRoles.join()}
          missingRoles={holderRoles}
          onDone={setCreated}
          onStale={status.reload}
        />
      </>
    )
  }

  return (
    <div className="auth-page">
      <Card className="auth-card auth-card-wide" variant="outlined">
        {content}
      </Card>
    </div>
  )
}
