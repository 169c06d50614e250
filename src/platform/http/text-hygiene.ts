import { AppError } from '../errors/index.js'

/** Why a text was refused: a C0 control character (NUL among them), or half of a UTF-16 surrogate pair. */
export type TextProblem = 'controlCharacter' | 'loneSurrogate'

export type TextHygieneOptions = {
  /** Allow line breaks (\n, \r) as well as tabs: for fields that hold several lines of text. */
  multiline?: boolean
}

// C0 controls and DEL are refused: PostgreSQL refuses \u0000 in text and jsonb (a 500 before this check existed),
// and the others are invisible, confuse logs, exports and other systems, and no form field needs them. A lone half
// of a UTF-16 surrogate pair is not valid Unicode and would be silently replaced by U+FFFD on the way to the database.
const TAB = 0x09
const LINE_FEED = 0x0a
const CARRIAGE_RETURN = 0x0d
const DELETE = 0x7f

function isAllowedControl(code: number, multiline: boolean): boolean {
  return code === TAB || (multiline && (code === LINE_FEED || code === CARRIAGE_RETURN))
}

const PROBLEM_MESSAGES: Record<TextProblem, string> = {
  controlCharacter: '含有不允许的控制字符（如 NUL）',
  loneSurrogate: '含有不完整的 Unicode 字符',
}

/** What is wrong with `value` as text a person typed, or undefined when it is clean. */
export function findTextProblem(value: string, options: TextHygieneOptions = {}): TextProblem | undefined {
  const multiline = options.multiline === true
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index)
    if ((code < 0x20 && !isAllowedControl(code, multiline)) || code === DELETE) return 'controlCharacter'
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1)
      // A high surrogate must be followed by a low one; the pair is skipped together.
      if (!(next >= 0xdc00 && next <= 0xdfff)) return 'loneSurrogate'
      index += 1
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return 'loneSurrogate'
    }
  }
  return undefined
}

/** A refusal in the validation shape: 400 VALIDATION_FAILED naming the field. */
export function buildTextProblemError(where: string, field: string, problem: TextProblem): AppError {
  const message = PROBLEM_MESSAGES[problem]
  return new AppError('VALIDATION_FAILED', 400, `${where}不正确：${field} ${message}`, [
    { path: field, rule: problem, message },
  ])
}

/**
 * Refuses a text field holding NUL or another control character, or a lone surrogate, for values that do not pass
 * through the JSON validation layer (multipart file names and fields, header values a module reads itself).
 * Throws 400 VALIDATION_FAILED naming `field`.
 */
export function assertCleanText(value: string, field: string, options: TextHygieneOptions = {}): void {
  const problem = findTextProblem(value, options)
  if (problem) throw buildTextProblemError('请求', field, problem)
}

/**
 * The first string (or object key) anywhere in `value` with a problem, with its path as `<root>.a.0.b`, or
 * undefined. Walks iteratively, so a deeply nested value cannot overflow the stack.
 */
export function findUncleanValue(
  value: unknown,
  root: string,
  options: TextHygieneOptions = {},
): { path: string; problem: TextProblem } | undefined {
  const pending: Array<[unknown, string]> = [[value, root]]
  while (pending.length > 0) {
    const [current, path] = pending.pop() as [unknown, string]
    if (typeof current === 'string') {
      const problem = findTextProblem(current, options)
      if (problem) return { path, problem }
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) pending.push([current[index], `${path}.${index}`])
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      for (const [key, item] of Object.entries(current)) {
        const problem = findTextProblem(key, options)
        // The key itself is what is wrong; name the object and show no part of the key.
        if (problem) return { path, problem }
        pending.push([item, `${path}.${key}`])
      }
    }
  }
  return undefined
}
