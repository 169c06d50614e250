import { AlertOutlined, CheckOutlined } from '@ant-design/icons'
import { App, Badge, Button, Card, Empty, List, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { api } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'

/** One alert as GET /api/audit/alerts returns it. */
export type SecurityAlert = {
  id: number
  kind: string
  title: string
  detail: string | null
  target: string | null
  firstRaisedAt: string
  lastRaisedAt: string
  count: number
  acknowledgedByName: string | null
  acknowledgedAt: string | null
}
type SecurityAlertList = { open: number; alerts: SecurityAlert[] }

/** The permissions these pieces need; the server checks them again. */
export const SecurityAlertPermission = { read: 'audit.alerts.read', acknowledge: 'audit.alerts.acknowledge' } as const

function useSecurityAlerts() {
  return useApiData((signal) => api.get<SecurityAlertList>('/api/audit/alerts', { signal }), 'security-alerts')
}

function useAcknowledge(onDone: () => void) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [busyId, setBusyId] = useState<number | undefined>(undefined)
  async function acknowledge(id: number) {
    setBusyId(id)
    try {
      await api.post(`/api/audit/alerts/${id}/acknowledgement`)
      void message.success(t('securityAlerts.acknowledged', { id }))
      onDone()
    } catch {
      // The API client has shown the server's message.
    } finally {
      setBusyId(undefined)
    }
  }
  return { acknowledge, busyId }
}

// `login_flood` → `securityAlerts.kindLoginFlood`; a kind added later without a label shows its code.
function kindLabelKey(kind: string): string {
  return `securityAlerts.kind${kind
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}`
}

function KindTag({ kind }: { kind: string }) {
  const { t } = useTranslation()
  const label = t(kindLabelKey(kind), { defaultValue: kind })
  return <Tag color={kind === 'audit_chain_broken' ? 'red' : 'orange'}>{label}</Tag>
}

/** On the workbench home of the audit and security administrators: the open alerts, to acknowledge at once. */
export function SecurityAlertsPanel() {
  const { t } = useTranslation()
  const { data, reload } = useSecurityAlerts()
  const { acknowledge, busyId } = useAcknowledge(reload)
  const open = (data?.alerts ?? []).filter((alert) => !alert.acknowledgedAt).slice(0, 5)
  return (
    <section aria-labelledby="security-alerts-title" className="page-section" data-testid="security-alerts-panel">
      <h2 id="security-alerts-title" className="section-title">
        <AlertOutlined aria-hidden /> {t('securityAlerts.panelTitle')}{' '}
        {data && data.open > 0 && <Badge count={t('securityAlerts.panelOpen', { count: data.open })} />}
      </h2>
      <Card variant="outlined" extra={<Link to="/workbench/alerts">{t('securityAlerts.panelAll')}</Link>}>
        {open.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('securityAlerts.panelNone')} />
        ) : (
          <List
            dataSource={open}
            renderItem={(alert) => (
              <List.Item
                actions={[
                  <Button
                    key="acknowledge"
                    size="small"
                    icon={<CheckOutlined aria-hidden />}
                    loading={busyId === alert.id}
                    onClick={() => void acknowledge(alert.id)}
                  >
                    {t('securityAlerts.acknowledge')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <span>
                      <KindTag kind={alert.kind} /> {alert.title}
                      {alert.count > 1 ? ` ×${alert.count}` : ''}
                    </span>
                  }
                  description={`${formatDateTime(alert.lastRaisedAt)}${alert.detail ? ` · ${alert.detail}` : ''}`}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </section>
  )
}

/** `/workbench/alerts`: every security alert, open ones first, each acknowledged once by an administrator. */
export function SecurityAlertsPage() {
  const { t } = useTranslation()
  useDocumentTitle(t('securityAlerts.pageTitle'))
  const { data, isLoading, reload } = useSecurityAlerts()
  const { acknowledge, busyId } = useAcknowledge(reload)
  const columns: TableColumnsType<SecurityAlert> = [
    {
      title: t('securityAlerts.columnKind'),
      key: 'kind',
      width: 130,
      render: (_, alert) => <KindTag kind={alert.kind} />,
    },
    {
      title: t('securityAlerts.columnTitle'),
      key: 'title',
      render: (_, alert) => (
        <div>
          <div>{alert.title}</div>
          {alert.detail && <div className="muted">{alert.detail}</div>}
          <div className="muted">{t('securityAlerts.firstRaised', { at: formatDateTime(alert.firstRaisedAt) })}</div>
        </div>
      ),
    },
    { title: t('securityAlerts.columnTarget'), dataIndex: 'target', key: 'target', width: 180 },
    {
      title: t('securityAlerts.columnLastRaised'),
      key: 'lastRaisedAt',
      width: 160,
      render: (_, alert) => formatDateTime(alert.lastRaisedAt),
    },
    { title: t('securityAlerts.columnCount'), dataIndex: 'count', key: 'count', width: 80 },
    {
      title: t('securityAlerts.columnStatus'),
      key: 'status',
      width: 220,
      render: (_, alert) =>
        alert.acknowledgedAt ? (
          <span className="muted">
            {t('securityAlerts.statusAcknowledged', {
              name: alert.acknowledgedByName ?? '',
              at: formatDateTime(alert.acknowledgedAt),
            })}
          </span>
        ) : (
          <Button
            size="small"
            type="primary"
            icon={<CheckOutlined aria-hidden />}
            loading={busyId === alert.id}
            onClick={() => void acknowledge(alert.id)}
          >
            {t('securityAlerts.acknowledge')}
          </Button>
        ),
    },
  ]
  return (
    <div className="page">
      <h1 className="page-title">{t('securityAlerts.pageTitle')}</h1>
      <p>{t('securityAlerts.pageIntro')}</p>
      <Table<SecurityAlert>
        rowKey="id"
        size="middle"
        loading={isLoading}
        columns={columns}
        dataSource={data?.alerts ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        data-testid="security-alerts-table"
      />
    </div>
  )
}
