import { Card, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'

type OutboxState = 'pending' | 'sent' | 'failed'
type OutboxChannel = 'sms' | 'site'

/** One outbox row as GET /api/notifications/outbox returns it (phone masked). */
export type OutboxEntry = {
  id: string
  channel: OutboxChannel
  state: OutboxState
  caseId: string | null
  hasAccount: boolean
  text: string
  maskedPhone: string | null
  attempts: number
  adapter: string | null
  lastError: string | null
  createdAt: string
  sentAt: string | null
}
type OutboxPageData = { items: OutboxEntry[]; total: number }

const PAGE_SIZE = 20

function StateTag({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation()
  if (entry.state === 'failed') return <Tag color="red">{t('notifications.stateFailed')}</Tag>
  if (entry.state === 'pending') return <Tag color="blue">{t('notifications.statePending')}</Tag>
  // The log-only adapter records a text without sending it: say so, never 已发送.
  if (entry.adapter === 'log-only') return <Tag color="orange">{t('notifications.stateLogged')}</Tag>
  return <Tag color="green">{t('notifications.stateSent')}</Tag>
}

/** `/workbench/notifications/outbox`: every text and in-site message written for applicants, newest first. */
export function OutboxPage() {
  const { t } = useTranslation()
  const [page, setPage] = useState(1)
  const [state, setState] = useState<OutboxState | ''>('')
  const [channel, setChannel] = useState<OutboxChannel | ''>('')
  useDocumentTitle(t('notifications.outboxTitle'))
  const { data, isLoading } = useApiData(
    (signal) =>
      api.get<OutboxPageData>('/api/notifications/outbox', {
        signal,
        query: { page, pageSize: PAGE_SIZE, state, channel },
      }),
    `outbox:${page}:${state}:${channel}`,
  )

  const columns: TableColumnsType<OutboxEntry> = [
    {
      title: t('notifications.columnCreated'),
      dataIndex: 'createdAt',
      width: 150,
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('notifications.columnChannel'),
      dataIndex: 'channel',
      width: 100,
      render: (value: OutboxChannel) =>
        value === 'sms' ? t('notifications.channelSms') : t('notifications.channelSite'),
    },
    {
      title: t('notifications.columnRecipient'),
      key: 'recipient',
      width: 130,
      render: (_, entry) =>
        entry.maskedPhone ??
        (entry.hasAccount ? t('notifications.recipientAccount') : t('notifications.recipientNone')),
    },
    {
      title: t('notifications.columnText'),
      dataIndex: 'text',
      render: (value: string) => <span style={{ overflowWrap: 'anywhere' }}>{value}</span>,
    },
    {
      title: t('notifications.columnState'),
      key: 'state',
      width: 190,
      render: (_, entry) => (
        <Space direction="vertical" size={0}>
          <StateTag entry={entry} />
          {entry.lastError && <Typography.Text type="danger">{entry.lastError}</Typography.Text>}
          {entry.sentAt && entry.channel === 'sms' && (
            <Typography.Text type="secondary">
              {t('notifications.sentAt', { at: formatDateTime(entry.sentAt) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('notifications.columnAttempts'), dataIndex: 'attempts', width: 90 },
  ]

  const allOption = { value: '', label: t('notifications.filterAll') }
  return (
    <div className="page-section" data-testid="notification-outbox">
      <h1 className="page-title">{t('notifications.outboxTitle')}</h1>
      <Typography.Paragraph type="secondary">{t('notifications.outboxIntro')}</Typography.Paragraph>
      <Card variant="outlined">
        <Space wrap style={{ marginBottom: 16 }}>
          <span>{t('notifications.filterState')}</span>
          <Select
            style={{ width: 200 }}
            value={state}
            onChange={(value) => {
              setState(value)
              setPage(1)
            }}
            options={[
              allOption,
              { value: 'pending', label: t('notifications.statePending') },
              { value: 'sent', label: t('notifications.stateSent') },
              { value: 'failed', label: t('notifications.stateFailed') },
            ]}
          />
          <span>{t('notifications.filterChannel')}</span>
          <Select
            style={{ width: 140 }}
            value={channel}
            onChange={(value) => {
              setChannel(value)
              setPage(1)
            }}
            options={[
              allOption,
              { value: 'sms', label: t('notifications.channelSms') },
              { value: 'site', label: t('notifications.channelSite') },
            ]}
          />
        </Space>
        <Table
          rowKey="id"
          size="small"
          loading={isLoading}
          columns={columns}
          dataSource={data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (count) => t('notifications.total', { count }),
            onChange: setPage,
          }}
        />
      </Card>
    </div>
  )
}
