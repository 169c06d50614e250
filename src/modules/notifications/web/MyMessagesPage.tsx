import { Badge, Button, Card, Checkbox, Empty, List, Pagination, Space, Spin, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Navigate } from 'react-router-dom'
import { api } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { useSession } from '../../../web/kit/session/useSession.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'

/** One in-site message as GET /api/notifications/messages returns it. */
export type Message = {
  id: string
  caseId: string | null
  title: string
  text: string
  link: string | null
  createdAt: string
  isRead: boolean
}
type MessagePage = { items: Message[]; total: number; unread: number }

const PAGE_SIZE = 20

// A link from the server opens inside Tongban only: a path, never another site.
function isInternalPath(link: string | null): link is string {
  return typeof link === 'string' && /^\/(?![/\\])/.test(link)
}

/** `/my/messages`: the account's in-site messages, newest first, with the unread count and 已读 marking. */
export function MyMessagesPage() {
  const { t } = useTranslation()
  const { status, account } = useSession()
  const [page, setPage] = useState(1)
  const [unreadOnly, setUnreadOnly] = useState(false)
  const [isMarking, setIsMarking] = useState(false)
  useDocumentTitle(t('notifications.myTitle'))
  const { data, isLoading, reload } = useApiData(
    (signal) =>
      api.get<MessagePage>('/api/notifications/messages', {
        signal,
        query: { page, pageSize: PAGE_SIZE, unreadOnly: unreadOnly ? 'true' : undefined },
      }),
    `messages:${account?.id ?? ''}:${page}:${unreadOnly}`,
  )

  if (status === 'loading') {
    return (
      <div className="page-loading">
        <Spin size="large" description={t('common.loading')} />
      </div>
    )
  }
  if (!account) return <Navigate to="/login?next=%2Fmy%2Fmessages" replace />

  async function markRead(body: { ids?: string[]; all?: boolean }) {
    setIsMarking(true)
    try {
      await api.post('/api/notifications/messages/read', body)
      reload()
    } catch {
      // The API client has shown the server's message.
    } finally {
      setIsMarking(false)
    }
  }

  return (
    <div className="account-page" data-testid="my-messages">
      <h1 className="page-title">
        {t('notifications.myTitle')}{' '}
        {data && data.unread > 0 && <Badge count={t('notifications.unreadCount', { count: data.unread })} />}
      </h1>
      <Typography.Paragraph type="secondary">{t('notifications.myIntro')}</Typography.Paragraph>
      <Card
        variant="outlined"
        title={
          <Checkbox
            checked={unreadOnly}
            onChange={(event) => {
              setUnreadOnly(event.target.checked)
              setPage(1)
            }}
          >
            {t('notifications.unreadOnly')}
          </Checkbox>
        }
        extra={
          <Button
            size="small"
            disabled={!data || data.unread === 0}
            loading={isMarking}
            onClick={() => markRead({ all: true })}
          >
            {t('notifications.allRead')}
          </Button>
        }
      >
        <List
          loading={isLoading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.none')} /> }}
          renderItem={(message) => (
            <List.Item
              data-testid="message"
              actions={[
                ...(isInternalPath(message.link)
                  ? [
                      <Link
                        key="open"
                        to={message.link}
                        onClick={() => !message.isRead && markRead({ ids: [message.id] })}
                      >
                        {t('notifications.open')}
                      </Link>,
                    ]
                  : []),
                ...(message.isRead
                  ? []
                  : [
                      <Button key="read" type="link" size="small" onClick={() => markRead({ ids: [message.id] })}>
                        {t('notifications.markRead')}
                      </Button>,
                    ]),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    {!message.isRead && <Tag color="blue">{t('notifications.unreadTag')}</Tag>}
                    <span style={{ fontWeight: message.isRead ? 'normal' : 600 }}>{message.title}</span>
                  </Space>
                }
                description={
                  <>
                    <div style={{ color: 'rgba(0,0,0,0.75)', overflowWrap: 'anywhere' }}>{message.text}</div>
                    <div>{formatDateTime(message.createdAt)}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
        {data && data.total > PAGE_SIZE && (
          <Pagination
            style={{ marginTop: 16, textAlign: 'right' }}
            size="small"
            current={page}
            pageSize={PAGE_SIZE}
            total={data.total}
            onChange={setPage}
            showSizeChanger={false}
          />
        )}
      </Card>
    </div>
  )
}
