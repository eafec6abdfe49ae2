import type { UndeliverableMailHandler } from '../../../platform/mail/send.js';
import { appendEvents } from '../../../platform/events/append.js';
import { systemUnitOfWork } from '../../../platform/services.js';
import { findTenant } from '../../../platform/tenants/service.js';
import { getClaimForMessaging } from '../../../servicing/api.js';
import { MESSAGE_RELATED_TYPE, type MessagingContext } from '../../communications/context.js';
import { MESSAGE_FAILED } from '../../communications/events.js';
import type { Language } from '../../communications/language.js';
import { lockMessage, markMessageFailed } from '../../communications/store.js';
import type { TemplateId } from '../../communications/templates/catalogue.js';
import type { Channel } from '../../domain/strategy/document.js';
import { deliver } from './deliver.js';

/*
 * An e-mail the SMTP server refused for good (a 5xx reply) or that failed every retry: the message is recorded as
 * failed (`message.failed`) and the step's next fallback channel is tried, as a new message of the same run step
 * (attempt + 1, `fallbackOf` the failed one), rendered from the latest template version. Runs in the outbox's
 * transaction that marks the mail failed, so the failure and the fallback commit together.
 */
export function fallBackOnUndeliverableMessage(ctx: MessagingContext): UndeliverableMailHandler {
  return async (tx, mail, systemNow) => {
    if (mail.relatedType !== MESSAGE_RELATED_TYPE || mail.relatedId === null) return;
    const tenant = await findTenant(tx, mail.tenantId);
    if (!tenant) return;
    const message = await lockMessage(tx, tenant.id, mail.relatedId);
    if (!message || message.status === 'failed') return;
    const uow = systemUnitOfWork(tx, tenant, systemNow, 'mail');
    await markMessageFailed(tx, tenant.id, message.id, 'undeliverable');
    const claim = message.fallbacks.length === 0 ? undefined : await getClaimForMessaging(tx, tenant.id, message.claimReference);
    const fallback = claim && await deliver(uow, ctx, {
      claim, templateId: message.templateId as TemplateId, language: message.language as Language, channels: message.fallbacks as Channel[],
      data: message.data, runId: message.runId, stepId: message.stepId, attempt: message.attempt + 1, fallbackOf: message.id,
      skipped: [{ channel: message.channel, reason: 'undeliverable' }],
    });
    await appendEvents(uow, [{
      type: MESSAGE_FAILED, entityType: 'message', entityId: message.id,
      data: {
        messageId: message.id, claimReference: message.claimReference, runId: message.runId, stepId: message.stepId, channel: message.channel,
        templateId: message.templateId, reason: 'undeliverable', fallbackMessageId: fallback?.ok ? fallback.value.messageId : null,
        fallbackChannel: fallback?.ok ? fallback.value.channelUsed : null,
      },
    }]);
  };
}
