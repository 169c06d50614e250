export { notificationRoutes } from './notifications.routes.js'
export type { Message, MessagePage, OutboxEntry, OutboxPage } from './notifications.schemas.js'
export {
  createNotifications,
  type NotificationInput,
  type Notifications,
  SMS_DELIVERY_JOB,
} from './notifications.service.js'
export { createLogOnlySmsSender, type SmsMessage, type SmsSender } from './sms-sender.js'
