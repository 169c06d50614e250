import { SearchOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Input, Table, type TableColumnsType, Tag } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../../web/api.js'
import { formatDateTime } from '../../../web/format.js'
import { roleLabel } from '../../../web/labels.js'
import type { StaffMember, StaffStatus } from '../../../web/types.js'
import { useApiData } from '../../../web/useApiData.js'
import { useDocumentTitle } from '../../../web/useDocumentTitle.js'

const STATUS_COLOR: Record<StaffStatus, string> = { active: 'green', locked: 'orange', disabled: 'default' }

/** `/workbench/staff`: everyone who works in the centre, with roles, department and account status. */
export function StaffListPage() {
  const { t } = useTranslation()
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

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('identity.staffTitle')}</h1>
        {data && <span className="page-count">{t('identity.staffCount', { count: data.length })}</span>}
      </div>
      <Card variant="outlined">
        {error ? (
          <Alert
            type="error"
            showIcon
            title={t('common.loadFailed')}
            action={
              <Button size="small" onClick={reload}>
                {t('common.retry')}
              </Button>
            }
          />
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
              scroll={{ x: 860 }}
              size="middle"
              data-testid="staff-table"
            />
          </>
        )}
      </Card>
    </div>
  )
}
