import { CameraOutlined, UploadOutlined } from '@ant-design/icons'
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  List,
  Radio,
  Result,
  Space,
  Steps,
  Tag,
  Typography,
  Upload,
} from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { Link } from 'react-router-dom'
import { describeError } from '../../../../web/kit/api.js'
import { useApiData } from '../../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../../web/kit/useDocumentTitle.js'
import { findIdNumberProblem, findUsccProblem, isMobileNumber } from '../../../identity/web/index.js'
import { buildFormPrefill } from '../../application-form/form-prefill.js'
import { ApplicationForm } from '../application-form/index.js'
import { NotAcceptModal, SupplementModal } from './decision-modals.js'
import { MaterialViewer, type ViewedMaterial } from './MaterialViewer.js'
import {
  type ApplicantInput,
  type CaseDetail,
  findLatestNotice,
  noticePdfUrl,
  type PublishedItem,
  runAndOpenNotice,
  type SituationAnswers,
  staffApi,
} from './staff-api.js'
import './staff.css'
import { SituationQuestions } from '../SituationQuestions.js'
import { buildCompleteAnswers, listVisibleQuestions } from '../situation-rules.js'

type ApplicantForm = {
  kind: 'person' | 'organization'
  name: string
  idNumber?: string
  uscc?: string
  phone?: string
  address?: string
  isAgent?: boolean
  authorization?: string
  identityChecked?: boolean
}

const ID_PROBLEMS = {
  format: '身份证号码应为 18 位（最后一位可为 X）',
  birthDate: '身份证号码中的出生日期不对',
  checkDigit: '身份证号码校验位不对，请核对',
}
const USCC_PROBLEMS = {
  format: '统一社会信用代码应为 18 位数字或大写字母',
  checkDigit: '统一社会信用代码校验位不对，请核对',
}

function toApplicantInput(values: ApplicantForm): ApplicantInput {
  const phone = values.phone?.trim()
  const address = values.address?.trim()
  return {
    kind: values.kind,
    name: values.name.trim(),
    ...(values.kind === 'person' ? { idNumber: values.idNumber?.trim().toUpperCase() } : {}),
    ...(values.kind === 'organization' ? { uscc: values.uscc?.trim().toUpperCase() } : {}),
    ...(phone ? { phone } : {}),
    ...(address ? { address } : {}),
  }
}

