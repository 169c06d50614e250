import { dictionary } from '@zxcvbn-ts/language-common'

// The 49,233 most common passwords from @zxcvbn-ts/language-common (MIT; compiled from public password leaks),
// plus a few that Chinese users favour and the list lacks. Stored lower-case.
const CHINESE_FAVOURITES = ['woaini1314', 'woaini520', 'aini1314', 'iloveyou1314', 'qq123456', 'zxcvbnm123']

let common: Set<string> | undefined

// @ for a, 0 for o and so on: P@ssw0rd is password with a disguise everyone knows.
const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
}

function undisguise(password: string): string {
  return [...password].map((character) => LEET[character] ?? character).join('')
}

/** True when the password (ignoring case and the usual letter-for-symbol swaps) is one of the most common ones. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set([...dictionary['passwords-common'], ...CHINESE_FAVOURITES])
  const lower = password.normalize('NFKC').toLowerCase()
  return common.has(lower) || common.has(undisguise(lower))
}
