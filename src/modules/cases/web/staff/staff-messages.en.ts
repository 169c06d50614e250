import type { casesStaffZh } from './staff-messages.zh.js'

export const casesStaffEn: typeof casesStaffZh = {
  menuWindow: 'One window',
  shortcutWindow: 'Register walk-in applications, print the receipt, accept on the spot',
  menuHandling: 'Department cases',
  shortcutHandling: "Your department's cases, most urgent first",
  menuPreReview: 'Online pre-review',
  shortcutPreReview: 'Applications submitted online: pass or return for changes',
  menuAtRisk: 'Cases at risk',
  shortcutAtRisk: 'Cases near (yellow) or past (red) their time limit across departments',
}
