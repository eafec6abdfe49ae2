import { parseDecimalAmount } from '../../platform/money.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { adjustExposure, capacityFor, findRegisteredBuyer, fitsCapacity, lockExposure, toBaseCurrency } from '../../risk/api.js';
import type { InsuranceContext } from '../context.js';
import { fail } from '../domain/errors.js';
import { type QuoteState, transition } from '../domain/quote-state.js';
import { changeStatus, stateOf, transitionContextOf } from '../quote-status.js';
import { type QuoteRow, lockQuote } from '../store.js';

export type ReferralDecision = { readonly decision: 'offer'; readonly premium?: string } | { readonly decision: 'decline'; readonly reason?: string };

/** An underwriter offers (with the suggested or an own premium) or declines a referred quote. */
export async function decideReferral(uow: UnitOfWork, id: string, input: ReferralDecision, ctx: InsuranceContext): Promise<QuoteRow> {
  const row = await lockQuote(uow.tx, uow.tenant.id, id);
  if (!row) fail({ kind: 'not_found' });
  if (input.decision === 'decline') {
    const next = referralTransition(row, 'underwriter_decline', uow.now, ctx);
    return changeStatus(uow, row, next, 'underwriter_decline', { underwritingRule: 'underwriter_declined' }, ctx, { reason: input.reason ?? null });
  }
  const next = referralTransition(row, 'underwriter_offer', uow.now, ctx);
  const premium = input.premium === undefined ? (row.suggestedPremium ?? 0) : ownPremium(input.premium, row.invoiceCurrency);
  const policy = ctx.config.underwriting;
  const base = toBaseCurrency(row.invoiceAmount, row.invoiceCurrency, policy.fx);
  if (!base.ok) fail({ kind: 'cannot_price' });
  const exposure = await lockExposure(uow.tx, row.bookId, row.buyerCountry, row.buyerIdentifier);
  const buyer = await findRegisteredBuyer(uow.tx, row.buyerCountry, row.buyerIdentifier);
  const capacity = capacityFor(buyer?.rating ?? policy.unratedBuyerRating, policy.capacity);
  if (!fitsCapacity(exposure.exposure, base.value, capacity)) fail({ kind: 'capacity_exhausted' });
  await adjustExposure(uow.tx, row.bookId, row.buyerCountry, row.buyerIdentifier, { exposure: base.value });
  return changeStatus(uow, row, next, 'underwriter_offer', {
    premiumAmount: premium, premiumCurrency: row.invoiceCurrency, exposureHeld: base.value, offeredAt: uow.now,
  }, ctx, { premium });
}

function referralTransition(row: QuoteRow, event: 'underwriter_offer' | 'underwriter_decline', now: Date, ctx: InsuranceContext): QuoteState {
  const next = transition(stateOf(row), event, transitionContextOf(row, now, ctx));
  return next.ok ? next.value : fail({ kind: 'not_referred', quoteId: row.id, status: row.status });
}

/** The underwriter's own premium in minor units; it must be positive, with at most two decimals. */
function ownPremium(text: string, currency: string): number {
  let premium: number;
  try {
    premium = parseDecimalAmount(text, currency);
  } catch {
    return fail({ kind: 'invalid_premium' });
  }
  return premium > 0 ? premium : fail({ kind: 'invalid_premium' });
}
