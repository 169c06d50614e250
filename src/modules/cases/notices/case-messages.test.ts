import { describe, expect, test } from 'vitest'
import { CaseAction } from '../case-states.js'
import { buildCaseMessage, type CaseMessageFacts } from './case-messages.js'

const facts: CaseMessageFacts = {
  centreName: '常熟市政务服务中心',
  itemName: '食品经营许可证核发',
  caseNumber: '320581-20261208-000123',
  link: '/me/cases/1',
}

describe('messages for case state changes', () => {
  test('an acceptance texts the applicant the case number and the promised day, signed by the centre', () => {
    const message = buildCaseMessage(CaseAction.accept, { ...facts, dueOn: '2026-12-22' })

    expect(message?.smsText).toBe(
      '【常熟市政务服务中心】您申请的食品经营许可证核发（办件号 320581-20261208-000123）已受理，承诺2026年12月22日前办结。受理通知书可登录查看。',
    )
    expect(message?.siteTitle).toBe('申请已受理：食品经营许可证核发')
    expect(message?.link).toBe('/me/cases/1')
  })

  test('every change of state but the draft’s creation has a message, and refusals name the remedies', () => {
    const actions = Object.values(CaseAction)

    const messages = actions.map((action) => [
      action,
      buildCaseMessage(action, { ...facts, reason: '不属于本机关职权' }),
    ])

    expect(messages.filter(([, message]) => message === undefined).map(([action]) => action)).toEqual(['create'])
    for (const action of [CaseAction.notAccept, CaseAction.deny])
      expect(buildCaseMessage(action, facts)?.smsText).toContain('行政复议或提起行政诉讼')
  })

  test('a long reason is shortened so the text message stays short', () => {
    const message = buildCaseMessage(CaseAction.returnForChanges, { ...facts, reason: '材料'.repeat(100) })

    expect(message?.smsText.length).toBeLessThan(150)
    expect(message?.smsText).toContain('…')
  })
})
