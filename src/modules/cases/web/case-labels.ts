/** Tag colours for states the applicant sees. */
export function stateColor(state: string): string {
  if (state === 'draft') return 'default'
  if (state === 'returned' || state === 'supplement_requested') return 'warning'
  if (state === 'not_accepted' || state === 'denied') return 'error'
  if (state === 'granted' || state === 'concluded' || state === 'delivered') return 'success'
  if (state === 'withdrawn') return 'default'
  return 'processing'
}

/** 2026-12-20 → 2026年12月20日 */
export function formatDay(day: string | null | undefined): string {
  if (!day) return ''
  const [year, month, date] = day.slice(0, 10).split('-')
  return `${year}年${Number(month)}月${Number(date)}日`
}

export const DELIVERY_LABELS: Record<string, string> = { window: '窗口领取', post: '邮寄送达', electronic: '电子送达' }

/** States before a decision, in which the applicant may withdraw (行政许可法). */
export const WITHDRAWABLE = new Set([
  'draft',
  'submitted',
  'returned',
  'accepted',
  'supplement_requested',
  'under_review',
  'special_procedure',
])
