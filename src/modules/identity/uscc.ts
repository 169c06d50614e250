const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** GB 32100 check character of the first 17 characters of a 统一社会信用代码. */
export function buildUsccCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i += 1) sum += CHARSET.indexOf(first17[i] as string) * (WEIGHTS[i] as number)
  return CHARSET[(31 - (sum % 31)) % 31] as string
}

/** True when an 18-character 统一社会信用代码 has valid characters and check character (GB 32100). */
export function isValidUscc(raw: string): boolean {
  const uscc = raw.trim().toUpperCase()
  // I, O, Z, S and V are excluded from the code's alphabet, so they cannot be typed by mistake.
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(uscc)) return false
  return buildUsccCheckCharacter(uscc) === uscc[17]
}
