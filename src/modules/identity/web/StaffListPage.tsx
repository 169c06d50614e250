import { PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { App, Button, Card, Input, Popconfirm, Space, Table, type TableColumnsType, Tag } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { roleLabel } from '../../../web/kit/labels.js'
import { LoadFailedAlert } from '../../../web/kit/layout/LoadFailedAlert.js'
import { hasPermission, useSession } from '../../../web/kit/session/useSession.js'
import { Permission, type StaffMember, type StaffStatus } from '../../../web/kit/types.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { AssignRolesModal } from './AssignRolesModal.js'
import { CreateStaffDrawer } from './CreateStaffDrawer.js'
import { type OneTimeSecret, OneTimeSecretModal } from './OneTimeSecretModal.js'

const STATUS_COLOR: Record<StaffStatus, string> = { active: 'green', locked: 'orange', disabled: 'default' }

/** 停用 / 启用 one account, after a confirmation; a system administrator cannot disable their own. */
function StatusAction({ member, onChanged }: { member: StaffMember; onChanged: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [isSaving, setIsSaving] = useState(false)
  const next = member.status === 'disabled' ? 'active' : 'disabled'
  const change = async () => {
    setIsSaving(true)
    try {
      await api.put<StaffMember>(`/api/identity/staff/${member.id}/status`, { status: next })
      void message.success(
        t(next === 'disabled' ? 'identity.staffDisabled' : 'identity.staffEnabled', { name: member.displayName }),
      )
      onChanged()
    } catch {
      // The API client has shown the server's message.
    } finally {
      setIsSaving(false)
    }
  }
  return (
    <Popconfirm
      title={t(next === 'disabled' ? 'identity.disableConfirmTitle' : 'identity.enableConfirmTitle', {
        name: member.displayName,
      })}
      description={t(next === 'disabled' ? 'identity.disableConfirmText' : 'identity.enableConfirmText')}
      okText={t(next === 'disabled' ? 'identity.disable' : 'identity.enable')}
      okButtonProps={{ danger: next === 'disabled' }}
      cancelText={t('common.cancel')}
      onConfirm={change}
    >
      <Button type="link" size="small" danger={next === 'disabled'} loading={isSaving}>
        {t(next === 'disabled' ? 'identity.disable' : 'identity.enable')}
      </Button>
    </Popconfirm>
  )
}

/** 重置密码 (系统管理员): after a confirmation, the server sets a one-time password that the page shows once. */
function ResetPasswordAction({ member, onReset }: { member: StaffMember; onReset: (secret: OneTimeSecret) => void }) {
  const { t } = useTranslation()
  const [isSaving, setIsSaving] = useState(false)
  const reset = async () => {
    setIsSaving(true)
    try {
      const { oneTimePassword } = await api.post<{ oneTimePassword: string }>(
        `/api/identity/staff/${member.id}/password-reset`,
      )
      onReset({
        title: t('accountAdmin.resetTitle', { name: member.displayName }),
        text: t('accountAdmin.resetText'),
        label: t('accountAdmin.oneTimePasswordLabel'),
        value: oneTimePassword,
      })
    } catch {
      // The API client has shown the server's message.
    } finally {
      setIsSaving(false)
    }
  }
  return (
    <Popconfirm
      title={t('accountAdmin.resetConfirmTitle', { name: member.displayName })}
      description={t('accountAdmin.resetConfirmText')}
      okText={t('accountAdmin.resetPassword')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={reset}
    >
      <Button type="link" size="small" loading={isSaving}>
        {t('accountAdmin.resetPassword')}
      </Button>
    </Popconfirm>
  )
}

/** 解除锁定 (安全管理员): offered on accounts locked after failed logins. */
function UnlockAction({ member, onChanged }: { member: StaffMember; onChanged: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [isSaving, setIsSaving] = useState(false)
  const unlock = async () => {
    setIsSaving(true)
    try {
      await api.post<StaffMember>(`/api/identity/staff/${member.id}/unlock`)
      void message.success(t('accountAdmin.unlocked', { name: member.displayName }))
      onChanged()
    } catch {
      // The API client has shown the server's message.
    } finally {
      setIsSaving(false)
    }
  }
  return (
    <Button type="link" size="small" loading={isSaving} onClick={() => void unlock()}>
      {t('accountAdmin.unlock')}
    </Button>
  )
}

/** `/workbench/staff`: everyone who works in the centre, with roles, department and account status. */
export function StaffListPage() {
  const { t } = useTranslation()
  const session = useSession()
  const canManage = hasPermission(session, Permission.staffManage)
  const canAssignRoles = hasPermission(session, Permission.rolesAssign)
  const canResetPasswords = hasPermission(session, Permission.passwordsReset)
  const canUnlock = hasPermission(session, Permission.accountsUnlock)
  const [secret, setSecret] = useState<OneTimeSecret | undefined>(undefined)
  const [isCreating, setIsCreating] = useState(false)
  const [assigning, setAssigning] = useState<StaffMember | undefined>(undefined)
  useDocumentTitle(t('identity.staffTitle'))
  const { data, error, isLoading, reload } = useApiData(
    (signal) => api.get<StaffMember[]>('/api/identity/staff', { signal }),
    'staff',
  )
  const [filter, setFilter] = useState('')

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase()
    if (!needle) return data ?? []
    return (data ?? []).filter((member) =>
      [member.displayName, member.loginName, member.department?.name ?? ''].some((text) =>
        text.toLowerCase().includes(needle),
      ),
    )
  }, [data, filter])

  const columns: TableColumnsType<StaffMember> = [
    { title: t('identity.staffName'), dataIndex: 'displayName', key: 'displayName', width: 120 },
    { title: t('identity.staffLoginName'), dataIndex: 'loginName', key: 'loginName', width: 140 },
    {
      title: t('identity.staffRoles'),
      key: 'roles',
      render: (_, member) => (
        <span className="tag-list">
          {member.roles.map((role) => (
            <Tag key={role}>{roleLabel(t, role)}</Tag>
          ))}
        </span>
      ),
    },
    {
      title: t('identity.staffDepartment'),
      key: 'department',
      render: (_, member) => member.department?.name ?? t('common.none'),
    },
    {
      title: t('identity.staffStatus'),
      key: 'status',
      width: 96,
      render: (_, member) => (
        <Tag color={STATUS_COLOR[member.status]}>{t(`identity.status_${member.status}`, member.status)}</Tag>
      ),
    },
    {
      title: t('identity.staffLastLogin'),
      key: 'lastLoginAt',
      width: 160,
      render: (_, member) =>
        member.lastLoginAt ? formatDateTime(member.lastLoginAt) : t('identity.staffNeverLoggedIn'),
    },
  ]
  if (canManage || canAssignRoles) {
    columns.push({
      title: t('identity.staffActions'),
      key: 'actions',
      width: 150,
      render: (_, member) =>
        // Nobody changes their own roles, status or password here: the server refuses it, so it is not offered.
        member.id === session.account?.id ? null : (
          <Space size={0} wrap>
            {canAssignRoles && (
              <Button type="link" size="small" onClick={() => setAssigning(member)}>
                {t('accountAdmin.grantRoles')}
              </Button>
            )}
            {canUnlock && member.status === 'locked' && <UnlockAction member={member} onChanged={reload} />}
            {canManage && <StatusAction member={member} onChanged={reload} />}
            {canResetPasswords && <ResetPasswordAction member={member} onReset={setSecret} />}
          </Space>
        ),
    })
  }

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('identity.staffTitle')}</h1>
        {data && <span className="page-count">{t('identity.staffCount', { count: data.length })}</span>}
        {canManage && (
          <div className="page-header-actions">
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setIsCreating(true)}>
              {t('identity.staffCreate')}
            </Button>
          </div>
        )}
      </div>
      <Card variant="outlined">
        {error ? (
          <LoadFailedAlert onRetry={reload} />
        ) : (
          <>
            <Input
              className="table-filter"
              allowClear
              prefix={<SearchOutlined aria-hidden />}
              placeholder={t('identity.staffSearchPlaceholder')}
              aria-label={t('identity.staffSearchPlaceholder')}
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
            <Table<StaffMember>
              rowKey="id"
              columns={columns}
              dataSource={rows}
              loading={isLoading}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: canManage || canAssignRoles ? 980 : 860 }}
              size="middle"
              data-testid="staff-table"
            />
          </>
        )}
      </Card>
      {canManage && (
        <CreateStaffDrawer
          open={isCreating}
          onClose={() => setIsCreating(false)}
          onCreated={(member) => {
            setIsCreating(false)
            setSecret({
              title: t('accountAdmin.createdTitle', { name: member.displayName }),
              text: t('accountAdmin.createdText'),
              label: t('accountAdmin.oneTimePasswordLabel'),
              value: member.oneTimePassword,
            })
            reload()
          }}
        />
      )}
      {canAssignRoles && (
        <AssignRolesModal
          member={assigning}
          onClose={() => setAssigning(undefined)}
          onAssigned={(assignment) => {
            setAssigning(undefined)
            if (assignment.grantCode) {
              setSecret({
                title: t('accountAdmin.grantedTitle', { name: assignment.displayName }),
                text: t('accountAdmin.grantedText'),
                label: t('accountAdmin.grantCodeLabel'),
                value: assignment.grantCode,
              })
            }
            reload()
          }}
        />
      )}
      <OneTimeSecretModal secret={secret} onClose={() => setSecret(undefined)} />
    </div>
  )
}
