import { AppError } from '../errors/index.js'

/** Limits on the shape of a JSON body, checked on the raw text before it is parsed. */
export type JsonLimits = {
  /** Deepest nesting of objects and arrays. */
  maxDepth: number
  /** Most elements in one array. */
  maxArrayLength: number
  /** Longest string, counted in characters as sent (escapes included). */
  maxStringLength: number
}

/** The defaults: far beyond any form, far below what strains the parser, the validator or PostgreSQL's jsonb. */
export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 32, maxArrayLength: 10_000, maxStringLength: 1024 * 1024 }

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const COMMA = 0x2c

/**
 * Refuses JSON text nested deeper, with longer arrays or longer strings than `limits`, in one linear pass without
 * recursion, so 10,000 levels of `[` cost microseconds instead of a stack overflow later. Malformed text is left for
 * the parser to refuse. Throws 400 JSON_TOO_DEEP or 413 PAYLOAD_TOO_LARGE.
 */
export function assertJsonWithinLimits(text: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): void {
  // For each open array: how many commas so far; objects push -1 (their commas are not counted).
  const commas: number[] = []
  let inString = false
  let stringStart = 0
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index)
    if (inString) {
      if (char === BACKSLASH) index += 1
      else if (char === QUOTE) {
        inString = false
        if (index - stringStart - 1 > limits.maxStringLength) throw tooLong(limits)
      }
      continue
    }
    if (char === QUOTE) {
      inString = true
      stringStart = index
    } else if (char === OPEN_OBJECT || char === OPEN_ARRAY) {
      commas.push(char === OPEN_ARRAY ? 0 : -1)
      if (commas.length > limits.maxDepth) {
        throw new AppError('JSON_TOO_DEEP', 400, `请求体嵌套层数过多（最多 ${limits.maxDepth} 层）`)
      }
    } else if (char === CLOSE_OBJECT || char === CLOSE_ARRAY) {
      commas.pop()
    } else if (char === COMMA) {
      const top = commas.length - 1
      const count = commas[top]
      if (count !== undefined && count >= 0) {
        commas[top] = count + 1
        if (count + 2 > limits.maxArrayLength) {
          throw new AppError('PAYLOAD_TOO_LARGE', 413, `请求体中的列表过长（最多 ${limits.maxArrayLength} 项）`)
        }
      }
    }
  }
  // An unterminated string is malformed JSON, but a huge one is still refused as too long.
  if (inString && text.length - stringStart - 1 > limits.maxStringLength) throw tooLong(limits)
}

function tooLong(limits: JsonLimits): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    413,
    `请求体中的文本过长（单个字段最多 ${Math.floor(limits.maxStringLength / 1024)} KiB）`,
  )
}
