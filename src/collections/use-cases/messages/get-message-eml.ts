import type { Executor } from '../../../platform/db/database.js';
import { findMessageEml } from '../../communications/store.js';
import type { Channel } from '../../domain/strategy/document.js';

/** A stored message's raw `.eml`, or undefined for an unknown message (or another tenant's, or another channel's). */
export function getMessageEml(db: Executor, tenantId: string, messageId: string, channel: Channel): Promise<string | undefined> {
  return findMessageEml(db, tenantId, messageId, channel);
}
