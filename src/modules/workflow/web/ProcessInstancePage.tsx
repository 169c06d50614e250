import 'bpmn-js/dist/assets/diagram-js.css'
import 'bpmn-js/dist/assets/bpmn-js.css'
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router-dom'
import { api, describeError } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { NavigatedViewer } from './bpmn-js.js'
import { HistoryTimeline } from './HistoryTimeline.js'
import { DueTag } from './TaskInboxPage.js'
import './workflow-diagram.css'
import type { DefinitionSummary, InboxTask, InstanceView } from './workflow-api.js'

type AdminAction = 'suspend' | 'resume' | 'cancel' | 'moveToken' | 'migrate'

/** `/workbench/processes/instances/:id`: the diagram with progress, variables, history, incidents, admin actions. */
export function ProcessInstancePage() {
  const { t } = useTranslation()
  useDocumentTitle(t('workflow.monitorTitle'))
  const { message } = App.useApp()
  const { id = '' } = useParams()
  const view = useApiData((signal) => api.get<InstanceView>(`/api/workflow/instances/${id}`, { signal }), id)
  const [action, setAction] = useState<AdminAction | undefined>(undefined)
  const data = view.data
  const elementNames = useMemo(() => readElementNames(data?.definition.xml), [data?.definition.xml])

  if (view.error) return <Alert type="error" title={describeError(view.error)} />
  const status = data?.instance.status
  const isRunning = status === 'active' || status === 'suspended'

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`${t('workflow.monitorTitle')}${data ? ` · ${data.definition.name} v${data.definition.version}` : ''}`}
        loading={view.isLoading && !data}
        extra={
          <Space wrap>
            <Button onClick={view.reload}>↻</Button>
            <Button disabled={status !== 'active'} onClick={() => setAction('suspend')}>
              {t('workflow.suspend')}
            </Button>
            <Button disabled={status !== 'suspended'} onClick={() => setAction('resume')}>
              {t('workflow.resume')}
            </Button>
            <Button disabled={status !== 'active'} onClick={() => setAction('moveToken')}>
              {t('workflow.moveToken')}
            </Button>
            <Button disabled={!isRunning} onClick={() => setAction('migrate')}>
              {t('workflow.migrate')}
            </Button>
            <Button danger disabled={!isRunning} onClick={() => setAction('cancel')}>
              {t('workflow.cancelInstance')}
            </Button>
          </Space>
        }
      >
        {data ? (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('workflow.status')}>
                <Tag
                  color={status === 'active' ? 'blue' : status === 'completed' ? 'green' : 'default'}
                  data-testid="instance-status"
                >
                  {t(`workflow.instanceStatus_${status}`)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('workflow.businessKey')}>
                {data.instance.businessKey ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('workflow.startedAt')}>
                {formatDateTime(data.instance.startedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('workflow.endedAt')}>
                {formatDateTime(data.instance.endedAt)} {data.instance.endReason ?? ''}
              </Descriptions.Item>
            </Descriptions>
            {data.awaitingApplicant.map((wait) => (
              <Alert
                key={wait.taskId}
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('workflow.awaitingApplicantAlert', {
                  element: elementNames[wait.elementId] ?? wait.elementId,
                  since: formatDateTime(wait.since),
                  reason: wait.reason,
                })}
                action={
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      api
                        .post(`/api/workflow/tasks/${wait.taskId}/applicant-supplement`, {})
                        .then(() => {
                          message.success(t('workflow.action_supplemented'))
                          view.reload()
                        })
                        .catch((cause: unknown) => message.error(describeError(cause)))
                    }
                  >
                    {t('workflow.action_supplemented')}
                  </Button>
                }
              />
            ))}
            <ProgressDiagram view={data} />
            <Space style={{ marginTop: 8 }}>
              <span>
                <span className="wf-legend wf-legend-completed" />
                {t('workflow.legendCompleted')}
              </span>
              <span>
                <span className="wf-legend wf-legend-active" />
                {t('workflow.legendActive')}
              </span>
              <Link to="/workbench/processes">{t('workflow.catalogueTitle')}</Link>
            </Space>
          </>
        ) : null}
      </Card>
      {data ? (
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Card title={t('workflow.tasks')} size="small" style={{ marginBottom: 16 }}>
              <Table<InboxTask>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={data.tasks}
                data-testid="instance-tasks"
                columns={[
                  { title: t('workflow.taskName'), dataIndex: 'name' },
                  {
                    title: t('workflow.status'),
                    dataIndex: 'state',
                    width: 110,
                    render: (state: string, task) =>
                      task.awaitingApplicant ? (
                        <Tag color="gold">{t('workflow.awaitingApplicant')}</Tag>
                      ) : (
                        <span style={{ whiteSpace: 'nowrap' }}>{t(`workflow.taskState_${state}`)}</span>
                      ),
                  },
                  {
                    title: t('workflow.dueAt'),
                    key: 'due',
                    render: (_: unknown, task) => <DueTag dueAt={task.dueAt} dueMark={task.dueMark} />,
                  },
                  { title: t('workflow.opinion'), dataIndex: 'opinion', render: (v: string | null) => v ?? '—' },
                ]}
              />
            </Card>
            <Card title={t('workflow.variables')} size="small" style={{ marginBottom: 16 }}>
              <Table
                rowKey="name"
                size="small"
                pagination={false}
                data-testid="instance-variables"
                dataSource={Object.entries(data.variables).map(([name, value]) => ({
                  name,
                  value: JSON.stringify(value),
                }))}
                columns={[
                  { title: t('workflow.variableName'), dataIndex: 'name', width: '35%' },
                  {
                    title: t('workflow.variableValue'),
                    dataIndex: 'value',
                    render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
                  },
                ]}
              />
            </Card>
            <Card title={t('workflow.incidents')} size="small">
              {data.incidents.length === 0 ? (
                <Typography.Text type="secondary">{t('workflow.noIncidents')}</Typography.Text>
              ) : (
                <Table
                  rowKey={(row) => `${row.executionId}-${row.createdAt}`}
                  size="small"
                  pagination={false}
                  dataSource={data.incidents}
                  columns={[
                    {
                      title: t('workflow.elementId'),
                      dataIndex: 'elementId',
                      render: (v: string) => elementNames[v] ?? v,
                    },
                    { title: t('workflow.reason'), dataIndex: 'message' },
                    {
                      title: t('workflow.startedAt'),
                      dataIndex: 'createdAt',
                      render: (v: string) => formatDateTime(v),
                    },
                    {
                      title: t('workflow.actions'),
                      key: 'retry',
                      render: (_: unknown, row) =>
                        row.resolvedAt ? (
                          formatDateTime(row.resolvedAt)
                        ) : (
                          <Button
                            size="small"
                            onClick={() =>
                              api
                                .post(`/api/workflow/instances/${id}/incidents/${row.executionId}/retry`, {})
                                .then(() => view.reload())
                                .catch(() => undefined)
                            }
                          >
                            {t('workflow.retry')}
                          </Button>
                        ),
                    },
                  ]}
                />
              )}
            </Card>
            <InstanceWaits instanceId={id} view={data} elementNames={elementNames} onChanged={view.reload} />
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('workflow.history')} size="small">
              <HistoryTimeline history={data.history} elementNames={elementNames} />
            </Card>
          </Col>
        </Row>
      ) : null}
      {action && data ? (
        <AdminActionModal
          action={action}
          view={data}
          elementNames={elementNames}
          onClose={() => setAction(undefined)}
          onDone={(text) => {
            message.success(text)
            setAction(undefined)
            view.reload()
          }}
        />
      ) : null}
    </Space>
  )
}

