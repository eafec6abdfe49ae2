import { randomUUID } from 'node:crypto';
import { businessDateAt } from '../../../platform/dates.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { queueReceiptMail } from '../../connect/mail.js';
import { connectPayments } from '../../connect/schema.js';
import { changeConnectStatus } from '../../connect/status.js';
import type { ConnectRequestRow } from '../../connect/store.js';
import type { ConnectContext } from '../../context.js';
import { coverWindow } from '../../domain/connect-state.js';
import type { PaymentProvider } from '../../payments/provider.js';

/**
 * Pays through `provider` and completes the purchase: the payment obligation is recorded, the request becomes a cover
 * for invoices sent within ±15 days of today (keeping the exposure its offer held) and the receipt is queued.
 */
export async function payConnectRequest(
  uow: UnitOfWork, row: ConnectRequestRow, provider: PaymentProvider, ctx: ConnectContext,
): Promise<ConnectRequestRow> {
  const today = businessDateAt(uow.now, ctx.config.timers.timeZone);
  const amount = row.premiumAmount ?? 0;
  const currency = row.premiumCurrency ?? row.invoiceCurrency;
  const payment = provider.start({ quoteRequestId: row.id, amount, currency, today });
  await uow.tx.insert(connectPayments).values({
    id: randomUUID(), tenantId: uow.tenant.id, quoteRequestId: row.id, provider: provider.id, status: payment.status,
    amount, currency, reference: payment.reference, dueDate: payment.dueDate, createdAt: uow.now,
  });
  const window = coverWindow(today);
  const purchased = await changeConnectStatus(uow, row, 'purchased', { purchasedAt: uow.now, coverFrom: window.from, coverTo: window.to }, ctx, {
    action: 'quote_request.purchased', details: { provider: provider.id, reference: payment.reference, amount },
  });
  await queueReceiptMail(uow, purchased, ctx);
  return purchased;
}
