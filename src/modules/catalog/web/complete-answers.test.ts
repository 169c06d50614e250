import { expect, test } from 'vitest'
import { DEMO_ITEMS } from '../demo/demo-items.js'
import { findAnswerProblems } from '../one-time-notice.js'
import { buildCompleteAnswers } from './complete-answers.js'

const foodLicence = DEMO_ITEMS.find((item) => item.name === '食品经营许可证核发') ?? (DEMO_ITEMS[0] as never)

test('switching from 变更 to 延续 drops the hidden follow-up answer, so the notice request stays valid', () => {
  const answers = { 'apply-type': 'renewal', 'change-kind': 'scope', delegate: 'self' }

  const complete = buildCompleteAnswers(foodLicence, answers)

  expect(complete).toEqual({ 'apply-type': 'renewal', delegate: 'self' })
  expect(findAnswerProblems(foodLicence, complete)).toEqual([])
})

test('a shown multiple-choice question with nothing ticked counts as "none of these"', () => {
  const complete = buildCompleteAnswers(foodLicence, { 'apply-type': 'new', delegate: 'agent' })

  expect(complete).toEqual({ 'apply-type': 'new', scope: [], delegate: 'agent' })
  expect(findAnswerProblems(foodLicence, complete)).toEqual([])
})
