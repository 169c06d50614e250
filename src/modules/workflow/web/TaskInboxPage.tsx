import { ClockCircleOutlined, DownOutlined, WarningOutlined } from '@ant-design/icons'
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Dropdown,
  Form,
  Input,
  Modal,
  Space,
  Spin,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
} from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { api, describeError } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { hasPermission, useSession } from '../../../web/kit/session/useSession.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { HistoryTimeline } from './HistoryTimeline.js'
import { type TaskAction, TaskActionModal } from './TaskActionModal.js'
import type { DueMark, InboxTask, TaskDetail, WorkflowDirectory } from './workflow-api.js'

type InboxView = 'mine' | 'unclaimed' | 'copied' | 'done'

const DUE_COLOR: Record<DueMark, string> = { none: 'default', normal: 'blue', warning: 'gold', overdue: 'red' }

// What each inbox view may do besides 办理: open tasks in my hands, tasks I completed, tasks copied to me.
const VIEW_ACTIONS: Record<InboxView, TaskAction[]> = {
  mine: ['delegate', 'transfer', 'return', 'addCountersigner', 'removeCountersigner', 'copy', 'chase', 'specialEnd'],
  unclaimed: ['copy', 'chase'],
  copied: ['chase'],
  done: ['takeBack', 'copy'],
}

/** 黄牌 / 红牌: the deadline with its mark, so a reviewer sees at a glance what is late. */
export function DueTag({ dueAt, dueMark }: { dueAt: string | null; dueMark: DueMark }) {
  const { t } = useTranslation()
  if (!dueAt) return <>—</>
  const icon = dueMark === 'overdue' ? <WarningOutlined /> : dueMark === 'warning' ? <ClockCircleOutlined /> : null
  return (
    <Tag color={DUE_COLOR[dueMark]} icon={icon} data-testid={`due-${dueMark}`}>
      {formatDateTime(dueAt)}
      {dueMark === 'warning' ? ` ${t('workflow.warning')}` : ''}
      {dueMark === 'overdue' ? ` ${t('workflow.overdue')}` : ''}
    </Tag>
  )
}

