import { CheckOutlined, CloseOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons'
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, describeError } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { LoadFailedAlert } from '../../../web/kit/layout/LoadFailedAlert.js'
import { useSession } from '../../../web/kit/session/useSession.js'
import type { ExportRequest, ExportStatus } from '../../../web/kit/types.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { downloadFile } from './download-file.js'
import './personal-data.css'

const STATUS_COLOR: Record<ExportStatus, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  downloaded: 'default',
}

const EXPORT_FILE = '个人信息导出.csv'

function RequestExportModal({
  isOpen,
  onClose,
  onRequested,
}: {
  isOpen: boolean
  onClose: () => void
  onRequested: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ reason: string }>()
  const [isSubmitting, setIsSubmitting] = useState(false)

  async function submit({ reason }: { reason: string }) {
    setIsSubmitting(true)
    try {
      await api.post<ExportRequest>('/api/identity/exports', { reason: reason.trim() }, { quiet: true })
      onRequested()
    } catch (error) {
      form.setFields([{ name: 'reason', errors: [describeError(error)] }])
    } finally {
      setIsSubmitting(false)
    }
  }

  return (
    <Modal
      open={isOpen}
      title={t('personalData.exportsRequestTitle')}
      okText={t('personalData.exportsSubmit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: isSubmitting }}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => form.resetFields()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} disabled={isSubmitting}>
        <Form.Item
          name="reason"
          label={t('personalData.exportsReasonLabel')}
          rules={[
            { required: true, whitespace: true, message: t('personalData.exportsReasonRequired') },
            { min: 4, max: 300, message: t('personalData.exportsReasonLength') },
          ]}
        >
          <Input.TextArea
            placeholder={t('personalData.exportsReasonPlaceholder')}
            maxLength={300}
            showCount
            autoSize={{ minRows: 3, maxRows: 6 }}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/**
 * `/workbench/exports`: 个人信息导出 under the two-person rule. A centre manager asks with a reason, another one
 * approves or rejects, and the requester downloads the approved CSV once.
 */
export function PersonalDataExportsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { account } = useSession()
  useDocumentTitle(t('personalData.exportsTitle'))
  const { data, error, isLoading, reload } = useApiData(
    (signal) => api.get<ExportRequest[]>('/api/identity/exports', { signal }),
    'exports',
  )
  const [isRequesting, setIsRequesting] = useState(false)
  const [busyId, setBusyId] = useState<string | undefined>(undefined)

  // The list names the requester only; the server refuses self-approval anyway (IDENTITY_EXPORT_SELF_APPROVAL).
  const isOwn = (request: ExportRequest) => request.requestedBy === account?.id

  async function decide(request: ExportRequest, approve: boolean) {
    setBusyId(request.id)
    try {
      await api.post<ExportRequest>(`/api/identity/exports/${request.id}/decision`, { approve })
      void message.success(approve ? t('personalData.exportsApproved') : t('personalData.exportsRejected'))
    } catch {
      // The API client has already shown the reason.
    } finally {
      setBusyId(undefined)
      reload()
    }
  }

  async function download(request: ExportRequest) {
    setBusyId(request.id)
    try {
      await downloadFile(`/api/identity/exports/${request.id}/download`, EXPORT_FILE)
      void message.success(t('personalData.exportsDownloaded'))
    } catch (cause) {
      void message.error(describeError(cause))
    } finally {
      setBusyId(undefined)
      reload()
    }
  }

  const columns: TableColumnsType<ExportRequest> = [
    {
      title: t('personalData.exportsRequester'),
      key: 'requester',
      width: 140,
      render: (_, request) => (
        <Space size={4} wrap>
          {request.requesterName}
          {isOwn(request) && <Tag color="blue">{t('personalData.exportsOwn')}</Tag>}
        </Space>
      ),
    },
    { title: t('personalData.exportsReason'), dataIndex: 'reason', key: 'reason' },
    {
      title: t('personalData.exportsStatus'),
      key: 'status',
      width: 100,
      render: (_, request) => (
        <Tag color={STATUS_COLOR[request.status]}>{t(`personalData.exportsStatus_${request.status}`)}</Tag>
      ),
    },
    {
      title: t('personalData.exportsCreatedAt'),
      key: 'createdAt',
      width: 150,
      render: (_, request) => formatDateTime(request.createdAt),
    },
    {
      title: t('personalData.exportsActions'),
      key: 'actions',
      width: 180,
      render: (_, request) => {
        const isBusy = busyId === request.id
        if (request.status === 'pending' && !isOwn(request)) {
          return (
            <Space size={8} wrap>
              <Popconfirm
                title={t('personalData.exportsApproveConfirm', { name: request.requesterName })}
                okText={t('personalData.exportsApprove')}
                cancelText={t('common.cancel')}
                onConfirm={() => decide(request, true)}
              >
                <Button size="small" type="primary" icon={<CheckOutlined aria-hidden />} loading={isBusy}>
                  {t('personalData.exportsApprove')}
                </Button>
              </Popconfirm>
              <Popconfirm
                title={t('personalData.exportsRejectConfirm', { name: request.requesterName })}
                okText={t('personalData.exportsReject')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => decide(request, false)}
              >
                <Button size="small" danger icon={<CloseOutlined aria-hidden />} disabled={isBusy}>
                  {t('personalData.exportsReject')}
                </Button>
              </Popconfirm>
            </Space>
          )
        }
        if (request.status === 'approved' && isOwn(request)) {
          return (
            <Tooltip title={t('personalData.exportsDownloadHint')}>
              <Button
                size="small"
                type="primary"
                icon={<DownloadOutlined aria-hidden />}
                loading={isBusy}
                onClick={() => download(request)}
              >
                {t('personalData.exportsDownload')}
              </Button>
            </Tooltip>
          )
        }
        return null
      },
    },
  ]

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('personalData.exportsTitle')}</h1>
        <div className="page-header-actions">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setIsRequesting(true)}>
            {t('personalData.exportsRequest')}
          </Button>
        </div>
      </div>
      <p className="section-intro">{t('personalData.exportsIntro')}</p>
      <Card variant="outlined">
        {error ? (
          <LoadFailedAlert onRetry={reload} />
        ) : (
          <Table<ExportRequest>
            rowKey="id"
            columns={columns}
            dataSource={data ?? []}
            loading={isLoading}
            size="middle"
            scroll={{ x: 760 }}
            pagination={false}
            locale={{ emptyText: t('personalData.exportsEmpty') }}
            data-testid="exports-table"
          />
        )}
      </Card>
      <RequestExportModal
        isOpen={isRequesting}
        onClose={() => setIsRequesting(false)}
        onRequested={() => {
          setIsRequesting(false)
          void message.success(t('personalData.exportsRequested'))
          reload()
        }}
      />
    </div>
  )
}
