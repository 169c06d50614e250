import { Alert, Breadcrumb, Button, Checkbox, Radio, Skeleton } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { describeError } from '../../../web/kit/api.js'
import { useApiData } from '../../../web/kit/useApiData.js'
import { useDocumentTitle } from '../../../web/kit/useDocumentTitle.js'
import type { SituationAnswers, SituationQuestion } from '../catalog.schemas.js'
import { buildNoticePreview, listVisibleQuestions } from '../one-time-notice.js'
import { catalogApi } from './catalog-api.js'
import { buildCompleteAnswers } from './complete-answers.js'
import './services.css'

function QuestionField({
  question,
  index,
  value,
  onChange,
}: {
  question: SituationQuestion
  index: number
  value: string | string[] | undefined
  onChange: (value: string | string[]) => void
}) {
  const { t } = useTranslation()
  const labelId = `question-${question.id}`
  return (
    <fieldset className="situation-question" data-testid={`question-${question.id}`}>
      <legend id={labelId} className="situation-question-text">
        <span className="situation-question-number">{index + 1}</span>
        {question.text}
      </legend>
      {question.kind === 'multiple' && (
        <p className="muted situation-help">
          {question.text.includes('多选') ? t('services.noneHint') : t('services.multipleHint')}
        </p>
      )}
      {question.help && <p className="muted situation-help">{question.help}</p>}
      {question.kind === 'single' ? (
        <Radio.Group
          className="situation-options"
          value={typeof value === 'string' ? value : undefined}
          onChange={(event) => onChange(event.target.value as string)}
          aria-labelledby={labelId}
          options={question.options.map((option) => ({ value: option.id, label: option.label }))}
        />
      ) : (
        <Checkbox.Group
          className="situation-options"
          value={Array.isArray(value) ? value : []}
          onChange={(checked) => onChange(checked as string[])}
          aria-labelledby={labelId}
          options={question.options.map((option) => ({ value: option.id, label: option.label }))}
        />
      )}
    </fieldset>
  )
}

/** `/services/items/:code/situations`: questions (follow-ups appear as answers apply) → the one-time notice. */
export function SituationsPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { code = '' } = useParams()
  const { data, error, isLoading } = useApiData((signal) => catalogApi.getItem(code, signal), code)
  const [answers, setAnswers] = useState<SituationAnswers>({})
  const [isSubmitting, setIsSubmitting] = useState(false)
  const [submitError, setSubmitError] = useState<string>()
  useDocumentTitle(data ? `${t('services.situationsTitle')} - ${data.guide.name}` : t('services.situationsTitle'))

  const guide = data?.guide
  const visible = useMemo(() => (guide ? listVisibleQuestions(guide, answers) : []), [guide, answers])
  const complete = useMemo(() => (guide ? buildCompleteAnswers(guide, answers) : {}), [guide, answers])
  const preview = useMemo(
    () =>
      guide && data
        ? buildNoticePreview(guide, complete, { itemVersion: data.version, departmentName: data.departmentName })
        : undefined,
    [guide, data, complete],
  )

  if (isLoading)
    return (
      <div className="services-content">
        <Skeleton active paragraph={{ rows: 8 }} />
      </div>
    )
  if (error || !data || !guide) {
    return (
      <div className="services-content">
        <Alert type="warning" showIcon title={t('services.guideNotFound')} />
      </div>
    )
  }

  const answered = visible.filter((question) => complete[question.id] !== undefined).length
  const isComplete = answered === visible.length
  const submit = async () => {
    setIsSubmitting(true)
    setSubmitError(undefined)
    try {
      const notice = await catalogApi.issueNotice(guide.code, complete)
      navigate(`/notices/${encodeURIComponent(notice.number)}`)
    } catch (cause) {
      setSubmitError(describeError(cause))
      setIsSubmitting(false)
    }
  }
  const guidePath = `/services/items/${encodeURIComponent(guide.code)}`
  return (
    <div className="services-page">
      <div className="services-content situations-page">
        <Breadcrumb
          items={[
            { title: <Link to="/services">{t('services.navGuide')}</Link> },
            { title: <Link to={guidePath}>{guide.name}</Link> },
            { title: t('services.situationsTitle') },
          ]}
        />
        <h1 className="services-title services-title-plain">{guide.name}</h1>
        <p className="services-intro-dark">
          {visible.length > 0 ? t('services.situationsIntro') : t('services.noQuestions')}
        </p>
        <div className="situations-layout">
          <div className="situations-questions">
            {visible.map((question, index) => (
              <QuestionField
                key={question.id}
                question={question}
                index={index}
                value={answers[question.id]}
                onChange={(value) => setAnswers((current) => ({ ...current, [question.id]: value }))}
              />
            ))}
          </div>
          <aside className="situations-preview" aria-live="polite" data-testid="situations-preview">
            {visible.length > 0 && (
              <p className="muted">{t('services.progress', { answered, total: visible.length })}</p>
            )}
            {preview && (
              <>
                <p className="situations-preview-title">
                  {t('services.previewTitle')}{' '}
                  <strong>{t('services.previewMaterials', { count: preview.materials.length })}</strong>
                </p>
                <ol className="plain-list numbered preview-list">
                  {preview.materials.map((material) => (
                    <li key={material.id}>{material.name}</li>
                  ))}
                </ol>
              </>
            )}
            {submitError && (
              <Alert type="error" showIcon title={t('services.generateFailed')} description={submitError} />
            )}
            <Button
              type="primary"
              size="large"
              block
              disabled={!isComplete}
              loading={isSubmitting}
              onClick={() => void submit()}
              data-testid="generate-notice"
            >
              {t('services.generateNotice')}
            </Button>
            {!isComplete && <p className="muted situation-help">{t('services.answerAll')}</p>}
          </aside>
        </div>
      </div>
    </div>
  )
}
