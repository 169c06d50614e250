import { Alert, Button, Descriptions, Form, Input } from 'antd'
import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { ApiError, describeError } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { formatDay } from './case-labels.js'
import { casesApi, type LookupResult } from './cases-api.js'
import './cases.css'

const NUMBER_PATTERN = /^\d{6}-\d{8}-\d{6,9}$/

function describeLookupError(error: unknown): string {
  if (error instanceof ApiError && error.status === 429) return '查询太频繁了，请一分钟后再试。'
  if (error instanceof ApiError && error.status === 404) return '没有查到这个办件，请核对办件编号和申请人姓名（名称）。'
  return describeError(error)
}

/** `/cases/status?number=…` (the QR code of notices): case number + applicant name → item, state, key dates. */
export function CaseStatusPage() {
  const [search] = useSearchParams()
  const [form] = Form.useForm<{ number: string; name: string }>()
  const [result, setResult] = useState<LookupResult>()
  const [error, setError] = useState<string>()
  const [isBusy, setIsBusy] = useState(false)
  useDocumentTitle('办件进度查询')

  const number = search.get('number') ?? ''
  useEffect(() => {
    if (number) form.setFieldValue('number', number)
  }, [number, form])

  const look = async ({ number: value, name }: { number: string; name: string }) => {
    setIsBusy(true)
    setError(undefined)
    setResult(undefined)
    try {
      setResult(await casesApi.lookUp(value.trim(), name.trim()))
    } catch (cause) {
      setError(describeLookupError(cause))
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <div className="case-page case-status">
      <h1 className="case-title">办件进度查询</h1>
      <p className="muted">输入文书上的办件编号和申请人姓名（单位名称），查看办理进度。不显示任何个人信息。</p>
      <Form form={form} layout="vertical" onFinish={look} requiredMark={false}>
        <Form.Item
          name="number"
          label="办件编号"
          rules={[
            { required: true, message: '请输入办件编号' },
            { pattern: NUMBER_PATTERN, message: '办件编号形如 320581-20261208-000001，请核对' },
          ]}
        >
          <Input inputMode="numeric" placeholder="如 320581-20261208-000001" />
        </Form.Item>
        <Form.Item
          name="name"
          label="申请人姓名或单位名称"
          rules={[{ required: true, message: '请输入申请人姓名或单位名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isBusy} data-testid="lookup">
          查询
        </Button>
      </Form>
      {error && <Alert className="case-alert" type="warning" showIcon title={error} data-testid="lookup-error" />}
      {result && (
        <Descriptions className="case-facts" column={1} size="small" bordered data-testid="lookup-result">
          <Descriptions.Item label="事项">{result.itemName}</Descriptions.Item>
          <Descriptions.Item label="办件编号">{result.number}</Descriptions.Item>
          <Descriptions.Item label="状态">{result.stateLabel}</Descriptions.Item>
          {result.submittedAt && (
            <Descriptions.Item label="提交时间">{formatDateTime(result.submittedAt)}</Descriptions.Item>
          )}
          {result.acceptedAt && (
            <Descriptions.Item label="受理时间">{formatDateTime(result.acceptedAt)}</Descriptions.Item>
          )}
          {result.dueOn && <Descriptions.Item label="承诺办结日期">{formatDay(result.dueOn)}</Descriptions.Item>}
          {result.concludedAt && (
            <Descriptions.Item label="办结时间">{formatDateTime(result.concludedAt)}</Descriptions.Item>
          )}
        </Descriptions>
      )}
    </div>
  )
}
