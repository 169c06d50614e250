import { describe, expect, test } from 'vitest'
import { AppError } from '../../platform/errors/index.js'
import { findGuideProblems } from './guide-rules.js'
import { buildNoticePreview, buildOneTimeNotice, findAnswerProblems, listVisibleQuestions } from './one-time-notice.js'
import { guideWith } from './test-guides.js'

const meta = { itemVersion: 3, departmentName: '常熟市市场监督管理局' }
const names = (notice: { materials: { name: string }[] }) => notice.materials.map((material) => material.name)

describe('one-time notice', () => {
  test('a first-time applicant applying in person is told exactly the required materials', () => {
    const guide = guideWith()

    const notice = buildOneTimeNotice(guide, { kind: 'new', agent: 'no' }, meta)

    expect(names(notice)).toEqual(['食品经营许可申请书', '营业执照', '经营场所平面布局图'])
    expect(notice.timeLimit.promisedDays).toBe(5)
  })

  test('a delegated applicant is told to bring the power of attorney and the agent’s ID card', () => {
    const guide = guideWith()

    const notice = buildOneTimeNotice(guide, { kind: 'new', agent: ['yes'] }, meta)

    expect(names(notice)).toEqual([
      '食品经营许可申请书',
      '营业执照',
      '经营场所平面布局图',
      '授权委托书',
      '受托人身份证件',
    ])
  })

  test('a change of name drops the floor plan, adds the old licence and shortens the time limit', () => {
    const guide = guideWith()

    const notice = buildOneTimeNotice(guide, { kind: 'change', changes: ['name'], agent: 'no' }, meta)

    expect(names(notice)).toEqual(['食品经营许可申请书', '营业执照', '原食品经营许可证'])
    expect(notice.timeLimit).toMatchObject({ promisedDays: 3, statutoryDays: 20 })
    expect(notice.answers.map((answer) => answer.answer)).toEqual(['许可变更', '名称', '否'])
  })

  test('a follow-up answer can bring back a material an earlier answer removed', () => {
    const guide = guideWith()

    const notice = buildOneTimeNotice(guide, { kind: 'change', changes: ['address'], agent: 'no' }, meta)

    expect(names(notice)).toContain('经营场所平面布局图')
  })

  test('a multiple-choice question may be answered with none of its options', () => {
    const guide = guideWith()

    const notice = buildOneTimeNotice(guide, { kind: 'change', changes: [], agent: 'no' }, meta)

    expect(notice.answers[1]?.answer).toBe('以上都不是')
  })

  test('the follow-up question appears only after the answer it depends on', () => {
    const guide = guideWith()

    expect(listVisibleQuestions(guide, {}).map((question) => question.id)).toEqual(['kind', 'agent'])
    expect(listVisibleQuestions(guide, { kind: 'change' }).map((question) => question.id)).toEqual([
      'kind',
      'changes',
      'agent',
    ])
  })

  test('an answer set that skips a question is refused naming that question', () => {
    const guide = guideWith()

    const attempt = () => buildOneTimeNotice(guide, { kind: 'new' }, meta)

    expect(attempt).toThrow(AppError)
    expect(attempt).toThrow(/问题 agent/)
  })

  test('answering a follow-up that does not apply, an unknown question or an unknown option is refused', () => {
    const guide = guideWith()

    const problems = findAnswerProblems(guide, { kind: 'new', changes: ['name'], agent: 'maybe', colour: 'red' })

    expect(problems.map((problem) => problem.questionId).sort()).toEqual(['agent', 'changes', 'colour'])
  })

  test('two options for a single-choice question are refused', () => {
    const guide = guideWith()

    const problems = findAnswerProblems(guide, { kind: ['new', 'change'], agent: 'no' })

    expect(problems[0]).toMatchObject({ questionId: 'kind' })
  })

  test('the live preview shows what the answers so far already require', () => {
    const guide = guideWith()

    const preview = buildNoticePreview(guide, { agent: 'yes' }, meta)

    expect(names(preview)).toContain('授权委托书')
  })
})

describe('guide rules', () => {
  test('a situation pointing at a material the guide does not have is reported', () => {
    const guide = guideWith()
    guide.situations[0]?.options[1]?.effects.push({ kind: 'add_material', materialId: 'm99' })

    expect(findGuideProblems(guide).join()).toMatch(/m99/)
  })

  test('a follow-up depending on a later question is reported', () => {
    const guide = guideWith()
    guide.situations.reverse()

    expect(findGuideProblems(guide).join()).toMatch(/不存在或不在它之前/)
  })

  test('a complete guide has no problems', () => {
    expect(findGuideProblems(guideWith())).toEqual([])
  })
})
