import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input, Select, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { roleLabel } from '../../../web/kit/labels.js'
import { LoadFailedAlert } from '../../../web/kit/layout/LoadFailedAlert.js'
import { hasPermission, useSession } from '../../../web/kit/session/useSession.js'
import {
  AUDIT_RESULTS,
  type AuditRecord,
  type AuditRecordsResponse,
  type AuditResult,
  type AuditVerification,
  Permission,
} from '../../../web/kit/types.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'

type Filters = { action?: string; actor?: string; result?: AuditResult; from?: string; to?: string }

const RESULT_COLOR: Record<AuditResult, string> = { success: 'green', failure: 'orange', denied: 'red' }

// Dates are picked as China Standard Time calendar days; the API takes instants.
const CHINA_OFFSET = '+08:00'

function toQuery(filters: Filters, page: number, pageSize: number) {
  return {
    limit: pageSize,
    offset: (page - 1) * pageSize,
    action: filters.action?.trim(),
    actor: filters.actor?.trim(),
    result: filters.result,
    from: filters.from ? `${filters.from}T00:00:00${CHINA_OFFSET}` : undefined,
    to: filters.to ? `${filters.to}T23:59:59.999${CHINA_OFFSET}` : undefined,
  }
}

function VerificationResult({ verification, onClose }: { verification: AuditVerification; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Alert
      className="verification-result"
      role="status"
      showIcon
      closable={{ onClose }}
      type={verification.intact ? 'success' : 'error'}
      title={verification.intact ? t('audit.verifyIntactTitle') : t('audit.verifyBrokenTitle')}
      description={
        verification.intact
          ? t('audit.verifyIntactText', { checked: verification.checked })
          : t('audit.verifyBrokenText', {
              checked: verification.checked,
              seq: verification.firstBroken?.seq ?? '?',
              reason: verification.firstBroken?.reason ?? '',
            })
      }
      data-testid="verification-result"
    />
  )
}

/** `/workbench/audit`: search the audit records; audit administrators can verify the hash chain. */
export function AuditRecordsPage() {
  const { t } = useTranslation()
  const session = useSession()
  useDocumentTitle(t('audit.title'))
  const [form] = Form.useForm<Filters>()
  const [filters, setFilters] = useState<Filters>({})
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const query = toQuery(filters, page, pageSize)
  const { data, error, isLoading, reload } = useApiData(
    (signal) => api.get<AuditRecordsResponse>('/api/audit/records', { query, signal }),
    JSON.stringify(query),
  )
  const canVerify = hasPermission(session, Permission.auditChainVerify)
  const [isVerifying, setIsVerifying] = useState(false)
  const [verification, setVerification] = useState<AuditVerification | undefined>(undefined)

  async function verify() {
    setIsVerifying(true)
    try {
      setVerification(await api.post<AuditVerification>('/api/audit/verifications'))
    } catch {
      // The API client has already shown the reason.
      setVerification(undefined)
    } finally {
      setIsVerifying(false)
    }
  }

  const columns: TableColumnsType<AuditRecord> = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', width: 80, fixed: 'left' },
    {
      title: t('audit.occurredAt'),
      key: 'occurredAt',
      width: 150,
      render: (_, record) => formatDateTime(record.occurredAt),
    },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 120,
      render: (_, record) => record.actorName ?? <span className="muted">{t('audit.anonymous')}</span>,
    },
    {
      title: t('audit.roles'),
      key: 'roles',
      width: 150,
      render: (_, record) => record.roles.map((role) => roleLabel(t, role)).join('、'),
    },
    { title: t('audit.department'), dataIndex: 'departmentName', key: 'departmentName', width: 150 },
    {
      title: t('audit.action'),
      key: 'action',
      width: 170,
      render: (_, record) => <code className="code-text">{record.action}</code>,
    },
    { title: t('audit.target'), dataIndex: 'target', key: 'target', width: 160, ellipsis: true },
    {
      title: t('audit.result'),
      key: 'result',
      width: 80,
      render: (_, record) => (
        <Tag color={RESULT_COLOR[record.result]}>{t(`audit.result_${record.result}`, record.result)}</Tag>
      ),
    },
    { title: t('audit.clientAddress'), dataIndex: 'clientAddress', key: 'clientAddress', width: 130 },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      key: 'requestId',
      width: 150,
      ellipsis: true,
      render: (value: string | null) => (value ? <code className="code-text">{value}</code> : null),
    },
  ]

  const search = (values: Filters) => {
    setFilters(values)
    setPage(1)
  }
  const reset = () => {
    form.resetFields()
    setFilters({})
    setPage(1)
  }

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('audit.title')}</h1>
        {canVerify && (
          <div className="page-header-actions">
            <Button icon={<SafetyCertificateOutlined aria-hidden />} loading={isVerifying} onClick={verify}>
              {t('audit.verify')}
            </Button>
          </div>
        )}
      </div>
      {verification && <VerificationResult verification={verification} onClose={() => setVerification(undefined)} />}
      <p className="section-intro">{t('audit.intro')}</p>
      <Card variant="outlined">
        <Form<Filters> form={form} layout="inline" className="filter-form" onFinish={search}>
          <Form.Item name="action" label={t('audit.filterAction')}>
            <Input allowClear placeholder={t('audit.filterActionPlaceholder')} maxLength={100} />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.filterActor')}>
            <Input allowClear placeholder={t('audit.filterActorPlaceholder')} maxLength={100} />
          </Form.Item>
          <Form.Item name="result" label={t('audit.filterResult')}>
            <Select
              allowClear
              placeholder={t('audit.filterResultAll')}
              className="filter-select"
              options={AUDIT_RESULTS.map((result) => ({ value: result, label: t(`audit.result_${result}`) }))}
            />
          </Form.Item>
          <Form.Item name="from" label={t('audit.filterFrom')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="to" label={t('audit.filterTo')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item className="filter-buttons">
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              {t('audit.search')}
            </Button>
            <Button onClick={reset}>{t('audit.reset')}</Button>
          </Form.Item>
        </Form>
        {error ? (
          <LoadFailedAlert onRetry={reload} />
        ) : (
          <Table<AuditRecord>
            rowKey="seq"
            columns={columns}
            dataSource={data?.records ?? []}
            loading={isLoading}
            size="middle"
            scroll={{ x: 1340 }}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => t('audit.total', { total }),
              onChange: (nextPage, nextPageSize) => {
                setPage(nextPageSize !== pageSize ? 1 : nextPage)
                setPageSize(nextPageSize)
              },
            }}
            data-testid="audit-table"
          />
        )}
      </Card>
    </div>
  )
}
