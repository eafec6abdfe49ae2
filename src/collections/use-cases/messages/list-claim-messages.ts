import type { Executor } from '../../../platform/db/database.js';
import { listClaimMessages } from '../../communications/store.js';
import { isTemplateId, TEMPLATES } from '../../communications/templates/catalogue.js';
import type { Channel } from '../../domain/strategy/document.js';

export interface ClaimMessagesPage {
  messages: { id: string; channel: Channel; sentAt: Date; templateUuid: string; templateName: string }[];
  total: number;
}

/**
 * A claim's stored messages (every channel, a failed delivery included: it was sent and its fallback is listed after
 * it), oldest first, from `since` on, one page at a time. An unknown claim has none.
 */
export async function listMessagesOfClaim(
  db: Executor, tenantId: string, claimReference: string, query: { channel?: Channel; since?: Date; limit: number; page: number },
): Promise<ClaimMessagesPage> {
  const { rows, total } = await listClaimMessages(db, tenantId, claimReference, {
    channel: query.channel, since: query.since, limit: query.limit, offset: (query.page - 1) * query.limit,
  });
  return {
    total,
    messages: rows.map((row) => {
      const template = isTemplateId(row.templateId) ? TEMPLATES[row.templateId] : undefined;
      return { id: row.id, channel: row.channel, sentAt: row.createdAt, templateUuid: template?.uuid ?? '', templateName: template?.name ?? row.templateId };
    }),
  };
}
