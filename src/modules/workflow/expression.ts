import jsep, { type Expression } from 'jsep'

// JUEL words (Camunda/Flowable conditions) next to the C-style operators, with the same precedence.
jsep.addBinaryOp('or', 1)
jsep.addBinaryOp('and', 2)
for (const op of ['eq', 'ne']) jsep.addBinaryOp(op, 6)
for (const op of ['lt', 'gt', 'le', 'ge']) jsep.addBinaryOp(op, 7)
jsep.addBinaryOp('div', 10)
jsep.addBinaryOp('mod', 10)
jsep.addUnaryOp('not')
jsep.addUnaryOp('empty')

/** An expression that failed to parse; `message` is Chinese and names the position. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError'
}

/** A parsed condition: only literals, variables, member access, arithmetic, comparison and logic. No calls. */
export type CompiledExpression = { source: string; ast: Expression }

const ALLOWED_BINARY = new Set([
  '||',
  '&&',
  'or',
  'and',
  '==',
  '!=',
  '===',
  '!==',
  'eq',
  'ne',
  '<',
  '>',
  '<=',
  '>=',
  'lt',
  'gt',
  'le',
  'ge',
  '+',
  '-',
  '*',
  '/',
  '%',
  'div',
  'mod',
])
const ALLOWED_UNARY = new Set(['!', '-', '+', 'not', 'empty'])
// Reaching the prototype chain through member access is the classic escape of "safe" evaluators.
const FORBIDDEN_PROPERTIES = new Set(['__proto__', 'prototype', 'constructor'])