/** Step 1: who applies, identity checked against the original papers. */
function ApplicantStep({ initial, onNext }: { initial?: ApplicantForm; onNext: (values: ApplicantForm) => void }) {
  const [form] = Form.useForm<ApplicantForm>()
  const kind = Form.useWatch('kind', form) ?? initial?.kind ?? 'person'
  const isAgent = Form.useWatch('isAgent', form) ?? false
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial ?? { kind: 'person' }}
      onFinish={onNext}
      className="cases-staff-form"
    >
      <Form.Item name="kind" label="申请人类型">
        <Radio.Group optionType="button" buttonStyle="solid">
          <Radio value="person">个人</Radio>
          <Radio value="organization">企业或其他组织</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="name"
        label={kind === 'person' ? '姓名' : '单位名称'}
        rules={[{ required: true, whitespace: true, message: kind === 'person' ? '请填写姓名' : '请填写单位名称' }]}
      >
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      {kind === 'person' ? (
        <Form.Item
          name="idNumber"
          label="居民身份证号码"
          validateTrigger={['onChange', 'onBlur']}
          normalize={(value: string) => value.toUpperCase().replace(/\s/g, '')}
          rules={[
            { required: true, message: '请填写身份证号码' },
            {
              validator: async (_rule, value: string | undefined) => {
                if (!value || value.length < 18) return
                const problem = findIdNumberProblem(value)
                if (problem) throw new Error(ID_PROBLEMS[problem])
              },
            },
            { len: 18, message: ID_PROBLEMS.format, validateTrigger: 'onBlur' },
          ]}
        >
          <Input maxLength={18} autoComplete="off" inputMode="text" />
        </Form.Item>
      ) : (
        <Form.Item
          name="uscc"
          label="统一社会信用代码"
          normalize={(value: string) => value.toUpperCase().replace(/\s/g, '')}
          rules={[
            { required: true, message: '请填写统一社会信用代码' },
            {
              validator: async (_rule, value: string | undefined) => {
                if (!value || value.length < 18) return
                const problem = findUsccProblem(value)
                if (problem) throw new Error(USCC_PROBLEMS[problem])
              },
            },
            { len: 18, message: USCC_PROBLEMS.format, validateTrigger: 'onBlur' },
          ]}
        >
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item
        name="phone"
        label="联系手机（办理进度短信发到这里）"
        rules={[
          {
            validator: async (_rule, value: string | undefined) => {
              if (value && !isMobileNumber(value.trim())) throw new Error('请填写 11 位手机号码')
            },
          },
        ]}
      >
        <Input maxLength={11} inputMode="numeric" autoComplete="off" />
      </Form.Item>
      <Form.Item name="address" label="联系地址（选填）">
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item name="isAgent" valuePropName="checked">
        <Checkbox>帮办代办：由工作人员受委托代为填报（须有授权委托书）</Checkbox>
      </Form.Item>
      {isAgent && (
        <Form.Item
          name="authorization"
          label="授权委托记录"
          extra="如：授权委托书编号、委托人签署日期、委托事项"
          rules={[{ required: true, whitespace: true, min: 2, message: '请记录授权委托书的编号和签署日期' }]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
      )}
      <Form.Item
        name="identityChecked"
        valuePropName="checked"
        rules={[
          {
            validator: async (_rule, checked) => (checked ? undefined : Promise.reject(new Error('请先核验证件原件'))),
          },
        ]}
      >
        <Checkbox>
          {kind === 'person'
            ? '已核验申请人居民身份证原件，与本人一致'
            : '已核验营业执照、经办人身份证件及授权委托书原件'}
        </Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit">
        下一步：选择事项
      </Button>
    </Form>
  )
}

/** Step 2: the item, found by its Chinese name, and the applicant's situation. */
function ItemStep({
  item,
  answers,
  onItem,
  onAnswers,
  onBack,
  onNext,
}: {
  item: PublishedItem | undefined
  answers: SituationAnswers
  onItem: (item: PublishedItem | undefined) => void
  onAnswers: (answers: SituationAnswers) => void
  onBack: () => void
  onNext: () => void
}) {
  const [query, setQuery] = useState('')
  const [loadingCode, setLoadingCode] = useState<string>()
  const results = useApiData(
    (signal) => (query ? staffApi.searchItems(query, signal) : Promise.resolve(undefined)),
    `search:${query}`,
  )
  const questions = item?.guide.situations ?? []
  const complete = buildCompleteAnswers(questions, answers)
  const unanswered = listVisibleQuestions(questions, answers).filter((q) => q.kind === 'single' && !complete[q.id])

  async function choose(code: string) {
    setLoadingCode(code)
    try {
      onItem(await staffApi.getItem(code))
      onAnswers({})
    } finally {
      setLoadingCode(undefined)
    }
  }

  if (!item)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.Search
          placeholder="输入事项名称，如：医师执业注册、食品经营许可"
          enterButton="查找"
          allowClear
          onSearch={(value) => setQuery(value.trim())}
          aria-label="查找事项"
        />
        {query && (
          <List
            loading={results.isLoading}
            locale={{ emptyText: '没有找到相符的事项，请换个说法' }}
            dataSource={results.data?.items ?? []}
            renderItem={(hit) => (
              <List.Item
                actions={[
                  <Button key="choose" type="link" loading={loadingCode === hit.code} onClick={() => choose(hit.code)}>
                    选择
                  </Button>,
                ]}
              >
                <List.Item.Meta title={hit.name} description={hit.departmentName} />
              </List.Item>
            )}
          />
        )}
        <Button onClick={onBack}>上一步</Button>
      </Space>
    )

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Space wrap>
          <Typography.Text strong>{item.guide.name}</Typography.Text>
          <Typography.Text type="secondary">{item.departmentName}</Typography.Text>
          <Button size="small" onClick={() => onItem(undefined)}>
            重新选择
          </Button>
        </Space>
      </Card>
      {item.applicationForm === null && (
        <Alert type="info" showIcon message="该事项没有申请表，登记后收取纸质申请书和材料即可。" />
      )}
      <SituationQuestions questions={questions} answers={answers} onChange={onAnswers} />
      <Space wrap>
        <Button onClick={onBack}>上一步</Button>
        <Button type="primary" disabled={unanswered.length > 0} onClick={onNext}>
          下一步：填写申请表
        </Button>
        {unanswered.length > 0 && <Typography.Text type="secondary">请先回答上面的问题</Typography.Text>}
      </Space>
    </Space>
  )
}

