import { Alert, Button, Select, Space, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import type { ItemVersionSummary, VersionChange, VersionDiff } from '../catalog.schemas.js'
import { STATUS_COLOR } from './catalog-workbench.js'
import { describeValue } from './diff-text.js'
import './services.css'

const KIND_COLOR: Record<VersionChange['kind'], string> = { added: 'green', removed: 'red', changed: 'blue' }

/** 原值 → 新值 for a changed field; the new entry for an added one; the struck-out old entry for a removed one. */
function ChangeValue({ change }: { change: VersionChange }) {
  const before = describeValue(change.path, change.before)
  const after = describeValue(change.path, change.after)
  if (change.kind === 'added') return <div className="catalog-diff-value catalog-diff-after">{after}</div>
  if (change.kind === 'removed') return <div className="catalog-diff-value catalog-diff-before">{before}</div>
  return (
    <div className="catalog-diff-change">
      <div className="catalog-diff-value catalog-diff-before">{before}</div>
      <span className="catalog-diff-arrow" aria-hidden>
        →
      </span>
      <div className="catalog-diff-value catalog-diff-after">{after}</div>
    </div>
  )
}

/** The field-by-field changes between two versions: one row per field or list entry, in Chinese. */
export function VersionDiffTable({ diff }: { diff: VersionDiff }) {
  const { t } = useTranslation()
  const columns: TableColumnsType<VersionChange> = [
    { title: t('catalogWorkbench.diffField'), dataIndex: 'label', key: 'label', width: 260 },
    {
      title: t('catalogWorkbench.diffKind'),
      key: 'kind',
      width: 80,
      render: (_, change) => <Tag color={KIND_COLOR[change.kind]}>{t(`catalogWorkbench.diff_${change.kind}`)}</Tag>,
    },
    {
      title: t('catalogWorkbench.diffChange', { from: diff.from, to: diff.to }),
      key: 'change',
      render: (_, change) => <ChangeValue change={change} />,
    },
  ]
  return diff.changes.length === 0 ? (
    <Alert type="info" showIcon title={t('catalogWorkbench.diffNone')} />
  ) : (
    <Table<VersionChange>
      rowKey="path"
      size="small"
      columns={columns}
      dataSource={diff.changes}
      pagination={false}
      data-testid="version-diff"
    />
  )
}

/** The versions of an item, newest first, and a comparison of any two. */
export function VersionHistory({ code, refreshKey }: { code: string; refreshKey: number }) {
  const { t } = useTranslation()
  const { data, isLoading } = useApiData(
    (signal) => api.get<ItemVersionSummary[]>(`/api/catalog/items/${encodeURIComponent(code)}/versions`, { signal }),
    `${code}|${refreshKey}`,
  )
  const [pair, setPair] = useState<[number | undefined, number | undefined]>([undefined, undefined])
  const [diff, setDiff] = useState<VersionDiff | undefined>(undefined)
  const versions = data ?? []
  const from = pair[0] ?? versions[1]?.version
  const to = pair[1] ?? versions[0]?.version
  const compare = async () => {
    if (!from || !to) return
    setDiff(await api.get<VersionDiff>(`/api/catalog/items/${encodeURIComponent(code)}/versions/${from}/diff/${to}`))
  }
  const columns: TableColumnsType<ItemVersionSummary> = [
    { title: t('catalogWorkbench.version'), dataIndex: 'version', key: 'version', width: 70 },
    {
      title: t('catalogWorkbench.status'),
      key: 'status',
      width: 110,
      render: (_, version) => (
        <Tag color={STATUS_COLOR[version.status]}>{t(`catalogWorkbench.status_${version.status}`)}</Tag>
      ),
    },
    { title: t('catalogWorkbench.createdBy'), dataIndex: 'createdBy', key: 'createdBy', width: 100 },
    {
      title: t('catalogWorkbench.createdAt'),
      key: 'createdAt',
      width: 160,
      render: (_, version) => formatDateTime(version.createdAt),
    },
    {
      title: t('catalogWorkbench.publishedAt'),
      key: 'publishedAt',
      render: (_, version) =>
        version.publishedAt ? `${formatDateTime(version.publishedAt)}（${version.publishedBy ?? ''}）` : '—',
    },
  ]
  const choices = versions.map((version) => ({ value: version.version, label: `v${version.version}` }))
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<ItemVersionSummary>
        rowKey="version"
        size="small"
        loading={isLoading}
        columns={columns}
        dataSource={versions}
        pagination={false}
        data-testid="version-history"
      />
      {versions.length > 1 && (
        <Space wrap>
          <span>{t('catalogWorkbench.compare')}</span>
          <Select style={{ width: 90 }} value={from} options={choices} onChange={(v) => setPair([v, to])} />
          <span>→</span>
          <Select style={{ width: 90 }} value={to} options={choices} onChange={(v) => setPair([from, v])} />
          <Button onClick={() => void compare()}>{t('catalogWorkbench.compareButton')}</Button>
        </Space>
      )}
      {diff && <VersionDiffTable diff={diff} />}
    </Space>
  )
}
