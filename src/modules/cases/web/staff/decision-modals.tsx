import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Form, type FormInstance, Input, Modal, Radio, Space } from 'antd'
import { type ReactNode, useState } from 'react'
import { type CaseDetail, runAndOpenNotice, staffApi } from './staff-api.js'

type ModalProps = { open: boolean; caseId: string; onClose: () => void; onDone: (detail: CaseDetail) => void }

/** One list of reasons or items, at least one line; used for 补正 and 退回. */
function LinesField({ name, label, addText }: { name: string; label: string; addText: string }) {
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_rule, lines: string[] | undefined) => {
            if (!lines?.some((line) => line?.trim())) throw new Error(`请至少写一条${label}`)
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <Space key={field.key} align="baseline" style={{ display: 'flex', width: '100%' }}>
              <Form.Item
                name={field.name}
                style={{ flex: 1, minWidth: 0 }}
                rules={[{ required: true, whitespace: true, message: `请写明第 ${index + 1} 条` }]}
              >
                <Input.TextArea autoSize maxLength={500} aria-label={`${label}第 ${index + 1} 条`} />
              </Form.Item>
              <MinusCircleOutlined aria-label="删除这一条" onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Button type="dashed" onClick={() => add('')} icon={<PlusOutlined />} block>
            {addText}
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  )
}

const clean = (lines: string[] | undefined) => (lines ?? []).map((line) => line.trim()).filter(Boolean)

/**
 * The frame every case action shares: a modal around one form; 确认 validates the form, runs the action (busy
 * meanwhile), closes and hands the case back. A failed action keeps the modal open for another try.
 */
function CaseActionModal<Values>({
  form,
  title,
  okText,
  isDanger = false,
  initialValues,
  run,
  children,
  ...props
}: ModalProps & {
  form: FormInstance<Values>
  title: string
  okText: string
  isDanger?: boolean
  initialValues?: Partial<Values>
  run: (values: Values) => Promise<CaseDetail>
  children: ReactNode
}) {
  const [busy, setBusy] = useState(false)
  return (
    <Modal
      open={props.open}
      title={title}
      okText={okText}
      {...(isDanger ? { okButtonProps: { danger: true } } : {})}
      cancelText="取消"
      confirmLoading={busy}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        {...(initialValues ? { initialValues } : {})}
        onFinish={async (values) => {
          setBusy(true)
          try {
            const detail = await run(values)
            props.onClose()
            props.onDone(detail)
          } finally {
            setBusy(false)
          }
        }}
      >
        {children}
      </Form>
    </Modal>
  )
}

/** 一次性告知补正: the complete list at once (a case gets one); the 补正告知书 opens. */
export function SupplementModal({
  initialItems,
  taskId,
  ...props
}: ModalProps & { initialItems: string[]; taskId?: string }) {
  const [form] = Form.useForm<{ items: string[] }>()
  return (
    <CaseActionModal
      {...props}
      form={form}
      title="一次性告知补正"
      okText="出具补正告知书"
      initialValues={{ items: initialItems.length > 0 ? initialItems : [''] }}
      run={(values) =>
        runAndOpenNotice(props.caseId, 'supplement', () =>
          staffApi.requestSupplement(props.caseId, clean(values.items), taskId),
        )
      }
    >
      <p>请把需要补正的材料和内容一次写全：每件办件只能告知一次，告知后暂停计时。</p>
      <LinesField name="items" label="补正内容" addText="再加一项" />
    </CaseActionModal>
  )
}

