/**
 * The notices (文书) a case produces. The codes are stored in cases.notices.kind and printed inside notice numbers:
 * never rename one.
 */
export const CaseNoticeKind = {
  receipt: 'receipt',
  acceptance: 'acceptance',
  nonAcceptance: 'non_acceptance',
  supplement: 'supplement',
  grant: 'grant',
  denial: 'denial',
} as const
export type CaseNoticeKind = (typeof CaseNoticeKind)[keyof typeof CaseNoticeKind]
export const CASE_NOTICE_KINDS: readonly CaseNoticeKind[] = Object.values(CaseNoticeKind)

/** The title printed on each notice, as the 文书 are called in 行政许可 practice. */
export const CASE_NOTICE_TITLES: Record<CaseNoticeKind, string> = {
  receipt: '收件凭证',
  acceptance: '受理通知书',
  non_acceptance: '不予受理决定书',
  supplement: '补正告知书',
  grant: '准予行政许可决定书',
  denial: '不予行政许可决定书',
}

/**
 * Pinyin initials of each title, the kind's part of a notice number (收件 SJ, 受理 SL, 不受理 BSL, 补正 BZ,
 * 准予 ZY, 不予 BY). Printed on issued notices: never change one.
 */
export const CASE_NOTICE_NUMBER_CODES: Record<CaseNoticeKind, string> = {
  receipt: 'SJ',
  acceptance: 'SL',
  non_acceptance: 'BSL',
  supplement: 'BZ',
  grant: 'ZY',
  denial: 'BY',
}

/** `320581-20261208-000123-SL01`: the case number, the kind's code and the ordinal of that kind within the case. */
export function formatCaseNoticeNumber(caseNumber: string, kind: CaseNoticeKind, ordinal: number): string {
  return `${caseNumber}-${CASE_NOTICE_NUMBER_CODES[kind]}${String(ordinal).padStart(2, '0')}`
}

/** 行政许可法 articles each notice rests on when the caller names no more specific basis. */
export const DEFAULT_LEGAL_BASIS = {
  acceptance: '《中华人民共和国行政许可法》第三十二条第一款第（五）项',
  supplement: '《中华人民共和国行政许可法》第三十二条第一款第（四）项',
  grant: '《中华人民共和国行政许可法》第三十八条第一款',
  denial: '《中华人民共和国行政许可法》第三十八条第二款',
} as const
