import { Card, Checkbox, Empty, Radio, Space, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ItemGuide, MATERIAL_FORM_LABELS, type SituationAnswers } from '../catalog.schemas.js'
import { buildNoticePreview, findAnswerProblems, listVisibleQuestions } from '../one-time-notice.js'

/**
 * The live preview of the one-time notice beside the situation editor: the editor picks answers and sees at
 * once which materials, conditions and time limit the notice would give, computed by the same pure function
 * the server uses.
 */
export function SituationPreview({ guide }: { guide: ItemGuide | undefined }) {
  const { t } = useTranslation()
  const [answers, setAnswers] = useState<SituationAnswers>({})
  const safeGuide = useMemo(() => (guide && Array.isArray(guide.situations) ? guide : undefined), [guide])
  if (!safeGuide) return <Empty description={t('catalogWorkbench.previewEmpty')} />
  const questions = safeGuide.situations.filter((question) => question?.id && Array.isArray(question.options))
  const usable = { ...safeGuide, situations: questions, materials: (safeGuide.materials ?? []).filter(Boolean) }
  const visible = listVisibleQuestions(usable, answers)
  // Answers to questions that are hidden now are dropped, as the portal does.
  const current = Object.fromEntries(Object.entries(answers).filter(([id]) => visible.some((q) => q.id === id)))
  let notice: ReturnType<typeof buildNoticePreview> | undefined
  try {
    notice = buildNoticePreview(usable, current, { itemVersion: 0, departmentName: '' })
  } catch {
    notice = undefined
  }
  const missing = findAnswerProblems(usable, current).length
  return (
    <Card size="small" title={t('catalogWorkbench.previewTitle')} data-testid="notice-preview">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {visible.map((question) => (
          <div key={question.id}>
            <Typography.Text strong>{question.text || question.id}</Typography.Text>
            <div>
              {question.kind === 'multiple' ? (
                <Checkbox.Group
                  value={(current[question.id] as string[] | undefined) ?? []}
                  options={question.options.map((option) => ({ value: option.id, label: option.label || option.id }))}
                  onChange={(value) => setAnswers({ ...answers, [question.id]: value as string[] })}
                />
              ) : (
                <Radio.Group
                  value={current[question.id]}
                  options={question.options.map((option) => ({ value: option.id, label: option.label || option.id }))}
                  onChange={(event) => setAnswers({ ...answers, [question.id]: event.target.value as string })}
                />
              )}
            </div>
          </div>
        ))}
        {missing > 0 ? (
          <Tag color="gold">{t('catalogWorkbench.previewIncomplete', { count: missing })}</Tag>
        ) : (
          <Tag color="green">{t('catalogWorkbench.previewComplete')}</Tag>
        )}
        {notice && (
          <div data-testid="notice-preview-materials">
            <Typography.Text strong>
              {t('catalogWorkbench.previewMaterials', { count: notice.materials.length })}
            </Typography.Text>
            <ol style={{ paddingLeft: 20, margin: '4px 0' }}>
              {notice.materials.map((material) => (
                <li key={material.id}>
                  {material.name}
                  <Typography.Text type="secondary">
                    {' '}
                    （{MATERIAL_FORM_LABELS[material.form] ?? ''} {material.count} 份）
                  </Typography.Text>
                </li>
              ))}
            </ol>
            <Typography.Text type="secondary">
              {notice.timeLimit.kind === 'instant'
                ? t('catalogWorkbench.previewInstant')
                : t('catalogWorkbench.previewPromised', { days: notice.timeLimit.promisedDays })}
            </Typography.Text>
            {notice.notes.map((note) => (
              <div key={note}>
                <Typography.Text type="warning">{note}</Typography.Text>
              </div>
            ))}
          </div>
        )}
      </Space>
    </Card>
  )
}
