import { Alert, App, Button, Checkbox, Drawer, Form, Grid, Input, Space, TreeSelect } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, api, describeError } from '../../../web/api.js'
import { roleLabel } from '../../../web/labels.js'
import type { Role, StaffMember } from '../../../web/types.js'
import { findPasswordProblem, isMobileNumber, isValidLoginName } from './registration-rules.js'
import { ADMINISTRATOR_ROLES, BUSINESS_ROLES } from './role-groups.js'
import { buildDepartmentOptions, useDepartments } from './useDepartments.js'

type StaffFields = {
  loginName: string
  displayName: string
  departmentId: string
  roles: Role[]
  password: string
  phone?: string
}

// Which field a server refusal belongs to, so the message appears next to it.
const FIELD_BY_ERROR_CODE: Record<string, keyof StaffFields> = {
  IDENTITY_LOGIN_NAME_TAKEN: 'loginName',
  IDENTITY_ROLE_SEPARATION: 'roles',
  IDENTITY_PASSWORD_WEAK: 'password',
  IDENTITY_PHONE_INVALID: 'phone',
  IDENTITY_DEPARTMENT_NOT_FOUND: 'departmentId',
}

type CreateStaffDrawerProps = { open: boolean; onClose: () => void; onCreated: (member: StaffMember) => void }

/** 新建工作人员 (系统管理员): login name, name, department, roles, initial password and phone. */
export function CreateStaffDrawer({ open, onClose, onCreated }: CreateStaffDrawerProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
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
        roles: values.roles,
        password: values.password,
        ...(values.phone ? { phone: values.phone } : {}),
      }
      const member = await api.post<StaffMember>('/api/identity/staff', body, { quiet: true })
      void message.success(t('identity.staffCreated', { name: member.displayName }))
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

  const roleOptions = (roles: readonly Role[]) => roles.map((role) => ({ value: role, label: roleLabel(t, role) }))

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
          name="roles"
          label={t('identity.staffRoles')}
          extra={t('identity.roleSeparationHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('identity.rolesRequired') }]}
        >
          <Checkbox.Group className="role-groups">
            <fieldset className="role-group">
              <legend>{t('identity.businessRoles')}</legend>
              {roleOptions(BUSINESS_ROLES).map((option) => (
                <Checkbox key={option.value} value={option.value}>
                  {option.label}
                </Checkbox>
              ))}
            </fieldset>
            <fieldset className="role-group">
              <legend>{t('identity.administratorRoles')}</legend>
              {roleOptions(ADMINISTRATOR_ROLES).map((option) => (
                <Checkbox key={option.value} value={option.value}>
                  {option.label}
                </Checkbox>
              ))}
            </fieldset>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item
          name="password"
          label={t('identity.initialPasswordLabel')}
          extra={t('identity.initialPasswordHelp')}
          rules={[
            { required: true, message: t('identity.passwordRequired') },
            {
              validator: async (_rule, value: string | undefined) => {
                const problem = value ? findPasswordProblem(value) : undefined
                if (problem === 'tooShort') throw new Error(t('identity.passwordTooShort'))
                if (problem === 'needsMix') throw new Error(t('identity.passwordNeedsMix'))
              },
            },
          ]}
        >
          <Input.Password
            autoComplete="new-password"
            placeholder={t('identity.newPasswordPlaceholder')}
            maxLength={128}
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
