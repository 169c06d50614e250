import { Alert, Form, Input, Modal, Select, Spin, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, describeError } from '../../../web/kit/api.js'
import { StaffPicker } from './StaffPicker.js'
import type { InboxTask, TaskDetail, WorkflowDirectory } from './workflow-api.js'

export const TASK_ACTIONS = [
  'delegate',
  'transfer',
  'return',
  'takeBack',
  'addCountersigner',
  'removeCountersigner',
  'copy',
  'chase',
  'specialEnd',
  'supplemented',
] as const
export type TaskAction = (typeof TASK_ACTIONS)[number]

type Values = {
  loginName?: string
  loginNames?: string[]
  targetElementId?: string
  value?: string
  removeTaskId?: string
  reason?: string
  note?: string
}

/** The return target that sends the case back to the applicant for a supplement (退回补正) instead of a step. */
export const TO_APPLICANT = '__applicant__'

// Each action is one API call; the body is built from the few fields its dialog shows.
const REQUESTS: Record<TaskAction, { path: string; body: (values: Values) => unknown }> = {
  delegate: { path: 'delegate', body: (v) => ({ loginName: v.loginName, reason: v.reason }) },
  transfer: { path: 'transfer', body: (v) => ({ loginName: v.loginName, reason: v.reason }) },
  return: { path: 'return', body: (v) => ({ targetElementId: v.targetElementId, reason: v.reason }) },
  supplemented: { path: 'applicant-supplement', body: (v) => (v.note ? { reason: v.note } : {}) },
  takeBack: { path: 'take-back', body: (v) => ({ reason: v.reason }) },
  addCountersigner: { path: 'countersigners', body: (v) => ({ value: v.value, reason: v.reason }) },
  removeCountersigner: {
    path: 'countersigners/remove',
    body: (v) => ({ removeTaskId: v.removeTaskId, reason: v.reason }),
  },
  copy: { path: 'copies', body: (v) => ({ loginNames: v.loginNames, ...(v.note ? { note: v.note } : {}) }) },
  chase: { path: 'chase', body: (v) => ({ reason: v.reason }) },
  specialEnd: { path: 'special-end', body: (v) => ({ reason: v.reason }) },
}

type Props = {
  task: InboxTask | undefined
  action: TaskAction | undefined
  directory: WorkflowDirectory | undefined
  onClose: () => void
  onDone: () => void
}

