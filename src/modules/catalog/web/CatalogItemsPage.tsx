import { PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { Button, Card, Input, Segmented, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router-dom'
import { api } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { LoadFailedAlert } from '../../../web/kit/layout/LoadFailedAlert.js'
import { hasPermission, useSession } from '../../../web/kit/session/useSession.js'
import { Permission } from '../../../web/kit/types.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { ITEM_TYPE_LABELS, type ItemStatus, type ItemSummary } from '../catalog.schemas.js'
import { STATUS_COLOR } from './catalog-workbench.js'

const STATUSES: (ItemStatus | 'all')[] = ['all', 'draft', 'submitted', 'published', 'withdrawn']

/** `/workbench/catalog`: the items the editor's department implements (the centre: all), with their state. */
export function CatalogItemsPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const session = useSession()
  const canPublish = hasPermission(session, Permission.catalogItemsPublish)
  const [status, setStatus] = useState<ItemStatus | 'all'>('all')
  const [q, setQ] = useState('')
  useDocumentTitle(t('catalogWorkbench.itemsTitle'))
  const { data, error, isLoading, reload } = useApiData(
    (signal) =>
      api.get<ItemSummary[]>('/api/catalog/workbench/items', {
        signal,
        query: { status: status === 'all' ? undefined : status, q },
      }),
    `${status}|${q}`,
  )
  const columns: TableColumnsType<ItemSummary> = [
    {
      title: t('catalogWorkbench.itemName'),
      key: 'name',
      render: (_, item) => <Link to={`/workbench/catalog/items/${encodeURIComponent(item.code)}`}>{item.name}</Link>,
    },
    { title: t('catalogWorkbench.itemCode'), dataIndex: 'code', key: 'code', width: 260, ellipsis: true },
    {
      title: t('catalogWorkbench.itemType'),
      key: 'itemType',
      width: 110,
      render: (_, item) => ITEM_TYPE_LABELS[item.itemType],
    },
    { title: t('catalogWorkbench.department'), dataIndex: 'departmentName', key: 'department', width: 200 },
    {
      title: t('catalogWorkbench.status'),
      key: 'status',
      width: 150,
      render: (_, item) => (
        <span className="tag-list">
          <Tag color={STATUS_COLOR[item.status]}>{t(`catalogWorkbench.status_${item.status}`)}</Tag>
          {item.publishedVersion !== null && item.status !== 'published' && (
            <Tag color="green">{t('catalogWorkbench.publishedVersionTag', { version: item.publishedVersion })}</Tag>
          )}
        </span>
      ),
    },
    {
      title: t('catalogWorkbench.updatedAt'),
      key: 'updatedAt',
      width: 160,
      render: (_, item) => formatDateTime(item.updatedAt),
    },
  ]
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('catalogWorkbench.itemsTitle')}</h1>
        {data && <span className="page-count">{t('catalogWorkbench.itemsCount', { count: data.length })}</span>}
        <div className="page-header-actions">
          {canPublish && (
            <Button onClick={() => navigate('/workbench/catalog/review')}>{t('catalogWorkbench.reviewTitle')}</Button>
          )}
          <Button onClick={() => navigate('/workbench/catalog/import')}>{t('catalogWorkbench.importTitle')}</Button>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/workbench/catalog/new')}>
            {t('catalogWorkbench.newItem')}
          </Button>
        </div>
      </div>
      <Card variant="outlined">
        <div className="table-toolbar" style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
          <Input
            allowClear
            style={{ maxWidth: 320 }}
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t('catalogWorkbench.searchPlaceholder')}
            aria-label={t('catalogWorkbench.searchPlaceholder')}
            onChange={(event) => setQ(event.target.value.trim())}
          />
          <Segmented
            value={status}
            onChange={(value) => setStatus(value as ItemStatus | 'all')}
            options={STATUSES.map((value) => ({ value, label: t(`catalogWorkbench.status_${value}`) }))}
          />
        </div>
        {error ? (
          <LoadFailedAlert onRetry={reload} />
        ) : (
          <Table<ItemSummary>
            rowKey="code"
            columns={columns}
            dataSource={data ?? []}
            loading={isLoading}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 1000 }}
            size="middle"
            data-testid="catalog-items-table"
          />
        )}
      </Card>
    </div>
  )
}
