import { SaveOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, InputNumber, Radio, Skeleton, Switch } from 'antd'
import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, describeError } from '../../../web/kit/api.js'
import { LoadFailedAlert } from '../../../web/kit/layout/LoadFailedAlert.js'
import type { SecurityPolicy } from '../../../web/kit/types.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { AdminNetworksCard } from './AdminNetworksCard.js'

type NumberField = {
  name: Exclude<keyof SecurityPolicy, 'singleSessionForStaff' | 'totpRequiredForStaff' | 'passwordMinClasses'>
  min: number
  max: number
  /** i18n key of the unit shown after the number (位, 天, 次, 分钟). */
  unitKey: string
}

// The bounds are the server's (security-policy.ts); the server checks them again.
const PASSWORD_FIELDS: NumberField[] = [
  { name: 'passwordMinLength', min: 8, max: 64, unitKey: 'security.unitCharacters' },
  { name: 'passwordExpiryDays', min: 0, max: 365, unitKey: 'security.unitDays' },
  { name: 'passwordHistoryCount', min: 0, max: 24, unitKey: 'security.unitTimes' },
]
const LOGIN_FIELDS: NumberField[] = [
  { name: 'loginMaxFailures', min: 3, max: 10, unitKey: 'security.unitTimes' },
  { name: 'lockoutMinutes', min: 5, max: 1440, unitKey: 'security.unitMinutes' },
  { name: 'sessionIdleMinutes', min: 5, max: 120, unitKey: 'security.unitMinutes' },
]

/** `/workbench/security-policy`: 安全策略, the password, lockout, session and TOTP rules (安全管理员 only). */
export function SecurityPolicyPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  useDocumentTitle(t('security.title'))
  const { data, error, isLoading, reload } = useApiData(
    (signal) => api.get<SecurityPolicy>('/api/security/policy', { signal }),
    'security-policy',
  )
  const [form] = Form.useForm<SecurityPolicy>()
  const [isSaving, setIsSaving] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)

  useEffect(() => {
    if (data) form.setFieldsValue(data)
  }, [data, form])

  const save = async (values: SecurityPolicy) => {
    setIsSaving(true)
    setFailure(undefined)
    try {
      const saved = await api.put<SecurityPolicy>('/api/security/policy', values, { quiet: true })
      form.setFieldsValue(saved)
      void message.success(t('security.saved'))
    } catch (cause) {
      setFailure(describeError(cause))
    } finally {
      setIsSaving(false)
    }
  }

  const numberItem = (field: NumberField) => (
    <Form.Item
      key={field.name}
      name={field.name}
      label={t(`security.${field.name}`)}
      extra={t(`security.${field.name}Help`, { min: field.min, max: field.max })}
      rules={[
        { required: true, message: t('security.required') },
        { type: 'number', min: field.min, max: field.max, message: t('security.range', field) },
      ]}
    >
      <InputNumber min={field.min} max={field.max} precision={0} suffix={t(field.unitKey)} className="policy-number" />
    </Form.Item>
  )

  let content: ReactNode
  if (isLoading && !data) content = <Skeleton active paragraph={{ rows: 8 }} />
  else if (error || !data) {
    content = <LoadFailedAlert onRetry={reload} />
  } else {
    content = (
      <Form<SecurityPolicy>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={isSaving}
        onFinish={save}
        initialValues={data}
        className="policy-form"
        data-testid="security-policy-form"
      >
        {failure && <Alert className="auth-alert" type="error" showIcon role="alert" title={failure} />}
        <fieldset className="policy-group">
          <legend className="section-title">{t('security.groupPassword')}</legend>
          <div className="policy-grid">
            {numberItem(PASSWORD_FIELDS[0] as NumberField)}
            <Form.Item
              name="passwordMinClasses"
              label={t('security.passwordMinClasses')}
              extra={t('security.passwordMinClassesHelp')}
            >
              <Radio.Group
                optionType="button"
                options={[
                  { value: 3, label: t('security.classes3') },
                  { value: 4, label: t('security.classes4') },
                ]}
              />
            </Form.Item>
            {PASSWORD_FIELDS.slice(1).map(numberItem)}
          </div>
        </fieldset>
        <fieldset className="policy-group">
          <legend className="section-title">{t('security.groupLogin')}</legend>
          <div className="policy-grid">{LOGIN_FIELDS.map(numberItem)}</div>
        </fieldset>
        <fieldset className="policy-group">
          <legend className="section-title">{t('security.groupStaff')}</legend>
          <Form.Item
            name="singleSessionForStaff"
            label={t('security.singleSessionForStaff')}
            extra={t('security.singleSessionForStaffHelp')}
            valuePropName="checked"
          >
            <Switch checkedChildren={t('security.on')} unCheckedChildren={t('security.off')} />
          </Form.Item>
          <Form.Item
            name="totpRequiredForStaff"
            label={t('security.totpRequiredForStaff')}
            extra={t('security.totpRequiredForStaffHelp')}
            valuePropName="checked"
          >
            <Switch checkedChildren={t('security.on')} unCheckedChildren={t('security.off')} />
          </Form.Item>
        </fieldset>
        <div className="policy-actions">
          <Button type="primary" htmlType="submit" icon={<SaveOutlined aria-hidden />} loading={isSaving}>
            {t('security.save')}
          </Button>
          <Button onClick={() => form.setFieldsValue(data)}>{t('security.reset')}</Button>
        </div>
      </Form>
    )
  }

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('security.title')}</h1>
      </div>
      <p className="section-intro">{t('security.intro')}</p>
      <Card variant="outlined">{content}</Card>
      <AdminNetworksCard />
    </div>
  )
}
