import { currentLanguage } from './i18n.js'

// Government records are kept in China Standard Time; show that zone whatever the browser's zone is.
const TIME_ZONE = 'Asia/Shanghai'

/** Formats an ISO timestamp as a date and time in China Standard Time, e.g. 2025/03/01 09:30. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date)
}
