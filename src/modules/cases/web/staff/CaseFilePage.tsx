import { CheckCircleFilled, CloseCircleFilled, EyeOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useParams } from 'react-router-dom'
import { describeError } from '../../../../web/kit/api.js'
import { formatDateTime } from '../../../../web/kit/format.js'
import { NotFoundPage } from '../../../../web/kit/layout/StatusPages.js'
import { PageLoading } from '../../../../web/kit/lazy-page.js'
import { hasPermission, useSession } from '../../../../web/kit/session/useSession.js'
import { useApiData } from '../../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../../web/kit/useDocumentTitle.js'
import { CaseClock, CaseStateTag, WarningTag } from './case-ui.js'
import { DecisionModal, DeliveryModal, NotAcceptModal, ReturnModal, SupplementModal } from './decision-modals.js'
import { FormFieldsView } from './FormFieldsView.js'
import { MaterialViewer, type ViewedMaterial } from './MaterialViewer.js'
import {
  type CaseFile,
  noticePdfUrl,
  type RevealedApplicantData,
  runAndOpenNotice,
  staffApi,
  type WorkflowTask,
} from './staff-api.js'
import './staff.css'

const OUTCOMES = [
  { value: 'agree', label: '同意' },
  { value: 'disagree', label: '不同意' },
  { value: 'return', label: '退回' },
] as const
type Outcome = (typeof OUTCOMES)[number]['value']
const OUTCOME_COLORS: Record<string, string> = { agree: 'green', disagree: 'red', return: 'orange' }

