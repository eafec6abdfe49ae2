/** What other modules may use of credit cover: the webhook event types it emits. */
export const COVER_EVENT_TYPES = ['cover.decided', 'cover.referred', 'cover.changed'] as const;
export type { CoverEventType } from './use-cases/shared.js';