/** Step 4: the materials, scanned or photographed, each checked against what the situation requires. */
function MaterialsStep({
  caseId,
  nextText,
  onNext,
}: {
  caseId: string
  nextText: string
  onNext: () => Promise<void>
}) {
  const [attempt, setAttempt] = useState(0)
  const [uploading, setUploading] = useState<string>()
  const [viewed, setViewed] = useState<ViewedMaterial>()
  const [busy, setBusy] = useState(false)
  const list = useApiData((signal) => staffApi.listMaterials(caseId, signal), `materials:${caseId}:${attempt}`)
  const current = (list.data?.materials ?? []).filter((material) => !material.superseded)
  const missing = (list.data?.required ?? []).filter(
    (material) => material.requirement === 'required' && !material.isProvided,
  )

  async function upload(code: string, file: File) {
    setUploading(code)
    try {
      await staffApi.uploadMaterial(caseId, code, file)
      setAttempt((value) => value + 1)
    } finally {
      setUploading(undefined)
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {list.error ? <Alert type="error" showIcon message={describeError(list.error)} /> : null}
      <List
        loading={list.isLoading}
        dataSource={list.data?.required ?? []}
        locale={{ emptyText: '按申请人的情形，本事项无须另交材料' }}
        renderItem={(material) => {
          const files = current.filter((file) => file.materialCode === material.code)
          return (
            <List.Item className="cases-staff-material">
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={[8, 4]}>
                  <Typography.Text strong>{material.name}</Typography.Text>
                  {material.requirement === 'conditional' && <Tag>视情形</Tag>}
                  {material.isProvided ? <Tag color="green">已收</Tag> : <Tag color="orange">未收</Tag>}
                </Space>
                {files.map((file) => (
                  <Button
                    key={file.id}
                    type="link"
                    size="small"
                    onClick={() => setViewed(file)}
                    className="cases-staff-file"
                  >
                    查看 {file.fileName}
                  </Button>
                ))}
                <Space wrap>
                  <Upload
                    accept="image/*"
                    capture="environment"
                    showUploadList={false}
                    customRequest={({ file }) => void upload(material.code, file as File)}
                  >
                    <Button size="small" icon={<CameraOutlined />} loading={uploading === material.code}>
                      拍照
                    </Button>
                  </Upload>
                  <Upload
                    accept=".pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png"
                    showUploadList={false}
                    customRequest={({ file }) => void upload(material.code, file as File)}
                  >
                    <Button size="small" icon={<UploadOutlined />} loading={uploading === material.code}>
                      上传扫描件
                    </Button>
                  </Upload>
                </Space>
              </Space>
            </List.Item>
          )
        }}
      />
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={`还缺 ${missing.length} 项必要材料：${missing.map((m) => m.name).join('、')}。可以先收件，再一次性告知补正。`}
        />
      )}
      <Button
        type="primary"
        loading={busy}
        onClick={async () => {
          setBusy(true)
          try {
            await onNext()
          } finally {
            setBusy(false)
          }
        }}
      >
        {nextText}
      </Button>
      <MaterialViewer caseId={caseId} material={viewed} onClose={() => setViewed(undefined)} />
    </Space>
  )
}

type Finished = { kind: 'accepted' | 'supplement' | 'not_accepted'; detail: CaseDetail }