/** Names of the diagram's elements, read from the XML, so history and forms show 规划审查 rather than an id. */
function readElementNames(xml: string | undefined): Record<string, string> {
  if (!xml) return {}
  const names: Record<string, string> = {}
  const document = new DOMParser().parseFromString(xml, 'application/xml')
  for (const node of Array.from(document.querySelectorAll('[id][name]'))) {
    names[node.getAttribute('id') as string] = node.getAttribute('name') as string
  }
  return names
}

/** bpmn-js NavigatedViewer with markers: completed elements green, active ones blue and pulsing. */
function ProgressDiagram({ view }: { view: InstanceView }) {
  const ref = useRef<HTMLDivElement>(null)
  const viewerRef = useRef<NavigatedViewer | undefined>(undefined)
  const [failure, setFailure] = useState<string | undefined>(undefined)

  useEffect(() => {
    if (!ref.current) return
    const viewer = new NavigatedViewer({ container: ref.current })
    viewerRef.current = viewer
    return () => viewer.destroy()
  }, [])

  useEffect(() => {
    const viewer = viewerRef.current
    if (!viewer) return
    let cancelled = false
    setFailure(undefined)
    viewer
      .importXML(view.definition.xml)
      .then(() => {
        if (cancelled) return
        const canvas = viewer.get<{
          addMarker: (id: string, marker: string) => void
          zoom: { (level: string): void; (level: number, center: string): void; (): number }
        }>('canvas')
        const registry = viewer.get<{ get: (id: string) => unknown }>('elementRegistry')
        for (const id of view.completedElementIds) if (registry.get(id)) canvas.addMarker(id, 'wf-completed')
        for (const id of view.activeElementIds) if (registry.get(id)) canvas.addMarker(id, 'wf-active')
        canvas.zoom('fit-viewport')
        // A little room around the edges, so the end event is not cut by the frame.
        canvas.zoom(canvas.zoom() * 0.94, 'auto')
      })
      // An import cut short by the next one (or by unmounting) is not an error to show.
      .catch((cause: Error) => !cancelled && setFailure(cause.message))
    return () => {
      cancelled = true
    }
  }, [view])

  return (
    <>
      {failure ? <Alert type="error" title={failure} /> : null}
      <div ref={ref} className="wf-viewer" data-testid="monitor-diagram" />
    </>
  )
}