/** `/workbench/tasks`: 待办 sorted by deadline with 黄牌/红牌 marks; claim, complete and every inbox action. */
export function TaskInboxPage() {
  const { t } = useTranslation()
  useDocumentTitle(t('workflow.inboxTitle'))
  const { message } = App.useApp()
  const session = useSession()
  const canMonitor = hasPermission(session, 'workflow.processes.manage')
  const [view, setView] = useState<InboxView>('mine')
  const [completing, setCompleting] = useState<InboxTask | undefined>(undefined)
  const [acting, setActing] = useState<{ task: InboxTask; action: TaskAction } | undefined>(undefined)
  const [inspecting, setInspecting] = useState<InboxTask | undefined>(undefined)
  const [form] = Form.useForm<{ opinion?: string }>()
  const [busy, setBusy] = useState(false)
  const { data, isLoading, error, reload } = useApiData(
    (signal) => api.get<InboxTask[]>('/api/workflow/tasks', { query: { view }, signal }),
    view,
  )
  const { data: directory } = useApiData(
    (signal) => api.get<WorkflowDirectory>('/api/workflow/directory', { signal }),
    'directory',
  )

  async function run<T>(action: () => Promise<T>, done: string | ((result: T) => string)) {
    setBusy(true)
    try {
      const result = await action()
      message.success(typeof done === 'string' ? done : done(result))
      reload()
    } catch (cause) {
      message.error(describeError(cause))
    } finally {
      setBusy(false)
    }
  }

  const columns: TableColumnsType<InboxTask> = [
    {
      title: t('workflow.taskName'),
      dataIndex: 'name',
      render: (name: string, task) => (
        <Space size={4}>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setInspecting(task)}>
            {name}
          </Button>
          {task.chasedAt && task.state === 'open' ? <Tag color="volcano">{t('workflow.chasedAt')}</Tag> : null}
          {task.awaitingApplicant ? <Tag color="gold">{t('workflow.awaitingApplicant')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('workflow.processName'), dataIndex: 'processName' },
    { title: t('workflow.businessKey'), dataIndex: 'businessKey', render: (value: string | null) => value ?? '—' },
    {
      title: t('workflow.dueAt'),
      dataIndex: 'dueAt',
      render: (_: unknown, task) => <DueTag dueAt={task.dueAt} dueMark={task.dueMark} />,
    },
    {
      title: t('workflow.actions'),
      key: 'actions',
      render: (_: unknown, task) => (
        <Space>
          {view === 'unclaimed' && (
            <Button
              size="small"
              disabled={busy}
              onClick={() => run(() => api.post(`/api/workflow/tasks/${task.id}/claim`, {}), t('workflow.claimed'))}
            >
              {t('workflow.claim')}
            </Button>
          )}
          {view === 'mine' && (
            <Button size="small" type="primary" disabled={busy} onClick={() => setCompleting(task)}>
              {t('workflow.complete')}
            </Button>
          )}
          {view === 'done' && task.awaitingApplicant && (
            <Button
              size="small"
              type="primary"
              disabled={busy}
              onClick={() => setActing({ task, action: 'supplemented' })}
            >
              {t('workflow.action_supplemented')}
            </Button>
          )}
          {view === 'done' && task.opinion}
          <Dropdown
            trigger={['click']}
            menu={{
              // Only a task completed the ordinary way can be taken back (not one returned or ended specially).
              items: VIEW_ACTIONS[view]
                .filter((action) => action !== 'takeBack' || task.outcome === 'completed')
                .map((action) => ({
                  key: action,
                  label: t(`workflow.action_${action}`),
                  danger: action === 'specialEnd',
                })),
              onClick: ({ key }) => setActing({ task, action: key as TaskAction }),
            }}
          >
            <Button size="small" disabled={busy} data-testid="task-more">
              {t('workflow.more')} <DownOutlined />
            </Button>
          </Dropdown>
        </Space>
      ),
    },
  ]

  return (
    <Card title={t('workflow.inboxTitle')}>
      <Tabs
        activeKey={view}
        onChange={(key) => setView(key as InboxView)}
        items={(['mine', 'unclaimed', 'copied', 'done'] as const).map((key) => ({
          key,
          label: t(`workflow.view_${key}`),
        }))}
      />
      {error ? <p role="alert">{describeError(error)}</p> : null}
      <Table<InboxTask>
        rowKey="id"
        loading={isLoading}
        columns={columns}
        dataSource={data ?? []}
        pagination={{ pageSize: 20 }}
        data-testid="task-inbox"
      />
      <Modal
        open={completing !== undefined}
        title={completing?.name}
        okText={t('workflow.submit')}
        cancelText={t('workflow.cancel')}
        confirmLoading={busy}
        onCancel={() => setCompleting(undefined)}
        onOk={async () => {
          const { opinion } = await form.validateFields()
          const task = completing as InboxTask
          await run(
            () =>
              api.post<{ nextTasks: { name: string }[] }>(`/api/workflow/tasks/${task.id}/complete`, {
                opinion,
                formData: { approved: true },
              }),
            ({ nextTasks }) => {
              const next = [...new Set(nextTasks.map((next) => next.name))].join('、')
              return next ? t('workflow.completedNext', { next }) : t('workflow.completed')
            },
          )
          setCompleting(undefined)
          form.resetFields()
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="opinion"
            label={t('workflow.opinion')}
            rules={[{ required: completing?.opinionRequired ?? false, message: t('workflow.opinionRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      {acting ? (
        <TaskActionModal
          task={acting.task}
          action={acting.action}
          directory={directory}
          onClose={() => setActing(undefined)}
          onDone={() => {
            message.success(`${t(`workflow.action_${acting.action}`)}：${t('workflow.done')}`)
            setActing(undefined)
            reload()
          }}
        />
      ) : null}
      <TaskDrawer task={inspecting} canMonitor={canMonitor} onClose={() => setInspecting(undefined)} />
    </Card>
  )
}

/** The task's details and the history timeline of its instance. */
function TaskDrawer({ task, canMonitor, onClose }: { task?: InboxTask; canMonitor: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const [detail, setDetail] = useState<TaskDetail | undefined>(undefined)
  useEffect(() => {
    setDetail(undefined)
    if (!task) return
    const controller = new AbortController()
    api
      .get<TaskDetail>(`/api/workflow/tasks/${task.id}`, { signal: controller.signal })
      .then(setDetail)
      .catch(() => undefined)
    return () => controller.abort()
  }, [task])
  return (
    <Drawer open={task !== undefined} title={task?.name} size={520} onClose={onClose} data-testid="task-drawer">
      {task ? (
        <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('workflow.processName')}>{task.processName}</Descriptions.Item>
          <Descriptions.Item label={t('workflow.businessKey')}>{task.businessKey ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('workflow.dueAt')}>
            <DueTag dueAt={task.dueAt} dueMark={task.dueMark} />
          </Descriptions.Item>
          {canMonitor ? (
            <Descriptions.Item label={t('workflow.monitorTitle')}>
              <Link to={`/workbench/processes/instances/${task.instanceId}`}>{t('workflow.openMonitor')}</Link>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : null}
      <h4>{t('workflow.history')}</h4>
      {detail ? <HistoryTimeline history={detail.history} elementNames={detail.elementNames} /> : <Spin />}
    </Drawer>
  )
}
