import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router-dom'
import { api, describeError } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import type { DefinitionSummary } from './workflow-api.js'

type Diff = {
  added: { id: string; type: string; name: string | null }[]
  removed: { id: string; type: string; name: string | null }[]
  changed: { id: string; type: string; name: string | null }[]
  layoutChanged: string[]
}
type InstanceSummary = {
  id: string
  processKey: string
  processName: string
  version: number
  businessKey: string | null
  status: string
  startedAt: string
  endedAt: string | null
}

/** `/workbench/processes`: 流程目录 — versions, status, removal, diff, starting and listing instances. */
export function ProcessCataloguePage() {
  const { t } = useTranslation()
  useDocumentTitle(t('workflow.catalogueTitle'))
  const { message } = App.useApp()
  const navigate = useNavigate()
  const definitions = useApiData(
    (signal) => api.get<DefinitionSummary[]>('/api/workflow/definitions', { signal }),
    'all',
  )
  const instances = useApiData(
    (signal) => api.get<InstanceSummary[]>('/api/workflow/instances', { query: { limit: 50 }, signal }),
    'instances',
  )
  const [diffing, setDiffing] = useState<DefinitionSummary | undefined>(undefined)
  const [starting, setStarting] = useState<DefinitionSummary | undefined>(undefined)

  async function run(action: () => Promise<unknown>) {
    try {
      await action()
      message.success(t('workflow.done'))
      definitions.reload()
      instances.reload()
    } catch (cause) {
      message.error(describeError(cause))
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('workflow.catalogueTitle')}
        extra={
          <Link to="/workbench/processes/designer">
            <Button type="primary">{t('workflow.newDiagram')}</Button>
          </Link>
        }
      >
        {definitions.error ? <Alert type="error" title={describeError(definitions.error)} /> : null}
        <Table<DefinitionSummary>
          rowKey="id"
          size="middle"
          loading={definitions.isLoading}
          dataSource={definitions.data ?? []}
          pagination={{ pageSize: 20 }}
          data-testid="process-catalogue"
          columns={[
            {
              title: t('workflow.processName'),
              dataIndex: 'name',
              render: (name: string, row) => (
                <>
                  <div>{name}</div>
                  <Typography.Text type="secondary" code>
                    {row.processKey}
                  </Typography.Text>
                </>
              ),
            },
            { title: t('workflow.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
            {
              title: t('workflow.status'),
              dataIndex: 'status',
              render: (status: string, row) => (
                <Space size={4}>
                  <Tag color={status === 'active' ? 'green' : 'default'}>{t(`workflow.status_${status}`)}</Tag>
                  {row.warnings.length > 0 ? (
                    <Tag color="gold" title={row.warnings.map((w) => `${w.element}：${w.message}`).join('\n')}>
                      {t('workflow.warnings')} {row.warnings.length}
                    </Tag>
                  ) : null}
                </Space>
              ),
            },
            { title: t('workflow.deployedAt'), dataIndex: 'deployedAt', render: (v: string) => formatDateTime(v) },
            {
              title: `${t('workflow.running')} / ${t('workflow.total')}`,
              key: 'counts',
              render: (_: unknown, row) => `${row.runningCount} / ${row.totalCount}`,
            },
            {
              title: t('workflow.actions'),
              key: 'actions',
              render: (_: unknown, row) => (
                <Space size={4} wrap>
                  <Button size="small" onClick={() => navigate(`/workbench/processes/designer?definition=${row.id}`)}>
                    {t('workflow.edit')}
                  </Button>
                  <Button size="small" disabled={row.status !== 'active'} onClick={() => setStarting(row)}>
                    {t('workflow.start')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() =>
                      run(() =>
                        api.put(`/api/workflow/definitions/${row.id}/status`, {
                          status: row.status === 'active' ? 'disabled' : 'active',
                        }),
                      )
                    }
                  >
                    {row.status === 'active' ? t('workflow.disable') : t('workflow.enable')}
                  </Button>
                  <Button size="small" onClick={() => setDiffing(row)}>
                    {t('workflow.diff')}
                  </Button>
                  <Popconfirm
                    title={t('workflow.removeConfirm', { key: row.processKey, version: row.version })}
                    onConfirm={() => run(() => api.delete(`/api/workflow/definitions/${row.id}`))}
                    disabled={row.totalCount > 0}
                  >
                    <Button size="small" danger disabled={row.totalCount > 0}>
                      {t('workflow.remove')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('workflow.instanceList')}>
        <Table<InstanceSummary>
          rowKey="id"
          size="small"
          loading={instances.isLoading}
          dataSource={instances.data ?? []}
          pagination={{ pageSize: 10 }}
          data-testid="instance-list"
          columns={[
            {
              title: t('workflow.processName'),
              dataIndex: 'processName',
              render: (name: string, row) => (
                <Link to={`/workbench/processes/instances/${row.id}`}>
                  {name} · v{row.version}
                </Link>
              ),
            },
            { title: t('workflow.businessKey'), dataIndex: 'businessKey', render: (v: string | null) => v ?? '—' },
            {
              title: t('workflow.status'),
              dataIndex: 'status',
              render: (s: string) => t(`workflow.instanceStatus_${s}`),
            },
            { title: t('workflow.startedAt'), dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
            { title: t('workflow.endedAt'), dataIndex: 'endedAt', render: (v: string | null) => formatDateTime(v) },
          ]}
        />
      </Card>
      {diffing ? (
        <DiffModal definition={diffing} versions={definitions.data ?? []} onClose={() => setDiffing(undefined)} />
      ) : null}
      {starting ? (
        <StartModal
          definition={starting}
          onClose={() => setStarting(undefined)}
          onStarted={(id) => navigate(`/workbench/processes/instances/${id}`)}
        />
      ) : null}
    </Space>
  )
}

function DiffModal({
  definition,
  versions,
  onClose,
}: {
  definition: DefinitionSummary
  versions: DefinitionSummary[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const others = versions.filter((v) => v.processKey === definition.processKey && v.id !== definition.id)
  const [against, setAgainst] = useState<string | undefined>(others[0]?.id)
  const diff = useApiData(
    (signal) =>
      against
        ? api.get<Diff>(`/api/workflow/definitions/${definition.id}/diff`, { query: { against }, signal })
        : Promise.resolve(undefined),
    against ?? 'none',
  )
  const section = (label: string, color: string, entries: { id: string; type: string; name: string | null }[]) =>
    entries.length > 0 ? (
      <div style={{ marginBottom: 8 }}>
        <Typography.Text strong>{label}</Typography.Text>
        <div>
          {entries.map((entry) => (
            <Tag color={color} key={entry.id} style={{ marginTop: 4 }}>
              {entry.name ?? entry.id} · {entry.type.replace('bpmn:', '')}
            </Tag>
          ))}
        </div>
      </div>
    ) : null
  const data = diff.data
  const empty = data && data.added.length + data.removed.length + data.changed.length + data.layoutChanged.length === 0
  return (
    <Modal
      open
      title={`${t('workflow.diff')} · ${definition.name} v${definition.version}`}
      footer={null}
      onCancel={onClose}
    >
      <Space style={{ marginBottom: 12 }}>
        {t('workflow.diffWith')}
        <Select
          style={{ width: 160 }}
          value={against}
          onChange={setAgainst}
          options={others.map((v) => ({ value: v.id, label: `v${v.version}` }))}
        />
      </Space>
      <div data-testid="version-diff">
        {data ? (
          <>
            {section(t('workflow.diffAdded'), 'green', data.added)}
            {section(t('workflow.diffRemoved'), 'red', data.removed)}
            {section(t('workflow.diffChanged'), 'gold', data.changed)}
            {data.layoutChanged.length > 0 ? (
              <Typography.Paragraph type="secondary">
                {t('workflow.diffLayout')}：{data.layoutChanged.join('、')}
              </Typography.Paragraph>
            ) : null}
            {empty ? <Typography.Text type="secondary">{t('workflow.diffNone')}</Typography.Text> : null}
          </>
        ) : null}
        {diff.error ? <Alert type="error" title={describeError(diff.error)} /> : null}
      </div>
    </Modal>
  )
}

function StartModal({
  definition,
  onClose,
  onStarted,
}: {
  definition: DefinitionSummary
  onClose: () => void
  onStarted: (instanceId: string) => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ businessKey?: string; variables?: string }>()
  const { message } = App.useApp()
  const [failure, setFailure] = useState<string | undefined>(undefined)
  return (
    <Modal
      open
      title={`${t('workflow.start')} · ${definition.name}`}
      okText={t('workflow.confirm')}
      cancelText={t('workflow.cancel')}
      onCancel={onClose}
      onOk={async () => {
        const values = await form.validateFields()
        try {
          const variables = values.variables?.trim() ? JSON.parse(values.variables) : undefined
          const started = await api.post<{ id: string }>(
            '/api/workflow/instances',
            { processKey: definition.processKey, variables, businessKey: values.businessKey || undefined },
            { quiet: true },
          )
          message.success(t('workflow.started'))
          onStarted(started.id)
        } catch (cause) {
          setFailure(cause instanceof SyntaxError ? cause.message : describeError(cause))
        }
      }}
    >
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" name="start-instance">
        <Form.Item name="businessKey" label={t('workflow.businessKey')}>
          <Input maxLength={200} placeholder="case:…" />
        </Form.Item>
        <Form.Item name="variables" label={t('workflow.variables')} extra='JSON，例如 {"approved": true}'>
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