/** One small dialog per inbox action (委派, 转办, 退回, 退回补正, 申请人已补正, 收回, 加签, 减签, 抄送, 催办, 特殊办结). */
export function TaskActionModal({ task, action, directory, onClose, onDone }: Props) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const [detail, setDetail] = useState<TaskDetail | undefined>(undefined)
  const [failure, setFailure] = useState<string | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const needsDetail = action === 'return' || action === 'removeCountersigner' || action === 'addCountersigner'

  useEffect(() => {
    setDetail(undefined)
    setFailure(undefined)
    form.resetFields()
    if (!task || !needsDetail) return
    const controller = new AbortController()
    api
      .get<TaskDetail>(`/api/workflow/tasks/${task.id}`, { signal: controller.signal, quiet: true })
      .then(setDetail)
      .catch((cause: unknown) => !controller.signal.aborted && setFailure(describeError(cause)))
    return () => controller.abort()
  }, [task, needsDetail, form])

  if (!task || !action) return null
  const request = REQUESTS[action]

  async function submit() {
    const values = await form.validateFields()
    setBusy(true)
    setFailure(undefined)
    const toApplicant = action === 'return' && values.targetElementId === TO_APPLICANT
    try {
      await api.post(
        `/api/workflow/tasks/${(task as InboxTask).id}/${toApplicant ? 'return-to-applicant' : request.path}`,
        toApplicant ? { reason: values.reason } : request.body(values),
        { quiet: true },
      )
      onDone()
    } catch (cause) {
      setFailure(describeError(cause))
    } finally {
      setBusy(false)
    }
  }

  const reasonField = (
    <Form.Item
      name="reason"
      label={t('workflow.reason')}
      rules={[{ required: true, whitespace: true, message: t('workflow.reasonRequired') }]}
    >
      <Input.TextArea rows={3} maxLength={500} />
    </Form.Item>
  )
  const loading = needsDetail && !detail && !failure

  return (
    <Modal
      open
      title={`${t(`workflow.action_${action}`)} · ${task.name}`}
      okText={t('workflow.confirm')}
      cancelText={t('workflow.cancel')}
      okButtonProps={{
        danger: action === 'specialEnd',
        disabled: loading || (detail !== undefined && !detail.isCountersign && action.includes('Countersigner')),
      }}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={submit}
      width={480}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t(`workflow.help_${action}`)}</Typography.Paragraph>
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
      {loading ? <Spin /> : null}
      <Form form={form} layout="vertical" name={`task-action-${action}`}>
        {action === 'delegate' || action === 'transfer' ? (
          <Form.Item
            name="loginName"
            label={t('workflow.staff')}
            rules={[{ required: true, message: t('workflow.staffRequired') }]}
          >
            <StaffPicker directory={directory} />
          </Form.Item>
        ) : null}
        {action === 'copy' ? (
          <Form.Item
            name="loginNames"
            label={t('workflow.staff')}
            rules={[{ required: true, message: t('workflow.staffRequired') }]}
          >
            <StaffPicker directory={directory} multiple />
          </Form.Item>
        ) : null}
        {action === 'return' && detail ? (
          <Form.Item
            name="targetElementId"
            label={t('workflow.returnTarget')}
            rules={[{ required: true, message: t('workflow.returnTargetRequired') }]}
            extra={t('workflow.returnToApplicantHint')}
          >
            <Select
              options={[
                // One countersigner cannot hold up the whole countersign for the applicant.
                ...(detail.isCountersign ? [] : [{ value: TO_APPLICANT, label: t('workflow.returnToApplicant') }]),
                ...detail.returnTargets.map((target) => ({ value: target.elementId, label: target.name })),
              ]}
              notFoundContent={t('workflow.noReturnTarget')}
            />
          </Form.Item>
        ) : null}
        {action === 'addCountersigner' && detail ? (
          detail.isCountersign ? (
            <Form.Item
              name="value"
              label={t('workflow.countersignerValue')}
              rules={[{ required: true, message: t('workflow.countersignerRequired') }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                options={[
                  {
                    label: t('workflow.departmentsGroup'),
                    options: (directory?.departments ?? []).map((d) => ({ value: d.code, label: d.name })),
                  },
                  {
                    label: t('workflow.staffGroup'),
                    options: (directory?.staff ?? []).map((s) => ({
                      value: s.loginName,
                      label: `${s.displayName}（${s.loginName}）`,
                    })),
                  },
                ]}
              />
            </Form.Item>
          ) : (
            <Alert type="warning" title={t('workflow.notCountersign')} />
          )
        ) : null}
        {action === 'removeCountersigner' && detail ? (
          detail.isCountersign ? (
            <Form.Item
              name="removeTaskId"
              label={t('workflow.removeCountersigner')}
              rules={[{ required: true, message: t('workflow.countersignerRequired') }]}
            >
              <Select
                notFoundContent={t('workflow.noCountersigner')}
                options={detail.countersigners.map((other) => ({
                  value: other.taskId,
                  label: `${other.name} · ${other.assigneeName ?? t('workflow.unassigned')}`,
                }))}
              />
            </Form.Item>
          ) : (
            <Alert type="warning" title={t('workflow.notCountersign')} />
          )
        ) : null}
        {action === 'copy' || action === 'supplemented' ? (
          <Form.Item name="note" label={t('workflow.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        ) : (
          reasonField
        )}
      </Form>
    </Modal>
  )
}
