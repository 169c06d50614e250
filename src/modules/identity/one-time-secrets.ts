import { createHash, randomInt } from 'node:crypto'

// No 0/O, 1/l/I: the value is read off a screen and typed by someone else.
const LOWER = 'abcdefghijkmnpqrstuvwxyz'
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const DIGITS = '23456789'
const SYMBOLS = '#%+=@'

function pick(alphabet: string): string {
  return alphabet[randomInt(alphabet.length)] as string
}

/** A 12-character one-time password with all four character classes, for a new account or a reset. */
export function buildOneTimePassword(): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS
  const characters = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)]
  while (characters.length < 12) characters.push(pick(all))
  for (let i = characters.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1)
    ;[characters[i], characters[j]] = [characters[j] as string, characters[i] as string]
  }
  return characters.join('')
}

/** A grant code such as 7KQM-3XPD-R2WN (60 bits): given with an administrator role to enrol its second factor. */
export function buildGrantCode(): string {
  const alphabet = UPPER + DIGITS
  return Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => pick(alphabet)).join('')).join('-')
}

/** The stored form of a grant code; dashes, spaces and case do not matter when it is typed. */
export function hashGrantCode(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('hex')
}
