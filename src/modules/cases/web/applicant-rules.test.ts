import { describe, expect, test } from 'vitest'
import type { SituationQuestion } from './cases-api.js'
import { findFileProblem } from './file-rules.js'
import { buildCompleteAnswers, listVisibleQuestions } from './situation-rules.js'

const QUESTIONS: SituationQuestion[] = [
  {
    id: 'apply-type',
    text: '您要办理哪一类业务？',
    kind: 'single',
    options: [
      { id: 'new', label: '新办' },
      { id: 'change', label: '变更' },
    ],
  },
  {
    id: 'scope',
    text: '经营项目包含以下哪些内容？',
    kind: 'multiple',
    options: [{ id: 'hot-meals', label: '热食类' }],
    showWhen: { questionId: 'apply-type', optionIds: ['new'] },
  },
  {
    id: 'delegate',
    text: '是否委托他人代为办理？',
    kind: 'single',
    options: [{ id: 'self', label: '本人' }],
  },
]

describe('the wizard asks only the questions that apply', () => {
  test('a follow-up appears once its answer is chosen, and its old answer is dropped when it no longer applies', () => {
    expect(listVisibleQuestions(QUESTIONS, {}).map((question) => question.id)).toEqual(['apply-type', 'delegate'])
    expect(listVisibleQuestions(QUESTIONS, { 'apply-type': 'new' }).map((question) => question.id)).toEqual([
      'apply-type',
      'scope',
      'delegate',
    ])
    expect(buildCompleteAnswers(QUESTIONS, { 'apply-type': 'new', delegate: 'self' })).toEqual({
      'apply-type': 'new',
      scope: [],
      delegate: 'self',
    })
    expect(buildCompleteAnswers(QUESTIONS, { 'apply-type': 'change', scope: ['hot-meals'] })).toEqual({
      'apply-type': 'change',
    })
  })
})

describe('a chosen file is checked before it is sent', () => {
  const max = 20 * 1024 * 1024
  test('PDF, JPG, PNG and OFD within the limit go up; anything else is refused in plain Chinese', () => {
    expect(findFileProblem({ name: '营业执照.PDF', size: 1000 }, max)).toBeUndefined()
    expect(findFileProblem({ name: '身份证.jpeg', size: 1000 }, max)).toBeUndefined()
    expect(findFileProblem({ name: '说明.docx', size: 1000 }, max)).toBe(
      '“说明.docx”不是 PDF、JPG、PNG 或 OFD 文件，请转换后再上传。',
    )
    expect(findFileProblem({ name: '空.pdf', size: 0 }, max)).toBe('“空.pdf”是空文件，请重新选择。')
    expect(findFileProblem({ name: '扫描件.pdf', size: 25 * 1024 * 1024 }, max)).toBe(
      '“扫描件.pdf”有 25 MB，超过了 20 MB 的上限。',
    )
  })
})
