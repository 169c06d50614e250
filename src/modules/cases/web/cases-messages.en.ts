import type { casesZh } from './cases-messages.zh.js'

export const casesEn: typeof casesZh = {
  navMine: 'My applications',
  navStatus: 'Application status',
}
