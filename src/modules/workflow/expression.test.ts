// biome-ignore-all lint/suspicious/noTemplateCurlyInString: conditions are written the JUEL way, as ${…}
import { describe, expect, test } from 'vitest'
import { compileExpression, ExpressionError, evaluateExpression, isConditionMet } from './expression.js'

describe('conditions in the safe expression language', () => {
  test('JUEL-style conditions from Camunda and Flowable read as written', () => {
    expect(isConditionMet('${approved}', { approved: true })).toBe(true)
    expect(isConditionMet('${amount > 1000}', { amount: 1500 })).toBe(true)
    expect(isConditionMet('${amount > 1000}', { amount: 800 })).toBe(false)
    expect(isConditionMet("${x == 'a' && y}", { x: 'a', y: true })).toBe(true)
    expect(isConditionMet("${x == 'a' && y}", { x: 'b', y: true })).toBe(false)
    expect(isConditionMet('${amount gt 10 and not rejected}', { amount: 11, rejected: false })).toBe(true)
    expect(isConditionMet('${empty materials}', { materials: [] })).toBe(true)
  })

  test('a missing variable makes the condition false instead of failing the step', () => {
    expect(isConditionMet('${approved}', {})).toBe(false)
    expect(isConditionMet('${applicant.age >= 18}', {})).toBe(false)
  })

  test('member access and countersign ratios compute over the variables', () => {
    expect(evaluateExpression('form.area * 2', { form: { area: 21 } })).toBe(42)
    expect(
      isConditionMet('${nrOfCompletedInstances / nrOfInstances >= 0.6}', {
        nrOfCompletedInstances: 2,
        nrOfInstances: 3,
      }),
    ).toBe(true)
  })

  test('function calls, this and prototype access are refused when the process is deployed', () => {
    expect(() => compileExpression('${process.exit(1)}')).toThrow(ExpressionError)
    expect(() => compileExpression('${a.constructor}')).toThrow(/constructor/)
    expect(() => compileExpression('${this}')).toThrow(ExpressionError)
    expect(() => compileExpression('${x = 1}')).toThrow(ExpressionError)
  })

  test('a condition that does not parse names the position', () => {
    expect(() => compileExpression('${amount >}')).toThrow(/无法解析/)
  })

  test('a computed property cannot reach the prototype either', () => {
    expect(evaluateExpression("a['constructor']", { a: {} })).toBeUndefined()
  })
})
