import { Checkbox, Radio } from 'antd'
import type { SituationAnswers, SituationQuestion } from './cases-api.js'
import { listVisibleQuestions } from './situation-rules.js'
import './cases.css'

/** 情形问题 of the wizard (the same follow-up rule as the catalog's guide). */
export function SituationQuestions({
  questions,
  answers,
  onChange,
}: {
  questions: readonly SituationQuestion[]
  answers: SituationAnswers
  onChange: (answers: SituationAnswers) => void
}) {
  return (
    <div className="case-questions">
      {listVisibleQuestions(questions, answers).map((question, index) => {
        const labelId = `question-${question.id}-text`
        const options = question.options.map((option) => ({ value: option.id, label: option.label }))
        const value = answers[question.id]
        return (
          <fieldset key={question.id} className="case-question" data-testid={`question-${question.id}`}>
            <legend id={labelId} className="case-question-text">
              {index + 1}. {question.text}
            </legend>
            {question.help && <p className="muted">{question.help}</p>}
            {question.kind === 'single' ? (
              <Radio.Group
                className="case-question-options"
                aria-labelledby={labelId}
                options={options}
                value={typeof value === 'string' ? value : undefined}
                onChange={(event) => onChange({ ...answers, [question.id]: event.target.value as string })}
              />
            ) : (
              <Checkbox.Group
                className="case-question-options"
                aria-labelledby={labelId}
                options={options}
                value={Array.isArray(value) ? value : []}
                onChange={(checked) => onChange({ ...answers, [question.id]: checked as string[] })}
              />
            )}
          </fieldset>
        )
      })}
    </div>
  )
}
