/** The events of collections communications (entity type `message`, entity id the message id). */
export const MESSAGE_SENT = 'message.sent';
export const MESSAGE_FAILED = 'message.failed';
export const MESSAGE_EVENT_TYPES = [MESSAGE_SENT, MESSAGE_FAILED] as const;
