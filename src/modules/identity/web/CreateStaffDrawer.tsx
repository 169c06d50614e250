import { Alert, Button, Drawer, Form, Grid, Input, Space, TreeSelect } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, api, describeError } from '../../../web/kit/api.js'
import type { StaffMember } from '../../../web/kit/types.js'
import { isMobileNumber, isValidLoginName } from './registration-rules.js'
import { buildDepartmentOptions, useDepartments } from './useDepartments.js'

type StaffFields = {
  loginName: string
  displayName: string
  departmentId: string
  phone?: string
}

// Which field a server refusal belongs to, so the message appears next to it.
const FIELD_BY_ERROR_CODE: Record<string, keyof StaffFields> = {
  IDENTITY_LOGIN_NAME_TAKEN: 'loginName',
  IDENTITY_PHONE_INVALID: 'phone',
  IDENTITY_DEPARTMENT_NOT_FOUND: 'departmentId',
}

/** The created account and its one-time initial password, which the page shows once. */
export type CreatedStaffMember = StaffMember & { oneTimePassword: string }

type CreateStaffDrawerProps = { open: boolean; onClose: () => void; onCreated: (member: CreatedStaffMember) => void }

/**
 * 新建工作人员 (系统管理员): login name, name, department and phone. No roles (the security administrator grants
 * them) and no password (the system generates a one-time one).
 */
export function CreateStaffDrawer({ open, onClose, onCreated }: CreateStaffDrawerProps) {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  const { data: directory } = useDepartments()
  const [form] = Form.useForm<StaffFields>()
  const [isSubmitting, setIsSubmitting] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)

  const submit = async (values: StaffFields) => {
    setIsSubmitting(true)
    setFailure(undefined)
    try {
      const body = {
        loginName: values.loginName.trim(),
        displayName: values.displayName.trim(),
        departmentId: values.departmentId,
        ...(values.phone ? { phone: values.phone } : {}),
      }
      const member = await api.post<CreatedStaffMember>('/api/identity/staff', body, { quiet: true })
      form.resetFields()
      onCreated(member)
    } catch (error) {
      const field = error instanceof ApiError ? FIELD_BY_ERROR_CODE[error.code] : undefined
      if (field) form.setFields([{ name: field, errors: [describeError(error)] }])
      else setFailure(describeError(error))
    } finally {
      setIsSubmitting(false)
    }
  }

  return (
    <Drawer
      title={t('identity.staffCreateTitle')}
      open={open}
      onClose={onClose}
      size={screens.sm === false ? '100%' : 480}
      destroyOnHidden
      footer={
        <Space className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={isSubmitting} onClick={() => form.submit()}>
            {t('identity.staffCreateSubmit')}
          </Button>
        </Space>
      }
    >
      <p className="section-intro">{t('accountAdmin.createNoRolesHint')}</p>
      {failure && <Alert className="auth-alert" type="error" showIcon role="alert" title={failure} />}
      <Form<StaffFields>
        form={form}
        layout="vertical"
        requiredMark
        disabled={isSubmitting}
        onFinish={submit}
        data-testid="create-staff-form"
      >
        <Form.Item
          name="loginName"
          label={t('identity.loginNameLabel')}
          rules={[
            { required: true, message: t('identity.loginNameRequired') },
            {
              validator: async (_rule, value: string | undefined) => {
                if (value && !isValidLoginName(value.trim())) throw new Error(t('identity.loginNameFormat'))
              },
            },
          ]}
        >
          <Input placeholder={t('identity.loginNamePlaceholder')} autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('identity.staffName')}
          rules={[
            { required: true, whitespace: true, message: t('identity.personNameRequired') },
            { min: 2, message: t('identity.nameTooShort') },
          ]}
        >
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('identity.staffDepartment')}
          rules={[{ required: true, message: t('identity.departmentRequired') }]}
        >
          <TreeSelect
            treeData={buildDepartmentOptions(directory?.departments ?? [])}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('identity.departmentPlaceholder')}
            popupMatchSelectWidth
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('identity.phoneLabel')}
          normalize={(value: string | undefined) => value?.trim()}
          rules={[
            {
              validator: async (_rule, value: string | undefined) => {
                if (value && !isMobileNumber(value)) throw new Error(t('identity.phoneFormat'))
              },
            },
          ]}
        >
          <Input
            placeholder={t('identity.phoneOptionalPlaceholder')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={11}
          />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
