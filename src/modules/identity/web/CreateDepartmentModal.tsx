import { Alert, App, Form, Input, Modal, TreeSelect } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, api, describeError } from '../../../web/kit/api.js'
import type { Department } from '../../../web/kit/types.js'
import { buildDepartmentOptions } from './useDepartments.js'

type DepartmentFields = { code: string; name: string; parentId?: string }

const FIELD_BY_ERROR_CODE: Record<string, keyof DepartmentFields> = {
  IDENTITY_DEPARTMENT_CODE_TAKEN: 'code',
  IDENTITY_DEPARTMENT_NOT_FOUND: 'parentId',
}

type CreateDepartmentModalProps = {
  open: boolean
  departments: Department[]
  onClose: () => void
  onCreated: () => void
}

/** 新建部门 (系统管理员): code, name and, for a 科室 or 窗口, the department above it. */
export function CreateDepartmentModal({ open, departments, onClose, onCreated }: CreateDepartmentModalProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<DepartmentFields>()
  const [isSaving, setIsSaving] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)

  const submit = async (values: DepartmentFields) => {
    setIsSaving(true)
    setFailure(undefined)
    try {
      const body = {
        code: values.code.trim(),
        name: values.name.trim(),
        ...(values.parentId ? { parentId: values.parentId } : {}),
      }
      await api.post('/api/identity/departments', body, { quiet: true })
      void message.success(t('identity.departmentCreated', { name: body.name }))
      form.resetFields()
      onCreated()
    } catch (error) {
      const field = error instanceof ApiError ? FIELD_BY_ERROR_CODE[error.code] : undefined
      if (field) form.setFields([{ name: field, errors: [describeError(error)] }])
      else setFailure(describeError(error))
    } finally {
      setIsSaving(false)
    }
  }

  return (
    <Modal
      open={open}
      title={t('identity.departmentCreateTitle')}
      okText={t('identity.departmentCreateSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {failure && <Alert className="auth-alert" type="error" showIcon role="alert" title={failure} />}
      <Form<DepartmentFields>
        form={form}
        layout="vertical"
        disabled={isSaving}
        onFinish={submit}
        data-testid="create-department-form"
      >
        <Form.Item
          name="code"
          label={t('identity.departmentCode')}
          extra={t('identity.departmentCodeHelp')}
          rules={[
            { required: true, whitespace: true, message: t('identity.departmentCodeRequired') },
            { pattern: /^[A-Za-z0-9-]{2,40}$/, message: t('identity.departmentCodeFormat') },
          ]}
        >
          <Input autoComplete="off" maxLength={40} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('identity.departmentName')}
          rules={[
            { required: true, whitespace: true, message: t('identity.departmentNameRequired') },
            { min: 2, message: t('identity.nameTooShort') },
          ]}
        >
          <Input autoComplete="off" maxLength={60} />
        </Form.Item>
        <Form.Item name="parentId" label={t('identity.departmentParent')} extra={t('identity.departmentParentHelp')}>
          <TreeSelect
            allowClear
            treeData={buildDepartmentOptions(departments)}
            treeDefaultExpandAll
            placeholder={t('identity.departmentParentPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
