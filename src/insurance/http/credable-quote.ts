import type { Executor } from '../../platform/db/database.js';
import { formatDecimalAmount } from '../../platform/money.js';
import type { InsuranceContext } from '../context.js';
import { actionsFor, linksFor, renderActions, renderLinks } from '../domain/quote-actions.js';
import type { QuoteStatus } from '../domain/quote-state.js';
import { sellerSigned } from '../quote-status.js';
import type { QuoteRow } from '../store.js';

export type WireQuote = Record<string, unknown>;

/** The Credable quote object (spec §5.4), fields in the seed's order. `asCreated` shows the create response (quote.pending). */
export async function renderQuote(executor: Executor, row: QuoteRow, ctx: InsuranceContext, asCreated = false): Promise<WireQuote> {
  const product = row.product;
  const status = (asCreated ? 'quote.pending' : row.status) as QuoteStatus;
  const signed = status === 'quote.offered' ? await sellerSigned(executor, row) : true;
  const apiBase = `${ctx.publicBaseUrl}/api/${product}/v2`;
  const showPremium = !asCreated && row.premiumAmount !== null;
  return {
    id: row.id,
    user_reference: row.userReference,
    seller_reference: row.sellerReference,
    seller_identifier: row.sellerIdentifier,
    seller_country: row.sellerCountry,
    buyer_reference: row.buyerReference,
    buyer_identifier: row.buyerIdentifier,
    buyer_country: row.buyerCountry,
    invoice_amount: row.invoiceAmountText ?? formatDecimalAmount(row.invoiceAmount, row.invoiceCurrency),
    invoice_amount_currency: row.invoiceCurrency,
    invoice_reference: row.invoiceReference,
    invoice_issue_date: row.invoiceIssueDate,
    invoice_due_date: row.invoiceDueDate,
    premium_amount: showPremium ? formatDecimalAmount(row.premiumAmount as number, row.premiumCurrency as string) : null,
    premium_amount_currency: showPremium ? row.premiumCurrency : null,
    status: { code: status, reason: asCreated ? null : row.reason },
    actions: renderActions(actionsFor(status, product, { sellerSigned: signed, listBankruptcyAction: ctx.config.listBankruptcyAction }), apiBase, row.id),
    links: renderLinks(linksFor(status, product), ctx.publicBaseUrl, row.id),
  };
}