/** Step 5: the receipt, then 受理, 补正 or 不予受理 on the spot. */
function DecisionStep({
  registered,
  onFinished,
}: {
  registered: CaseDetail
  onFinished: (finished: Finished) => void
}) {
  const caseId = registered.id
  const receipt = useApiData((signal) => findLatestNoticeWithSignal(caseId, signal), `receipt:${caseId}`)
  const materials = useApiData((signal) => staffApi.listMaterials(caseId, signal), `decision-materials:${caseId}`)
  const missing = (materials.data?.required ?? []).filter((m) => m.requirement === 'required' && !m.isProvided)
  const [busy, setBusy] = useState(false)
  const [modal, setModal] = useState<'supplement' | 'not_accept'>()

  async function accept() {
    setBusy(true)
    try {
      const detail = await runAndOpenNotice(caseId, 'acceptance', () => staffApi.accept(caseId))
      onFinished({ kind: 'accepted', detail })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Alert
        type="success"
        showIcon
        message={`已收件，办件编号 ${registered.number}`}
        description="请打印收件凭证交申请人，再决定是否当场受理。"
      />
      <Space wrap>
        <Button
          href={receipt.data ? noticePdfUrl(caseId, receipt.data.id) : undefined}
          target="_blank"
          rel="noopener"
          disabled={!receipt.data}
          loading={receipt.isLoading}
        >
          打印收件凭证
        </Button>
      </Space>
      {missing.length > 0 && (
        <Alert type="warning" showIcon message={`必要材料尚缺：${missing.map((m) => m.name).join('、')}`} />
      )}
      <Space wrap>
        <Button type="primary" loading={busy} onClick={accept} disabled={registered.state !== 'submitted'}>
          受理
        </Button>
        <Button onClick={() => setModal('supplement')}>一次性告知补正</Button>
        <Button danger onClick={() => setModal('not_accept')}>
          不予受理
        </Button>
      </Space>
      <SupplementModal
        open={modal === 'supplement'}
        caseId={caseId}
        initialItems={missing.map((m) => `${m.name}`)}
        onClose={() => setModal(undefined)}
        onDone={(detail) => onFinished({ kind: 'supplement', detail })}
      />
      <NotAcceptModal
        open={modal === 'not_accept'}
        caseId={caseId}
        onClose={() => setModal(undefined)}
        onDone={(detail) => onFinished({ kind: 'not_accepted', detail })}
      />
    </Space>
  )
}

async function findLatestNoticeWithSignal(caseId: string, _signal: AbortSignal) {
  // The receipt is drawn after the registration commits; it is listed at once.
  return (await findLatestNotice(caseId, 'receipt')) ?? null
}

const FINISHED_TEXT: Record<Finished['kind'], { title: string; text: string }> = {
  accepted: { title: '已受理', text: '受理通知书已在新标签页打开，请打印交申请人。' },
  supplement: { title: '已一次性告知补正', text: '补正告知书已在新标签页打开；申请人补齐后办件恢复办理。' },
  not_accepted: { title: '不予受理', text: '不予受理决定书已在新标签页打开，请打印交申请人。' },
}

/** `/workbench/cases/window`: 一窗受理 — register a walk-in applicant's case, print the receipt, decide on the spot. */
export function WindowPage() {
  useDocumentTitle('一窗受理')
  const [step, setStep] = useState(0)
  const [applicant, setApplicant] = useState<ApplicantForm>()
  const [item, setItem] = useState<PublishedItem>()
  const [answers, setAnswers] = useState<SituationAnswers>({})
  const [formData, setFormData] = useState<Record<string, unknown>>({})
  const [registered, setRegistered] = useState<CaseDetail>()
  const [finished, setFinished] = useState<Finished>()
  const [isRegistering, setIsRegistering] = useState(false)
  const applicationForm = item?.applicationForm ?? null

  // 一次录入、多次复用: the identity checked at the window fills the form's applicant fields.
  const prefill = useMemo(() => {
    if (!applicationForm || !applicant) return {}
    const input = toApplicantInput(applicant)
    return buildFormPrefill(applicationForm, {
      profile:
        input.kind === 'person'
          ? { kind: 'person', name: input.name, idNumber: input.idNumber, phone: input.phone }
          : { kind: 'organization', name: input.name, uscc: input.uscc, phone: input.phone },
    })
  }, [applicationForm, applicant])
  useEffect(() => setFormData(prefill), [prefill])

  function reset() {
    setStep(0)
    setApplicant(undefined)
    setItem(undefined)
    setAnswers({})
    setRegistered(undefined)
    setFinished(undefined)
  }

  async function register(data: Record<string, unknown>) {
    if (!applicant || !item) return
    setIsRegistering(true)
    try {
      const base = {
        itemCode: item.code,
        applicant: toApplicantInput(applicant),
        answers: buildCompleteAnswers(item.guide.situations ?? [], answers),
        ...(applicationForm ? { formData: data } : {}),
      }
      const detail = applicant.isAgent
        ? await staffApi.fileAsAgent({ ...base, authorization: applicant.authorization?.trim() ?? '' })
        : await staffApi.registerAtWindow({ ...base, identityChecked: true })
      setRegistered(detail)
      setStep(3)
    } finally {
      setIsRegistering(false)
    }
  }

  async function afterMaterials() {
    if (!registered) return
    // 帮办代办 files a draft: submitting it issues the receipt like a window registration.
    if (registered.state === 'draft') setRegistered(await staffApi.submit(registered.id))
    setStep(4)
  }

  return (
    <div className="cases-staff-page">
      <Typography.Title level={3}>一窗受理</Typography.Title>
      <Steps
        current={finished ? 5 : step}
        size="small"
        className="cases-staff-steps"
        items={[{ title: '申请人' }, { title: '事项' }, { title: '申请表' }, { title: '材料' }, { title: '收件受理' }]}
      />
      <Card className="cases-staff-card">
        {finished ? (
          <Result
            status={finished.kind === 'not_accepted' ? 'warning' : 'success'}
            title={FINISHED_TEXT[finished.kind].title}
            subTitle={`办件编号 ${finished.detail.number}。${FINISHED_TEXT[finished.kind].text}`}
            extra={[
              <Link key="file" to={`/workbench/cases/${finished.detail.id}`}>
                <Button>查看案卷</Button>
              </Link>,
              <Button key="next" type="primary" onClick={reset}>
                登记下一件
              </Button>,
            ]}
          />
        ) : step === 0 ? (
          <ApplicantStep
            initial={applicant}
            onNext={(values) => {
              setApplicant(values)
              setStep(1)
            }}
          />
        ) : step === 1 ? (
          <ItemStep
            item={item}
            answers={answers}
            onItem={setItem}
            onAnswers={setAnswers}
            onBack={() => setStep(0)}
            onNext={() => setStep(2)}
          />
        ) : step === 2 && item ? (
          applicationForm ? (
            <ApplicationForm form={applicationForm} value={formData} onChange={setFormData} onSubmit={register}>
              <Space wrap>
                <Button onClick={() => setStep(1)}>上一步</Button>
                <Button type="primary" htmlType="submit" loading={isRegistering}>
                  {applicant?.isAgent ? '保存并收取材料' : '登记收件'}
                </Button>
              </Space>
            </ApplicationForm>
          ) : (
            <Space wrap>
              <Button onClick={() => setStep(1)}>上一步</Button>
              <Button type="primary" loading={isRegistering} onClick={() => register({})}>
                {applicant?.isAgent ? '保存并收取材料' : '登记收件'}
              </Button>
            </Space>
          )
        ) : step === 3 && registered ? (
          <MaterialsStep
            caseId={registered.id}
            nextText={registered.state === 'draft' ? '代为提交申请' : '下一步：收件受理'}
            onNext={afterMaterials}
          />
        ) : registered ? (
          <DecisionStep registered={registered} onFinished={setFinished} />
        ) : null}
      </Card>
      {registered && !finished && step === 3 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          办件编号 {registered.number}（{registered.itemName}）
        </Typography.Paragraph>
      )}
    </div>
  )
}
