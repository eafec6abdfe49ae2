// Decision: a quote e-mail that can never be delivered (the seller's server refused it, or every attempt failed) ends
// the request as declined, `success: false` (spec §4.5: "mail bounced — nothing was sent"), and releases the offer's
// exposure: the seller cannot buy what they never saw. A request already bought, expired or ended is left as it is.
import type { UndeliverableMailHandler } from '../../../platform/mail/send.js';
import { systemUnitOfWork } from '../../../platform/services.js';
import { findTenant } from '../../../platform/tenants/service.js';
import { changeConnectStatus } from '../../connect/status.js';
import { lockConnectRequest } from '../../connect/store.js';
import type { ConnectContext } from '../../context.js';

export function declineOnUndeliverableQuoteMail(ctx: ConnectContext): UndeliverableMailHandler {
  return async (tx, message, systemNow) => {
    if (message.relatedType !== 'quote_request' || message.relatedId === null) return;
    const tenant = await findTenant(tx, message.tenantId);
    if (!tenant) return;
    const row = await lockConnectRequest(tx, tenant.id, message.relatedId);
    if (!row || row.status !== 'priced') return;
    const uow = systemUnitOfWork(tx, tenant, systemNow, 'mail');
    await changeConnectStatus(uow, row, 'declined', { declineRule: 'mail_undeliverable' }, ctx, {
      action: 'quote_request.declined', details: { rule: 'mail_undeliverable', messageId: message.id },
    });
  };
}