function AdminActionModal({
  action,
  view,
  elementNames,
  onClose,
  onDone,
}: {
  action: AdminAction
  view: InstanceView
  elementNames: Record<string, string>
  onClose: () => void
  onDone: (text: string) => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{
    reason?: string
    executionId?: string
    targetElementId?: string
    toDefinitionId?: string
  }>()
  const [failure, setFailure] = useState<string | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const versions = useApiData(
    (signal) =>
      action === 'migrate'
        ? api.get<DefinitionSummary[]>('/api/workflow/definitions', {
            query: { processKey: view.definition.processKey },
            signal,
          })
        : Promise.resolve([] as DefinitionSummary[]),
    action,
  )
  const tokens = view.executions.filter((execution) => execution.kind === 'token' || execution.kind === 'multi')
  const title = {
    suspend: t('workflow.suspend'),
    resume: t('workflow.resume'),
    cancel: t('workflow.cancelInstance'),
    moveToken: t('workflow.moveToken'),
    migrate: t('workflow.migrate'),
  }[action]

  async function submit() {
    const values = await form.validateFields()
    setBusy(true)
    setFailure(undefined)
    const base = `/api/workflow/instances/${view.instance.id}`
    try {
      if (action === 'migrate') {
        const result = await api.post<{ fromVersion: number; toVersion: number }>(
          `${base}/migrate`,
          { toDefinitionId: values.toDefinitionId },
          { quiet: true },
        )
        onDone(t('workflow.migrated', { from: result.fromVersion, to: result.toVersion }))
        return
      }
      const path = { suspend: 'suspend', resume: 'resume', cancel: 'cancel', moveToken: 'move-token' }[action]
      const body =
        action === 'moveToken'
          ? { executionId: values.executionId, targetElementId: values.targetElementId, reason: values.reason }
          : { reason: values.reason }
      await api.post(`${base}/${path}`, body, { quiet: true })
      onDone(`${title}：${t('workflow.done')}`)
    } catch (cause) {
      setFailure(describeError(cause))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open
      title={title}
      okText={t('workflow.confirm')}
      cancelText={t('workflow.cancel')}
      okButtonProps={{ danger: action === 'cancel' }}
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      width={480}
    >
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" name={`instance-${action}`}>
        {action === 'moveToken' ? (
          <>
            <Form.Item name="executionId" label={t('workflow.token')} rules={[{ required: true }]}>
              <Select
                options={tokens.map((token) => ({
                  value: token.id,
                  label: elementNames[token.elementId] ?? token.elementId,
                }))}
              />
            </Form.Item>
            <Form.Item name="targetElementId" label={t('workflow.targetElement')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={Object.entries(elementNames).map(([value, label]) => ({
                  value,
                  label: `${label}（${value}）`,
                }))}
              />
            </Form.Item>
          </>
        ) : null}
        {action === 'migrate' ? (
          <Form.Item name="toDefinitionId" label={t('workflow.targetVersion')} rules={[{ required: true }]}>
            <Select
              loading={versions.isLoading}
              options={(versions.data ?? [])
                .filter((v) => v.id !== view.definition.id)
                .map((v) => ({ value: v.id, label: `v${v.version} · ${t(`workflow.status_${v.status}`)}` }))}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="reason"
            label={t('workflow.reason')}
            rules={[{ required: true, whitespace: true, message: t('workflow.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}

/** 等待中: pending timers (with a fire-now button for testing), retries, message subscriptions, parent and child instances. */
function InstanceWaits({
  instanceId,
  view,
  elementNames,
  onChanged,
}: {
  instanceId: string
  view: InstanceView
  elementNames: Record<string, string>
  onChanged: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const jobs = view.pendingJobs ?? []
  const messages = view.messageSubscriptions ?? []
  const children = view.childInstances ?? []
  const name = (elementId: string) => elementNames[elementId] ?? elementId
  const fire = (executionId: string, elementId: string) =>
    api
      .post(`/api/workflow/instances/${instanceId}/timers/fire`, {
        executionId,
        elementId,
        reason: t('workflow.fireNowReason'),
      })
      .then(onChanged)
      .catch((error: unknown) => message.error(describeError(error)))
  return (
    <Card title={t('workflow.waits')} size="small" style={{ marginTop: 16 }} data-testid="instance-waits">
      {jobs.length === 0 && messages.length === 0 && children.length === 0 && !view.instance.parentInstanceId ? (
        <Typography.Text type="secondary">{t('workflow.noWaits')}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {jobs.map((job) => (
            <Space key={`${job.executionId}-${job.elementId}-${job.dueAt}`} wrap>
              <Typography.Text>
                {job.kind === 'timer' ? t('workflow.waitTimer') : t('workflow.waitRetry')}：{name(job.elementId)}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('workflow.waitDueAt')} {formatDateTime(job.dueAt)}
              </Typography.Text>
              {job.kind === 'timer' && view.instance.status === 'active' ? (
                <Button size="small" onClick={() => fire(job.executionId, job.elementId)}>
                  {t('workflow.fireNow')}
                </Button>
              ) : null}
            </Space>
          ))}
          {messages.map((subscription) => (
            <Typography.Text key={`${subscription.executionId}-${subscription.elementId}`}>
              {t('workflow.waitMessage')}：{name(subscription.elementId)}
            </Typography.Text>
          ))}
          {view.instance.parentInstanceId ? (
            <Link to={`/workbench/processes/instances/${view.instance.parentInstanceId}`}>
              {t('workflow.parentInstance')}
            </Link>
          ) : null}
          {children.map((child) => (
            <Space key={child.id} wrap>
              <Typography.Text>
                {t('workflow.childInstances')}：{child.processName}
                {child.callActivityId ? `（${name(child.callActivityId)}）` : ''}
              </Typography.Text>
              <Link to={`/workbench/processes/instances/${child.id}`}>{t('workflow.openInstance')}</Link>
            </Space>
          ))}
        </Space>
      )}
    </Card>
  )
}
