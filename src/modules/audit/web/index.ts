export { SecurityAlertPermission, SecurityAlertsPage, SecurityAlertsPanel } from './SecurityAlertsPage.js'
export { securityAlertsEn } from './security-alerts-messages.en.js'
export { securityAlertsZh } from './security-alerts-messages.zh.js'
