import { queueMail } from '../../platform/mail/outbox.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { findRegisteredBuyer } from '../../risk/api.js';
import type { ConnectLanguage } from '../domain/connect-request.js';
import { type RenderedEmail, renderQuoteEmail, renderReceiptEmail } from '../domain/connect-email.js';
import { type ConnectContext, purchaseUrl } from '../context.js';
import type { ConnectRequestRow } from './store.js';

/** The kind of the quote e-mail: a message of this kind that cannot be delivered declines its request. */
export const QUOTE_MAIL_KIND = 'connect.quote';
/** The kind of the receipt e-mail (the seller dashboard shows it again). */
export const RECEIPT_MAIL_KIND = 'connect.receipt';

async function send(uow: UnitOfWork, row: ConnectRequestRow, kind: string, rendered: RenderedEmail, ctx: ConnectContext): Promise<string> {
  return queueMail(uow, ctx.jobs, {
    kind, from: ctx.mailFrom, to: [row.sellerEmail], ...rendered, language: row.language,
    related: { type: 'quote_request', id: row.id },
  });
}

async function buyerName(uow: UnitOfWork, row: ConnectRequestRow): Promise<string | null> {
  return (await findRegisteredBuyer(uow.tx, row.buyerCountry, row.buyerIdentifier))?.name ?? null;
}

/** The quote e-mail (spec §4.1) with the purchase link; stored and sent in the pricing transaction's outbox. */
export async function queueQuoteMail(uow: UnitOfWork, row: ConnectRequestRow, token: string, ctx: ConnectContext): Promise<string> {
  const rendered = renderQuoteEmail({
    language: row.language as ConnectLanguage, sellerFirstName: row.sellerFirstName, buyerName: await buyerName(uow, row),
    buyerIdentifier: row.buyerIdentifier, buyerCountry: row.buyerCountry, invoiceAmount: row.invoiceAmount,
    premium: row.premiumAmount ?? 0, currency: row.premiumCurrency ?? row.invoiceCurrency,
    purchaseUrl: purchaseUrl(ctx, token), expiresAt: row.expiresAt ?? uow.now, timeZone: ctx.config.timers.timeZone,
  });
  return send(uow, row, QUOTE_MAIL_KIND, rendered, ctx);
}

/** The receipt after the purchase (spec §4.1 step 4). */
export async function queueReceiptMail(uow: UnitOfWork, row: ConnectRequestRow, ctx: ConnectContext): Promise<string> {
  const rendered = renderReceiptEmail({
    language: row.language as ConnectLanguage, sellerFirstName: row.sellerFirstName, buyerName: await buyerName(uow, row),
    buyerIdentifier: row.buyerIdentifier, buyerCountry: row.buyerCountry, premium: row.premiumAmount ?? 0,
    currency: row.premiumCurrency ?? row.invoiceCurrency, coverFrom: row.coverFrom ?? '', coverTo: row.coverTo ?? '',
    coverLimit: row.invoiceAmount,
  });
  return send(uow, row, RECEIPT_MAIL_KIND, rendered, ctx);
}
