import { FilePdfOutlined } from '@ant-design/icons'
import { Alert, Button, Descriptions, Input, Modal, Skeleton, Tag, Timeline } from 'antd'
import { useState } from 'react'
import { Link, Navigate, useLocation, useParams } from 'react-router-dom'
import { describeError } from '../../../web/kit/api.js'
import { formatDateTime } from '../../../web/kit/format.js'
import { LinkButton } from '../../../web/kit/layout/LinkButton.js'
import { useSession } from '../../../web/kit/session/useSession.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { DELIVERY_LABELS, formatDay, stateColor, WITHDRAWABLE } from './case-labels.js'
import { type CaseDetail, casesApi } from './cases-api.js'
import { MaterialsPanel } from './MaterialsPanel.js'
import './cases.css'

/** `/my/cases/:caseId`: state, what to do now, timeline, notices, supplement, withdrawal, result and delivery. */
export function CaseDetailPage() {
  const { account, status } = useSession()
  const location = useLocation()
  if (status === 'loading') return <Skeleton className="case-page" active />
  if (!account) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />
  return <CaseDetailView />
}

function CaseDetailView() {
  const { caseId = '' } = useParams()
  const location = useLocation()
  const [version, setVersion] = useState(0)
  const { data, error, isLoading } = useApiData((signal) => casesApi.getCase(caseId, signal), `${caseId}#${version}`)
  const notices = useApiData(
    (signal) => casesApi.listNotices(caseId, signal).catch(() => []),
    `${caseId}#notices#${version}`,
  )
  useDocumentTitle(data ? `办件详情 - ${data.itemName}` : '办件详情')
  const reload = () => setVersion((value) => value + 1)

  if (isLoading && !data) return <Skeleton className="case-page" active paragraph={{ rows: 10 }} />
  if (error || !data)
    return (
      <div className="case-page">
        <Alert
          type="warning"
          showIcon
          title="没有找到这个办件。"
          description={<Link to="/my/cases">回到我的办件</Link>}
        />
      </div>
    )
  const justSubmitted = (location.state as { justSubmitted?: boolean } | null)?.justSubmitted
  return (
    <div className="case-page case-detail">
      <p className="muted case-breadcrumb">
        <Link to="/my/cases">我的办件</Link> · 办件详情
      </p>
      <h1 className="case-title" data-testid="case-title">
        {data.itemName}
      </h1>
      <p>
        <Tag color={stateColor(data.state)} data-testid="case-state">
          {data.stateLabel}
        </Tag>
        <span className="muted">办件编号 {data.number}</span>
      </p>
      {justSubmitted && (
        <Alert
          className="case-alert"
          type="success"
          showIcon
          title="申请已提交"
          description={`请记下办件编号 ${data.number}，收件凭证已生成，可在下方“文书”中查看。`}
        />
      )}
      {data.nextStep && (
        <Alert className="case-alert" type="info" showIcon title={data.nextStep} data-testid="next-step" />
      )}

      <Descriptions className="case-facts" column={1} size="small" bordered>
        <Descriptions.Item label="申请人">{data.applicant.name}</Descriptions.Item>
        {data.submittedAt && <Descriptions.Item label="提交时间">{formatDateTime(data.submittedAt)}</Descriptions.Item>}
        {data.clock && <Descriptions.Item label="受理日期">{formatDay(data.clock.acceptedOn)}</Descriptions.Item>}
        {data.dueOn && (
          <Descriptions.Item label="承诺办结日期">
            {formatDay(data.dueOn)}
            {data.clock?.isPaused && '（补正或特别程序期间暂停计时）'}
          </Descriptions.Item>
        )}
      </Descriptions>

      {data.state === 'returned' && <ReturnedSection detail={data} />}
      {data.state === 'supplement_requested' && <SupplementSection detail={data} onDone={reload} />}
      {(data.decision || data.deliveryMethod) && <ResultSection detail={data} />}

      <h2 className="case-subtitle">文书</h2>
      {notices.data && notices.data.length > 0 ? (
        <ul className="case-notices" data-testid="case-notices">
          {notices.data.map((notice) => (
            <li key={notice.id}>
              <a href={casesApi.noticePdfUrl(data.id, notice.id)} target="_blank" rel="noreferrer">
                <FilePdfOutlined aria-hidden /> {notice.title}
              </a>
              <span className="muted"> {formatDateTime(notice.issuedAt)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          {data.state === 'draft' ? '提交后在这里查看收件凭证等文书。' : '文书生成后在这里查看。'}
        </p>
      )}

      <h2 className="case-subtitle">办理进度</h2>
      <Timeline
        className="case-timeline"
        data-testid="case-timeline"
        items={[...data.timeline].reverse().map((entry) => ({
          key: `${entry.at}-${entry.action}`,
          content: (
            <div className="case-event">
              <strong>{entry.actionLabel}</strong>
              <div className="muted">
                {formatDateTime(entry.at)}
                {entry.actorName && ` · ${entry.actorName}`}
              </div>
              {entry.reason && <div>理由：{entry.reason}</div>}
              {entry.legalBasis && <div>依据：{entry.legalBasis}</div>}
            </div>
          ),
        }))}
      />

      {WITHDRAWABLE.has(data.state) && <WithdrawButton detail={data} onDone={reload} />}
    </div>
  )
}

function ReturnedSection({ detail }: { detail: CaseDetail }) {
  return (
    <section className="case-section">
      <h2 className="case-subtitle">退回修改</h2>
      <p>请按进度中的退回理由修改申请，然后重新提交。</p>
      <LinkButton type="primary" to={`/cases/apply/${encodeURIComponent(detail.itemCode)}?case=${detail.id}`}>
        修改申请
      </LinkButton>
    </section>
  )
}

function SupplementSection({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const [error, setError] = useState<string>()
  const [isBusy, setIsBusy] = useState(false)
  return (
    <section className="case-section" data-testid="supplement">
      <h2 className="case-subtitle">需要补正的材料</h2>
      <p>审批部门一次性告知您补正以下内容，补齐后点“补正完成”，办理继续、计时恢复：</p>
      <ol>
        {detail.supplementItems.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ol>
      <MaterialsPanel caseId={detail.id} />
      {error && <Alert type="error" showIcon title={error} />}
      <Button
        type="primary"
        loading={isBusy}
        onClick={async () => {
          setIsBusy(true)
          try {
            await casesApi.supplementDone(detail.id)
            onDone()
          } catch (cause) {
            setError(describeError(cause))
          } finally {
            setIsBusy(false)
          }
        }}
      >
        补正完成
      </Button>
    </section>
  )
}

function ResultSection({ detail }: { detail: CaseDetail }) {
  return (
    <section className="case-section" data-testid="case-result">
      <h2 className="case-subtitle">办理结果</h2>
      <Descriptions column={1} size="small" bordered>
        {detail.decision && (
          <Descriptions.Item label="决定">{detail.decision === 'granted' ? '准予许可' : '不予许可'}</Descriptions.Item>
        )}
        {detail.decisionReasons && <Descriptions.Item label="理由">{detail.decisionReasons}</Descriptions.Item>}
        {detail.decisionLegalBasis && <Descriptions.Item label="依据">{detail.decisionLegalBasis}</Descriptions.Item>}
        {detail.remedies && <Descriptions.Item label="救济途径">{detail.remedies}</Descriptions.Item>}
        {detail.deliveryMethod && (
          <Descriptions.Item label="送达方式">
            {DELIVERY_LABELS[detail.deliveryMethod] ?? '已送达'}
            {detail.deliveryTrackingNumber && `（邮寄单号 ${detail.deliveryTrackingNumber}）`}
          </Descriptions.Item>
        )}
      </Descriptions>
    </section>
  )
}

function WithdrawButton({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const [isOpen, setIsOpen] = useState(false)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string>()
  const [isBusy, setIsBusy] = useState(false)
  return (
    <>
      <Button className="case-withdraw" danger onClick={() => setIsOpen(true)} data-testid="withdraw">
        撤回申请
      </Button>
      <Modal
        open={isOpen}
        title="确定撤回这份申请吗？"
        okText="确定撤回"
        okButtonProps={{ danger: true, loading: isBusy }}
        cancelText="不撤回"
        onCancel={() => setIsOpen(false)}
        onOk={async () => {
          setIsBusy(true)
          try {
            await casesApi.withdraw(detail.id, note.trim() || undefined)
            setIsOpen(false)
            onDone()
          } catch (cause) {
            setError(describeError(cause))
          } finally {
            setIsBusy(false)
          }
        }}
      >
        <p>撤回后办理终止，如仍需办理须重新申请。</p>
        <Input.TextArea
          value={note}
          onChange={(event) => setNote(event.target.value)}
          placeholder="撤回原因（可不填）"
          maxLength={2000}
          rows={3}
        />
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </>
  )
}