/** 不予受理: reason and legal basis are both required; the 不予受理决定书 opens. */
export function NotAcceptModal(props: ModalProps) {
  const [form] = Form.useForm<{ reason: string; legalBasis: string }>()
  return (
    <CaseActionModal
      {...props}
      form={form}
      title="不予受理"
      okText="出具不予受理决定书"
      isDanger
      run={(values) =>
        runAndOpenNotice(props.caseId, 'non_acceptance', () =>
          staffApi.notAccept(props.caseId, values.reason.trim(), values.legalBasis.trim()),
        )
      }
    >
      <Form.Item
        name="reason"
        label="不予受理的理由"
        rules={[{ required: true, whitespace: true, message: '请写明理由' }]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="legalBasis"
        label="法律依据"
        extra="如：《中华人民共和国行政许可法》第三十二条第一款第（二）项"
        rules={[{ required: true, whitespace: true, message: '请写明法律依据' }]}
      >
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
      </Form.Item>
    </CaseActionModal>
  )
}

/** 预审退回修改: every reason on its own line, so the applicant knows exactly what to change. */
export function ReturnModal(props: ModalProps) {
  const [form] = Form.useForm<{ reasons: string[] }>()
  return (
    <CaseActionModal
      {...props}
      form={form}
      title="退回修改"
      okText="退回"
      initialValues={{ reasons: [''] }}
      run={(values) => staffApi.returnForChanges(props.caseId, clean(values.reasons))}
    >
      <LinesField name="reasons" label="退回理由" addText="再加一条理由" />
    </CaseActionModal>
  )
}

/** 送达: at the window, by post (tracking number required) or electronically. */
export function DeliveryModal(props: ModalProps) {
  const [form] = Form.useForm<{ method: 'window' | 'post' | 'electronic'; trackingNumber?: string }>()
  const method = Form.useWatch('method', form)
  return (
    <CaseActionModal
      {...props}
      form={form}
      title="送达办理结果"
      okText="确认送达"
      initialValues={{ method: 'window' }}
      run={(values) => staffApi.deliver(props.caseId, values.method, values.trackingNumber?.trim())}
    >
      <Form.Item name="method" label="送达方式">
        <Radio.Group>
          <Space orientation="vertical">
            <Radio value="window">窗口领取（申请人已当面领取）</Radio>
            <Radio value="post">邮寄</Radio>
            <Radio value="electronic">电子送达</Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {method === 'post' && (
        <Form.Item
          name="trackingNumber"
          label="邮寄单号"
          rules={[
            { required: true, message: '请填写邮寄单号' },
            { pattern: /^[A-Za-z0-9]{6,40}$/, message: '单号为 6 至 40 位字母或数字' },
          ]}
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
      )}
    </CaseActionModal>
  )
}

/** 作出决定: 准予 or 不予许可; a denial states reasons and legal basis (remedies are added by the system). */
export function DecisionModal(props: ModalProps) {
  const [form] = Form.useForm<{ decision: 'granted' | 'denied'; reasons?: string; legalBasis?: string }>()
  const decision = Form.useWatch('decision', form)
  return (
    <CaseActionModal
      {...props}
      form={form}
      title="作出决定"
      okText="确认"
      initialValues={{ decision: 'granted' }}
      run={(values) =>
        runAndOpenNotice(props.caseId, values.decision === 'granted' ? 'grant' : 'denial', () =>
          staffApi.decide(props.caseId, {
            decision: values.decision,
            ...(values.reasons?.trim() ? { reasons: values.reasons.trim() } : {}),
            ...(values.legalBasis?.trim() ? { legalBasis: values.legalBasis.trim() } : {}),
          }),
        )
      }
    >
      <Form.Item name="decision" label="决定">
        <Radio.Group optionType="button" buttonStyle="solid">
          <Radio value="granted">准予许可</Radio>
          <Radio value="denied">不予许可</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="reasons"
        label="理由"
        rules={[{ required: decision === 'denied', whitespace: true, message: '不予许可须写明理由' }]}
      >
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
      </Form.Item>
      <Form.Item
        name="legalBasis"
        label="法律依据"
        rules={[{ required: decision === 'denied', whitespace: true, message: '不予许可须写明法律依据' }]}
      >
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
      </Form.Item>
      {decision === 'denied' && <p>决定书将告知申请人：可在 60 日内申请行政复议，或在 6 个月内提起行政诉讼。</p>}
    </CaseActionModal>
  )
}
