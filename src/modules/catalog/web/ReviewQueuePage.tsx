import { Alert, App, Button, Card, Input, Modal, Space, Table, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { api } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import type { ItemVersion, ItemVersionSummary, VersionDiff } from '../catalog.schemas.js'
import { VersionDiffTable } from './VersionHistory.js'

/** `/workbench/catalog/review`: versions departments submitted; the centre compares, publishes or returns them. */
export function ReviewQueuePage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  useDocumentTitle(t('catalogWorkbench.reviewTitle'))
  const { data, error, isLoading, reload } = useApiData(
    (signal) => api.get<ItemVersionSummary[]>('/api/catalog/review-queue', { signal }),
    'review-queue',
  )
  const [reviewing, setReviewing] = useState<{ version: ItemVersionSummary; diff?: VersionDiff } | undefined>()
  const [reason, setReason] = useState('')
  const open = async (version: ItemVersionSummary) => {
    const diff =
      version.version > 1
        ? await api.get<VersionDiff>(
            `/api/catalog/items/${encodeURIComponent(version.code)}/versions/${version.version - 1}/diff/${version.version}`,
          )
        : undefined
    setReason('')
    setReviewing({ version, diff })
  }
  const act = async (action: 'publish' | 'return') => {
    if (!reviewing) return
    const url = `/api/catalog/items/${encodeURIComponent(reviewing.version.code)}/${action}`
    try {
      const result = await api.post<ItemVersion>(url, action === 'return' ? { reason } : undefined)
      void message.success(
        t(action === 'publish' ? 'catalogWorkbench.publishedMessage' : 'catalogWorkbench.returnedMessage', {
          version: result.version,
        }),
      )
      setReviewing(undefined)
      reload()
    } catch {
      // The API client has shown the server's message.
    }
  }
  const columns: TableColumnsType<ItemVersionSummary> = [
    {
      title: t('catalogWorkbench.itemCode'),
      key: 'code',
      render: (_, version) => (
        <Link to={`/workbench/catalog/items/${encodeURIComponent(version.code)}`}>{version.code}</Link>
      ),
    },
    { title: t('catalogWorkbench.version'), dataIndex: 'version', key: 'version', width: 70 },
    { title: t('catalogWorkbench.department'), dataIndex: 'departmentName', key: 'department' },
    { title: t('catalogWorkbench.createdBy'), dataIndex: 'createdBy', key: 'createdBy', width: 100 },
    {
      title: t('catalogWorkbench.submittedAt'),
      key: 'submittedAt',
      width: 170,
      render: (_, version) => (version.submittedAt ? formatDateTime(version.submittedAt) : '—'),
    },
    {
      title: t('catalogWorkbench.actions'),
      key: 'actions',
      width: 100,
      render: (_, version) => (
        <Button type="link" onClick={() => void open(version)}>
          {t('catalogWorkbench.review')}
        </Button>
      ),
    },
  ]
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('catalogWorkbench.reviewTitle')}</h1>
      </div>
      <Card variant="outlined">
        {error ? (
          <Alert type="error" showIcon title={t('common.loadFailed')} />
        ) : (
          <Table<ItemVersionSummary>
            rowKey={(version) => `${version.code}:${version.version}`}
            columns={columns}
            dataSource={data ?? []}
            loading={isLoading}
            pagination={false}
            locale={{ emptyText: t('catalogWorkbench.reviewEmpty') }}
            data-testid="review-queue"
          />
        )}
      </Card>
      <Modal
        open={!!reviewing}
        width={960}
        title={reviewing ? t('catalogWorkbench.reviewModalTitle', reviewing.version) : ''}
        onCancel={() => setReviewing(undefined)}
        footer={
          <Space>
            <Input
              style={{ width: 280 }}
              placeholder={t('catalogWorkbench.returnReason')}
              aria-label={t('catalogWorkbench.returnReason')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
            <Button disabled={!reason.trim()} onClick={() => void act('return')}>
              {t('catalogWorkbench.returnButton')}
            </Button>
            <Button type="primary" onClick={() => void act('publish')}>
              {t('catalogWorkbench.publishButton')}
            </Button>
          </Space>
        }
      >
        {reviewing?.diff ? (
          <VersionDiffTable diff={reviewing.diff} />
        ) : (
          <Alert type="info" showIcon title={t('catalogWorkbench.firstVersion')} />
        )}
      </Modal>
    </div>
  )
}
