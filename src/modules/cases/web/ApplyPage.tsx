import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons'
import { Alert, Button, Skeleton, Steps } from 'antd'
import { useMemo, useRef, useState } from 'react'
import { Link, Navigate, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom'
import { ApiError, describeError } from '../../../web/kit/api.js'
import { useSession } from '../../../web/kit/session/useSession.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import { buildFormPrefill } from '../application-form/form-prefill.js'
import { ApplicationForm } from './application-form/ApplicationForm.js'
import type { FormProblem } from './application-form/index.js'
import {
  type CaseDetail,
  type CaseMaterialList,
  casesApi,
  newIdempotencyKey,
  type PublishedItemView,
  type SituationAnswers,
} from './cases-api.js'
import { MaterialsPanel } from './MaterialsPanel.js'
import { SituationQuestions } from './SituationQuestions.js'
import { buildCompleteAnswers, listVisibleQuestions } from './situation-rules.js'
import './cases.css'

const STEPS = [{ title: '选择情形' }, { title: '填写申请表' }, { title: '上传材料' }, { title: '预审并提交' }]

type Check = { key: string; passed: boolean; message: string }

function readProblems(error: unknown): FormProblem[] {
  if (!(error instanceof ApiError)) return []
  const details = error.details as { problems?: FormProblem[] } | FormProblem[] | undefined
  const list = Array.isArray(details) ? details : details?.problems
  return Array.isArray(list) ? list.filter((problem) => typeof problem?.message === 'string') : []
}

/** `/cases/apply/:itemCode[?case=…]`: situations → form → materials → pre-review → submit; a draft resumes anywhere. */
export function ApplyPage() {
  const { account, status } = useSession()
  const location = useLocation()
  if (status === 'loading') return <Skeleton active paragraph={{ rows: 6 }} />
  if (!account)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
  return <ApplyWizard />
}

function ApplyWizard() {
  const { itemCode = '' } = useParams()
  const [search, setSearch] = useSearchParams()
  const caseId = search.get('case') ?? undefined
  // The draft this page created: its id goes into the address (for reload and 我的办件) without reloading it.
  const [createdId, setCreatedId] = useState<string>()
  const loadId = caseId && caseId !== createdId ? caseId : undefined
  const item = useApiData((signal) => casesApi.getItem(itemCode, signal), itemCode)
  const draft = useApiData(
    (signal) => (loadId ? casesApi.getCase(loadId, signal) : Promise.resolve(undefined)),
    loadId ?? '',
  )
  useDocumentTitle(item.data ? `在线申请 - ${item.data.guide.name}` : '在线申请')

  if (item.isLoading || (loadId && draft.isLoading))
    return <Skeleton className="case-page" active paragraph={{ rows: 8 }} />
  if (item.error || !item.data)
    return (
      <div className="case-page">
        <Alert type="warning" showIcon title="没有找到这个事项，或它已停止办理。" />
      </div>
    )
  if (loadId && (draft.error || !draft.data))
    return (
      <div className="case-page">
        <Alert
          type="warning"
          showIcon
          title="没有找到这份申请。"
          description={<Link to="/my/cases">回到我的办件</Link>}
        />
      </div>
    )
  return (
    <Wizard
      key={loadId ?? 'new'}
      item={item.data}
      initial={loadId ? draft.data : undefined}
      onCreated={(created) => {
        setCreatedId(created.id)
        setSearch({ case: created.id }, { replace: true })
      }}
    />
  )
}

function Wizard({
  item,
  initial,
  onCreated,
}: {
  item: PublishedItemView
  initial: CaseDetail | undefined
  onCreated: (created: CaseDetail) => void
}) {
  const navigate = useNavigate()
  const { account } = useSession()
  const questions = item.guide.situations
  const [current, setCurrent] = useState<CaseDetail | undefined>(initial)
  const [answers, setAnswers] = useState<SituationAnswers>(initial?.answers ?? {})
  const [formData, setFormData] = useState<Record<string, unknown>>(initial?.formData ?? {})
  const [step, setStep] = useState(initial ? (item.applicationForm ? 1 : 2) : 0)
  const [problems, setProblems] = useState<FormProblem[]>([])
  const [error, setError] = useState<string>()
  const [saved, setSaved] = useState<string>()
  const [isBusy, setIsBusy] = useState(false)
  const [materials, setMaterials] = useState<CaseMaterialList>()
  // Whatever the server put into a new draft (the applicant's details, earlier applications) is its prefill.
  const [hasPrefill, setHasPrefill] = useState(false)
  const submitKey = useRef<string | undefined>(undefined)

  const complete = useMemo(() => buildCompleteAnswers(questions, answers), [questions, answers])
  const visible = listVisibleQuestions(questions, answers)
  const isAnswered = visible.every((question) => complete[question.id] !== undefined)
  const isEditable = !current || current.state === 'draft' || current.state === 'returned'

  async function run(work: () => Promise<void>) {
    setIsBusy(true)
    setError(undefined)
    setSaved(undefined)
    try {
      await work()
    } catch (cause) {
      setProblems(readProblems(cause))
      setError(describeError(cause))
    } finally {
      setIsBusy(false)
    }
  }

  async function save(body: { answers?: SituationAnswers; formData?: Record<string, unknown> }) {
    if (!current) {
      const created = await casesApi.createDraft(item.code, body.answers ?? complete)
      setCurrent(created)
      if (Object.keys(formData).length === 0) {
        // The server's prefill (profile, earlier applications) wins; else what the session itself knows for sure.
        const prefill =
          Object.keys(created.formData).length > 0 || !item.applicationForm || !account
            ? created.formData
            : buildFormPrefill(item.applicationForm, {
                profile:
                  account.kind === 'organization'
                    ? {
                        kind: 'organization',
                        name: account.displayName,
                        ...(account.uscc ? { uscc: account.uscc } : {}),
                      }
                    : { kind: 'person', name: account.displayName },
              })
        setFormData(prefill)
        setHasPrefill(Object.keys(prefill).length > 0)
      }
      onCreated(created)
      return created
    }
    const updated = await casesApi.saveDraft(current.id, { revision: current.revision, ...body })
    setCurrent(updated)
    return updated
  }

  const goToForm = () =>
    run(async () => {
      await save({ answers: complete })
      setStep(item.applicationForm ? 1 : 2)
    })

  const submit = () =>
    run(async () => {
      if (!current) return
      submitKey.current ??= newIdempotencyKey()
      const done =
        current.state === 'returned'
          ? await casesApi.resubmit(current.id)
          : await casesApi.submit(current.id, submitKey.current)
      navigate(`/my/cases/${encodeURIComponent(done.id)}`, { state: { justSubmitted: true } })
    })

  const missing = materials?.required.filter((required) => !required.isProvided) ?? []
  const checks: Check[] = [
    { key: 'situations', passed: isAnswered, message: isAnswered ? '情形问题已全部回答' : '还有情形问题没有回答' },
    ...(item.applicationForm
      ? [
          {
            key: 'form',
            passed: problems.length === 0,
            message: problems.length === 0 ? '申请表已填写完整' : '申请表还有需要修改的地方',
          },
        ]
      : []),
    ...(materials?.required ?? []).map((required) => ({
      key: `material-${required.code}`,
      passed: required.isProvided,
      message: required.isProvided ? `已上传：${required.name}` : `缺少材料：${required.name}`,
    })),
  ]
  const canSubmit = checks.every((check) => check.passed) && materials !== undefined

  return (
    <div className="case-page case-apply">
      <p className="muted case-breadcrumb">
        <Link to={`/services/items/${encodeURIComponent(item.code)}`}>{item.guide.name}</Link> · 在线申请
      </p>
      <h1 className="case-title" data-testid="apply-title">
        {item.guide.name}
      </h1>
      <p className="muted">
        受理部门：{item.departmentName}
        {current && <> · 申请已自动保存为草稿，可在“我的办件”中继续填写</>}
      </p>
      <Steps
        className="case-steps"
        size="small"
        current={step}
        items={STEPS}
        responsive={false}
        labelPlacement="vertical"
      />
      {!isEditable && (
        <Alert
          type="info"
          showIcon
          title={`这份申请${current?.stateLabel ?? ''}，不能再修改。`}
          description={current && <Link to={`/my/cases/${current.id}`}>查看办理进度</Link>}
        />
      )}
      {error && <Alert className="case-alert" type="error" showIcon title={error} data-testid="apply-error" />}
      {saved && <Alert className="case-alert" type="success" showIcon title={saved} />}

      {step === 0 && (
        <section aria-label="选择情形">
          {visible.length === 0 ? (
            <p>本事项无需回答情形问题，请直接进入下一步。</p>
          ) : (
            <p className="muted">请按您的实际情况回答，系统会据此列出您需要提交的材料。</p>
          )}
          <SituationQuestions questions={questions} answers={answers} onChange={setAnswers} />
          <div className="case-actions">
            <Button
              type="primary"
              size="large"
              disabled={!isAnswered || !isEditable}
              loading={isBusy}
              onClick={() => void goToForm()}
              data-testid="situations-next"
            >
              下一步
            </Button>
            <Link
              to={`/services/items/${encodeURIComponent(item.code)}/situations`}
              data-testid="open-notice-questions"
            >
              只想先了解要带哪些材料？生成一次性告知单
            </Link>
          </div>
        </section>
      )}

      {step === 1 && item.applicationForm && (
        <section aria-label="填写申请表" data-testid="apply-form">
          <p className="muted">
            {hasPrefill ? '已根据您的账户信息和以往申请预先填好部分内容，请核对。' : '请填写申请表，带 * 的为必填项。'}
          </p>
          <ApplicationForm
            form={item.applicationForm}
            value={formData}
            onChange={setFormData}
            problems={problems}
            readOnly={!isEditable}
            onSubmit={(data) =>
              void run(async () => {
                await save({ formData: data })
                setProblems([])
                setStep(2)
              })
            }
          >
            <div className="case-actions">
              <Button onClick={() => setStep(0)}>上一步</Button>
              <Button
                disabled={!isEditable}
                loading={isBusy}
                onClick={() =>
                  void run(async () => {
                    await save({ formData })
                    setSaved('草稿已保存，换一台设备登录后也可以继续填写。')
                  })
                }
                data-testid="save-draft"
              >
                保存草稿
              </Button>
              <Button type="primary" htmlType="submit" loading={isBusy} disabled={!isEditable} data-testid="form-next">
                下一步
              </Button>
            </div>
          </ApplicationForm>
        </section>
      )}

      {step === 2 && current && (
        <section aria-label="上传材料">
          <MaterialsPanel caseId={current.id} onChange={setMaterials} />
          <div className="case-actions">
            <Button onClick={() => setStep(item.applicationForm ? 1 : 0)}>上一步</Button>
            <Button type="primary" size="large" onClick={() => setStep(3)} data-testid="materials-next">
              下一步：预审
            </Button>
          </div>
        </section>
      )}

      {step === 3 && current && (
        <section aria-label="预审并提交" data-testid="pre-review">
          <h2 className="case-subtitle">智能预审结果</h2>
          <p className="muted">提交前系统先检查一遍，没通过的项目请返回修改。</p>
          {!materials && <MaterialsLoader caseId={current.id} onLoaded={setMaterials} />}
          <ul className="case-checks">
            {checks.map((check) => (
              <li key={check.key} className={check.passed ? 'case-check passed' : 'case-check failed'}>
                {check.passed ? (
                  <CheckCircleFilled className="case-check-icon" aria-label="通过" />
                ) : (
                  <CloseCircleFilled className="case-check-icon" aria-label="未通过" />
                )}
                {check.message}
              </li>
            ))}
          </ul>
          {missing.length > 0 && (
            <Button type="link" onClick={() => setStep(2)}>
              去上传缺少的材料
            </Button>
          )}
          <div className="case-actions">
            <Button onClick={() => setStep(2)}>上一步</Button>
            <Button
              type="primary"
              size="large"
              disabled={!canSubmit || !isEditable}
              loading={isBusy}
              onClick={() => void submit()}
              data-testid="submit-application"
            >
              {current.state === 'returned' ? '重新提交' : '提交申请'}
            </Button>
          </div>
        </section>
      )}
    </div>
  )
}

/** Reads the materials list when the pre-review step opens straight from a resumed draft. */
function MaterialsLoader({ caseId, onLoaded }: { caseId: string; onLoaded: (list: CaseMaterialList) => void }) {
  useApiData(async (signal) => {
    const list = await casesApi.listMaterials(caseId, signal)
    onLoaded(list)
    return list
  }, caseId)
  return null
}
