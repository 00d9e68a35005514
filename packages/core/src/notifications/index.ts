// Inbound notifications: shared contracts and exactly-once processing (DESIGN §4, §12).
export type {
  InboundRequest,
  NotificationHandler,
  NotificationResult,
  RejectionReason,
  Reply,
} from './notification-types.js';
export type { NotificationProcessor, ProcessNotificationOptions } from './process-notification.js';
export {
  createNotificationProcessor,
  DEFAULT_IN_PROGRESS_WAIT_MS,
  DEFAULT_NOTIFICATION_TTL_MS,
  processNotification,
} from './process-notification.js';