/** 申请人: masked; the full data only after a stated reason, which is audited. */
function ApplicantCard({
  file,
  revealed,
  onRevealed,
}: {
  file: CaseFile
  revealed: RevealedApplicantData | undefined
  onRevealed: (revealed: RevealedApplicantData) => void
}) {
  const { applicant } = file
  const [isAsking, setIsAsking] = useState(false)
  const [form] = Form.useForm<{ reason: string }>()
  const [busy, setBusy] = useState(false)
  const isPerson = applicant.kind === 'person'
  return (
    <Card
      title="申请人"
      size="small"
      className="cases-staff-section"
      extra={
        !revealed && (
          <Button size="small" icon={<EyeOutlined />} onClick={() => setIsAsking(true)}>
            查看
          </Button>
        )
      }
    >
      <Descriptions column={1} size="small" className="cases-staff-word-break">
        <Descriptions.Item label={isPerson ? '姓名' : '单位名称'}>{revealed?.name ?? applicant.name}</Descriptions.Item>
        {isPerson ? (
          <Descriptions.Item label="身份证号码">
            {revealed?.idNumber ?? applicant.maskedIdNumber ?? '未登记'}
          </Descriptions.Item>
        ) : (
          <Descriptions.Item label="统一社会信用代码">{revealed?.uscc ?? applicant.uscc ?? '未登记'}</Descriptions.Item>
        )}
        <Descriptions.Item label="联系手机">{revealed?.phone ?? applicant.maskedPhone ?? '未登记'}</Descriptions.Item>
        <Descriptions.Item label="联系地址">
          {revealed?.address ?? applicant.maskedAddress ?? '未登记'}
        </Descriptions.Item>
        <Descriptions.Item label="办理方式">
          {file.channel === 'window' ? '窗口收件' : file.channel === 'agent' ? '帮办代办' : '网上申请'}
          {file.isFiledForApplicant ? '（代为申请）' : ''}
          {applicant.hasAccount ? '，申请人已注册账户' : ''}
        </Descriptions.Item>
      </Descriptions>
      {revealed && <Typography.Text type="secondary">完整信息的查看已记录在审计日志中。</Typography.Text>}
      <Modal
        open={isAsking}
        title="查看申请人完整信息"
        okText="查看"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setIsAsking(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={async ({ reason }) => {
            setBusy(true)
            try {
              onRevealed(await staffApi.revealApplicant(file.id, reason.trim()))
              setIsAsking(false)
            } finally {
              setBusy(false)
            }
          }}
        >
          <p>完整的身份证号码、手机和地址属个人信息，查看将记入审计日志。</p>
          <Form.Item
            name="reason"
            label="查看理由"
            rules={[{ required: true, whitespace: true, message: '请写明理由' }]}
          >
            <Input maxLength={200} placeholder="如：核对申请表中的身份证号码" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}

/** 申请表: the filled form as read-only fields with their Chinese labels. */
function FormCard({ file, revealed }: { file: CaseFile; revealed: RevealedApplicantData | undefined }) {
  const item = useApiData((signal) => staffApi.getItem(file.itemCode, signal), `item:${file.itemCode}`)
  const form = item.data?.applicationForm
  return (
    <Card title="申请表" size="small" className="cases-staff-section">
      {item.isLoading ? (
        <PageLoading />
      ) : form ? (
        <FormFieldsView form={form} data={revealed?.formData ?? file.formData} />
      ) : (
        <Empty description="该事项没有网上申请表（以纸质申请书为准）" />
      )}
    </Card>
  )
}

function MaterialsCard({ file }: { file: CaseFile }) {
  const list = useApiData((signal) => staffApi.listMaterials(file.id, signal), `file-materials:${file.id}`)
  const [viewed, setViewed] = useState<ViewedMaterial>()
  const current = (list.data?.materials ?? []).filter((material) => !material.superseded)
  return (
    <Card title="申请材料" size="small" className="cases-staff-section">
      {list.error ? <Alert type="error" showIcon message={describeError(list.error)} /> : null}
      <List
        loading={list.isLoading}
        dataSource={list.data?.required ?? []}
        locale={{ emptyText: '本事项无须提交材料' }}
        renderItem={(material) => (
          <List.Item>
            <Space orientation="vertical" size={2} className="cases-staff-list-item">
              <Space wrap size={[8, 4]}>
                <Typography.Text>{material.name}</Typography.Text>
                {material.requirement === 'conditional' && <Tag>视情形</Tag>}
                {material.isProvided ? <Tag color="green">已提交</Tag> : <Tag color="orange">未提交</Tag>}
              </Space>
              {current
                .filter((upload) => upload.materialCode === material.code)
                .map((upload) => (
                  <Button
                    key={upload.id}
                    type="link"
                    size="small"
                    className="cases-staff-file"
                    onClick={() => setViewed(upload)}
                  >
                    查看 {upload.fileName}
                  </Button>
                ))}
            </Space>
          </List.Item>
        )}
      />
      <MaterialViewer caseId={file.id} material={viewed} onClose={() => setViewed(undefined)} />
    </Card>
  )
}

function PreReviewCard({ file }: { file: CaseFile }) {
  return (
    <Card title="智能预审" size="small" className="cases-staff-section">
      {file.preReview === null ? (
        <Typography.Text type="secondary">尚未进行智能预审。</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={file.preReview}
          renderItem={(check) => (
            <List.Item>
              <Space align="start">
                {check.passed ? (
                  <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="通过" />
                ) : (
                  <CloseCircleFilled style={{ color: '#ff4d4f' }} aria-label="未通过" />
                )}
                <span>{check.message}</span>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  )
}

function OpinionsCard({ file }: { file: CaseFile }) {
  return (
    <Card title="审查意见" size="small" className="cases-staff-section">
      <List
        size="small"
        dataSource={file.opinions}
        locale={{ emptyText: '尚无审查意见' }}
        renderItem={(opinion) => (
          <List.Item>
            <Space orientation="vertical" size={2} className="cases-staff-list-item">
              <Space wrap size={[8, 4]}>
                <Tag color={OUTCOME_COLORS[opinion.outcome]}>{opinion.outcomeLabel}</Tag>
                <Typography.Text strong>{opinion.reviewerName}</Typography.Text>
                {opinion.taskName && <Typography.Text type="secondary">{opinion.taskName}</Typography.Text>}
              </Space>
              <Typography.Text>{opinion.opinion}</Typography.Text>
              <Typography.Text type="secondary">{formatDateTime(opinion.createdAt)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  )
}

function TimelineCard({ file }: { file: CaseFile }) {
  return (
    <Card title="办理过程" size="small" className="cases-staff-section">
      <Timeline
        items={file.timeline.map((entry) => ({
          key: `${entry.at}-${entry.action}`,
          content: (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>{entry.actionLabel}</Typography.Text>
              <Typography.Text type="secondary">
                {formatDateTime(entry.at)}
                {entry.actorName ? ` · ${entry.actorName}` : ''}
              </Typography.Text>
              {entry.reason && <Typography.Text>理由：{entry.reason}</Typography.Text>}
              {entry.legalBasis && <Typography.Text>依据：{entry.legalBasis}</Typography.Text>}
            </Space>
          ),
        }))}
      />
    </Card>
  )
}

function NoticesCard({ file }: { file: CaseFile }) {
  const notices = useApiData((signal) => staffApi.listNotices(file.id, signal), `notices:${file.id}:${file.revision}`)
  return (
    <Card title="文书" size="small" className="cases-staff-section">
      <List
        size="small"
        loading={notices.isLoading}
        dataSource={notices.data ?? []}
        locale={{ emptyText: '尚未出具文书' }}
        renderItem={(notice) => (
          <List.Item>
            <Space orientation="vertical" size={0} className="cases-staff-list-item">
              <a href={noticePdfUrl(file.id, notice.id)} target="_blank" rel="noopener noreferrer">
                {notice.title}
              </a>
              <Typography.Text type="secondary">{formatDateTime(notice.issuedAt)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  )
}

/** 审查: outcome and opinion, with the department's 常用意见 to pick from; completes the open task. */
function ReviewCard({ file, task, onDone }: { file: CaseFile; task: WorkflowTask | undefined; onDone: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ outcome: Outcome; opinion: string }>()
  const opinions = useApiData((signal) => staffApi.listCommonOpinions(signal), 'common-opinions')
  const [busy, setBusy] = useState(false)
  return (
    <Card title={task ? `审查：${task.name}` : '审查'} size="small" className="cases-staff-section">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'agree' }}
        onFinish={async (values) => {
          setBusy(true)
          try {
            if (task && !task.assigneeId) await staffApi.claimTask(task.id)
            await staffApi.recordReview(file.id, {
              ...(task ? { taskId: task.id } : {}),
              outcome: values.outcome,
              opinion: values.opinion.trim(),
            })
            message.success('审查意见已提交')
            form.resetFields()
            onDone()
          } finally {
            setBusy(false)
          }
        }}
      >
        <Form.Item name="outcome" label="审查结论">
          <Radio.Group optionType="button" buttonStyle="solid" options={OUTCOMES.map((o) => ({ ...o }))} />
        </Form.Item>
        {(opinions.data?.length ?? 0) > 0 && (
          <Form.Item label="常用意见">
            <Select
              placeholder="选择一条常用意见填入"
              options={(opinions.data ?? []).map((o) => ({ value: o.text, label: o.text }))}
              onChange={(text: string) => form.setFieldValue('opinion', text)}
              aria-label="常用意见"
            />
          </Form.Item>
        )}
        <Form.Item
          name="opinion"
          label="审查意见"
          rules={[{ required: true, whitespace: true, message: '请填写审查意见' }]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          提交审查意见
        </Button>
      </Form>
    </Card>
  )
}

type ModalName = 'supplement' | 'not_accept' | 'return' | 'delivery' | 'decision'

/** What a handler can do with the case in its present state. */
function ActionsCard({ file, task, onDone }: { file: CaseFile; task: WorkflowTask | undefined; onDone: () => void }) {
  const session = useSession()
  const { message } = App.useApp()
  const [modal, setModal] = useState<ModalName>()
  const [busy, setBusy] = useState<string>()
  const mayDecide = hasPermission(session, 'cases.decide')
  const run = async (name: string, step: () => Promise<unknown>, done: string) => {
    setBusy(name)
    try {
      await step()
      message.success(done)
      onDone()
    } finally {
      setBusy(undefined)
    }
  }
  const inReview = file.state === 'accepted' || file.state === 'under_review'
  const buttons = [
    file.state === 'submitted' && file.channel === 'online' && (
      <Button
        key="pass"
        loading={busy === 'pass'}
        onClick={() => run('pass', () => staffApi.passPreReview(file.id), '预审通过')}
      >
        预审通过
      </Button>
    ),
    file.state === 'submitted' && file.channel === 'online' && (
      <Button key="return" onClick={() => setModal('return')}>
        退回修改
      </Button>
    ),
    file.state === 'submitted' && (
      <Button
        key="accept"
        type="primary"
        loading={busy === 'accept'}
        onClick={() =>
          run('accept', () => runAndOpenNotice(file.id, 'acceptance', () => staffApi.accept(file.id)), '已受理')
        }
      >
        受理
      </Button>
    ),
    (file.state === 'submitted' || inReview) && file.supplementItems.length === 0 && (
      <Button key="supplement" onClick={() => setModal('supplement')}>
        一次性告知补正
      </Button>
    ),
    file.state === 'submitted' && (
      <Button key="not-accept" danger onClick={() => setModal('not_accept')}>
        不予受理
      </Button>
    ),
    inReview && mayDecide && (
      <Button key="decide" type="primary" onClick={() => setModal('decision')}>
        作出决定
      </Button>
    ),
    ['granted', 'denied', 'not_accepted'].includes(file.state) && (
      <Button
        key="conclude"
        type="primary"
        loading={busy === 'conclude'}
        onClick={() => run('conclude', () => staffApi.conclude(file.id), '已办结')}
      >
        办结
      </Button>
    ),
    file.state === 'concluded' && (
      <Button key="deliver" type="primary" onClick={() => setModal('delivery')}>
        送达结果
      </Button>
    ),
  ].filter(Boolean)
  if (buttons.length === 0) return null
  const close = () => setModal(undefined)
  return (
    <Card title="办理" size="small" className="cases-staff-section">
      <Space wrap>{buttons}</Space>
      <SupplementModal
        open={modal === 'supplement'}
        caseId={file.id}
        initialItems={[]}
        taskId={task?.id}
        onClose={close}
        onDone={onDone}
      />
      <NotAcceptModal open={modal === 'not_accept'} caseId={file.id} onClose={close} onDone={onDone} />
      <ReturnModal open={modal === 'return'} caseId={file.id} onClose={close} onDone={onDone} />
      <DeliveryModal open={modal === 'delivery'} caseId={file.id} onClose={close} onDone={onDone} />
      <DecisionModal open={modal === 'decision'} caseId={file.id} onClose={close} onDone={onDone} />
    </Card>
  )
}

/** `/workbench/cases/:caseId`: the case file (案卷) a handler works from. */
export function CaseFilePage() {
  const { caseId = '' } = useParams()
  const [attempt, setAttempt] = useState(0)
  const [revealed, setRevealed] = useState<RevealedApplicantData>()
  const file = useApiData((signal) => staffApi.getCaseFile(caseId, signal), `case-file:${caseId}:${attempt}`)
  const tasks = useApiData((signal) => staffApi.listOpenTasks(signal), `case-tasks:${caseId}:${attempt}`)
  useDocumentTitle(file.data ? `案卷 ${file.data.number}` : '案卷')
  if (file.error && (file.error as { status?: number }).status === 404) return <NotFoundPage />
  if (file.error) return <Alert type="error" showIcon message={describeError(file.error)} />
  if (!file.data) return <PageLoading />
  const data = file.data
  const ofCase = (list: WorkflowTask[] | undefined) =>
    (list ?? []).find((task) => task.businessKey === data.id && task.state === 'open')
  const task = ofCase(tasks.data?.mine) ?? ofCase(tasks.data?.unclaimed)
  const inReview = data.state === 'accepted' || data.state === 'under_review'
  // Items without a process are reviewed by their department directly; with one, only the holder of a task reviews.
  const mayReview = inReview && (task !== undefined || data.processInstanceId === null)
  const reload = () => setAttempt((value) => value + 1)
  return (
    <div className="cases-staff-page">
      <div className="cases-staff-header">
        <Typography.Title level={3}>{data.itemName}</Typography.Title>
        <CaseStateTag state={data.state} label={data.stateLabel} />
        <WarningTag level={data.warningLevel} />
      </div>
      <Typography.Paragraph type="secondary">
        办件编号 {data.number}
        {data.submittedAt ? ` · 提交于 ${formatDateTime(data.submittedAt)}` : ''}
      </Typography.Paragraph>
      {data.clock && (
        <Card size="small" className="cases-staff-section" title="办理时限">
          <CaseClock clock={data.clock} />
        </Card>
      )}
      {data.supplementItems.length > 0 && (
        <Alert
          className="cases-staff-section"
          type="warning"
          showIcon
          message="已一次性告知补正"
          description={
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              {data.supplementItems.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ol>
          }
        />
      )}
      {mayReview && <ReviewCard file={data} task={task} onDone={reload} />}
      <ActionsCard file={data} task={task} onDone={reload} />
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <ApplicantCard file={data} revealed={revealed} onRevealed={setRevealed} />
          <FormCard file={data} revealed={revealed} />
          <MaterialsCard file={data} />
        </Col>
        <Col xs={24} lg={9}>
          <PreReviewCard file={data} />
          <OpinionsCard file={data} />
          <NoticesCard file={data} />
          <TimelineCard file={data} />
        </Col>
      </Row>
    </div>
  )
}