/** Strips a JUEL wrapper: `${amount > 1000}` and `#{x}` become the inner expression. */
export function unwrapExpression(text: string): string {
  const trimmed = text.trim()
  const match = /^[$#]\{([\s\S]*)\}$/.exec(trimmed)
  return (match ? match[1] : trimmed)?.trim() ?? ''
}

/** True when the text is a JUEL-style `${…}` expression rather than a plain value. */
export function isExpressionText(text: string): boolean {
  return /^\s*[$#]\{[\s\S]*\}\s*$/.test(text)
}

function check(node: Expression, source: string): void {
  switch (node.type) {
    case 'Literal':
    case 'Identifier':
    case 'ThisExpression':
      if (node.type === 'ThisExpression') throw new ExpressionError(`表达式“${source}”不能使用 this`)
      return
    case 'MemberExpression': {
      check(node.object as Expression, source)
      const property = node.property as Expression
      if (node.computed) check(property, source)
      else if (FORBIDDEN_PROPERTIES.has(String(property.name))) {
        throw new ExpressionError(`表达式“${source}”不能访问 ${String(property.name)}`)
      }
      return
    }
    case 'BinaryExpression':
    case 'LogicalExpression':
      if (!ALLOWED_BINARY.has(String(node.operator))) {
        throw new ExpressionError(`表达式“${source}”不支持运算符 ${String(node.operator)}`)
      }
      check(node.left as Expression, source)
      check(node.right as Expression, source)
      return
    case 'UnaryExpression':
      if (!ALLOWED_UNARY.has(String(node.operator))) {
        throw new ExpressionError(`表达式“${source}”不支持运算符 ${String(node.operator)}`)
      }
      check(node.argument as Expression, source)
      return
    case 'ConditionalExpression':
      check(node.test as Expression, source)
      check(node.consequent as Expression, source)
      check(node.alternate as Expression, source)
      return
    case 'ArrayExpression':
      for (const element of (node.elements as Expression[]) ?? []) if (element) check(element, source)
      return
    default:
      throw new ExpressionError(`表达式“${source}”不支持 ${node.type}（只允许变量、常量、比较、算术和逻辑运算）`)
  }
}

/** Parses a condition such as `${amount > 1000}` or `approved && x == 'a'`; throws ExpressionError. */
export function compileExpression(text: string): CompiledExpression {
  const source = unwrapExpression(text)
  if (source === '') throw new ExpressionError('表达式为空')
  let ast: Expression
  try {
    ast = jsep(source)
  } catch (error) {
    const detail = error as { description?: string; index?: number; message: string }
    throw new ExpressionError(`表达式“${source}”无法解析（第 ${(detail.index ?? 0) + 1} 个字符）：${detail.message}`)
  }
  check(ast, source)
  return { source, ast }
}

type Value = unknown

function toNumberIfNumeric(value: Value): Value {
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return value
}

function isEqual(left: Value, right: Value): boolean {
  if (left === right) return true
  if (left == null || right == null) return left == null && right == null
  if (typeof left === 'number' || typeof right === 'number') {
    return Number(toNumberIfNumeric(left)) === Number(toNumberIfNumeric(right))
  }
  if (typeof left === 'boolean' || typeof right === 'boolean') return String(left) === String(right)
  return false
}

function isEmpty(value: Value): boolean {
  if (value == null || value === '') return true
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.keys(value as object).length === 0
  return false
}

function compare(operator: string, left: Value, right: Value): boolean {
  const a = toNumberIfNumeric(left) as number | string
  const b = toNumberIfNumeric(right) as number | string
  if (a == null || b == null) return false
  switch (operator) {
    case '<':
    case 'lt':
      return a < b
    case '>':
    case 'gt':
      return a > b
    case '<=':
    case 'le':
      return a <= b
    default:
      return a >= b
  }
}

function readProperty(object: Value, key: Value): Value {
  if (object == null || typeof object !== 'object') return undefined
  const name = String(key)
  if (FORBIDDEN_PROPERTIES.has(name) || !Object.hasOwn(object as object, name)) return undefined
  return (object as Record<string, Value>)[name]
}

function evaluateNode(node: Expression, variables: Record<string, Value>): Value {
  switch (node.type) {
    case 'Literal':
      return node.value
    case 'Identifier':
      // An unknown variable reads as null (JUEL would throw); conditions on it are then simply false.
      return Object.hasOwn(variables, String(node.name)) ? variables[String(node.name)] : null
    case 'MemberExpression': {
      const object = evaluateNode(node.object as Expression, variables)
      const property = node.property as Expression
      const key = node.computed ? evaluateNode(property, variables) : property.name
      return readProperty(object, key)
    }
    case 'ArrayExpression':
      return ((node.elements as Expression[]) ?? []).map((element) => evaluateNode(element, variables))
    case 'ConditionalExpression':
      return evaluateNode(node.test as Expression, variables)
        ? evaluateNode(node.consequent as Expression, variables)
        : evaluateNode(node.alternate as Expression, variables)
    case 'UnaryExpression': {
      const value = evaluateNode(node.argument as Expression, variables)
      switch (node.operator) {
        case '!':
        case 'not':
          return !value
        case 'empty':
          return isEmpty(value)
        case '-':
          return -Number(value)
        default:
          return Number(value)
      }
    }
    default: {
      const operator = String(node.operator)
      if (operator === '&&' || operator === 'and') {
        return evaluateNode(node.left as Expression, variables) && evaluateNode(node.right as Expression, variables)
      }
      if (operator === '||' || operator === 'or') {
        return evaluateNode(node.left as Expression, variables) || evaluateNode(node.right as Expression, variables)
      }
      const left = evaluateNode(node.left as Expression, variables)
      const right = evaluateNode(node.right as Expression, variables)
      switch (operator) {
        case '==':
        case '===':
        case 'eq':
          return isEqual(left, right)
        case '!=':
        case '!==':
        case 'ne':
          return !isEqual(left, right)
        case '+':
          return typeof left === 'string' || typeof right === 'string'
            ? `${left ?? ''}${right ?? ''}`
            : Number(left) + Number(right)
        case '-':
          return Number(left) - Number(right)
        case '*':
          return Number(left) * Number(right)
        case '/':
        case 'div':
          return Number(left) / Number(right)
        case '%':
        case 'mod':
          return Number(left) % Number(right)
        default:
          return compare(operator, left, right)
      }
    }
  }
}

const cache = new Map<string, CompiledExpression>()

/** Evaluates an expression over process variables; throws ExpressionError when it does not parse. */
export function evaluateExpression(text: string, variables: Record<string, unknown>): unknown {
  let compiled = cache.get(text)
  if (!compiled) {
    compiled = compileExpression(text)
    if (cache.size > 5000) cache.clear()
    cache.set(text, compiled)
  }
  return evaluateNode(compiled.ast, variables)
}

/** A condition's truth value (JUEL truthiness: null and false are false). */
export function isConditionMet(text: string, variables: Record<string, unknown>): boolean {
  return Boolean(evaluateExpression(text, variables))
}

/**
 * Fills the `${…}` parts of a text such as a task name (`审查 ${loopCounter}` becomes “审查 0”); a part that does
 * not evaluate stays as written, so a name never fails a step.
 */
export function renderTemplate(text: string, variables: Record<string, unknown>): string {
  if (!/[$#]\{/.test(text)) return text
  return text.replace(/[$#]\{([^{}]*)\}/g, (whole, inner: string) => {
    try {
      const value = evaluateExpression(inner, variables)
      return value === undefined || value === null ? '' : String(value)
    } catch {
      return whole
    }
  })
}
