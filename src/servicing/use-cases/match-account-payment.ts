import { randomUUID } from 'node:crypto';
import { accountNotFound } from '../domain/errors.js';
import type { LedgerEntry } from '../domain/ledger.js';
import {
  allocatedPerInvoice, matchAccountPayment as matchPaymentToLedger, type MatchAccountPaymentInput, type PaymentAllocation,
} from '../domain/matching.js';
import type { Json } from '../domain/primitives.js';
import { claimPaymentEvent } from '../events.js';
import type { AccountRecord } from '../store/accounts.js';
import type { StoredLedgerEntry } from '../store/ledger-entries.js';
import { perAccountItems } from './support/account-batch.js';
import { failed, GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import { appendEntries, LedgerCache } from './support/ledger-append.js';
import type { ServicingRequest } from './support/servicing-request.js';

export type MatchAccountPaymentItem = MatchAccountPaymentInput & { accountReference: string };

/**
 * match_account_payment (spec #12, §4.4): each payment spread over the account's open items. As the seed's examples
 * show, `context.productReference` describes the payment (it is stored on the Payment entries) and does not filter
 * what it pays, and `data` lists the ledger entries the payment paid; money left over is kept as account credit.
 */
export function matchAccountPayment(ctx: ServicingRequest, body: readonly MatchAccountPaymentItem[]): Promise<Record<string, ItemResult>> {
  const cache = new LedgerCache();
  return perAccountItems(ctx, body, (account, item) => matchPayment(ctx, cache, account, item), { saveAccounts: false });
}

async function matchPayment(
  ctx: ServicingRequest, cache: LedgerCache, account: AccountRecord | undefined, item: MatchAccountPaymentItem,
): Promise<ItemResult> {
  if (!account) return failed(accountNotFound(item.accountReference));
  const ledger = await cache.get(ctx, item.accountReference);
  const { accountReference: _ref, ...input } = item;
  const match = matchPaymentToLedger(ledger.map((stored) => stored.entry), input, {
    accountCurrency: account.currency, nowMs: ctx.nowMs, fallbackReferencePrefix: randomUUID(),
  });
  if (!match.ok) return failed(match.error);
  const batch = match.value.paymentEntries.map((entry) => ({ wire: entry as unknown as Json, entry: entry as LedgerEntry }));
  const refs = await appendEntries(ctx, account, ledger, batch);
  if (input.providerName !== undefined && input.trackingId !== undefined) {
    for (const [invoiceReference, amount] of allocatedPerInvoice(match.value.allocations)) {
      ctx.events.push(claimPaymentEvent(ctx.nowIso, {
        claimRef: refs.get(invoiceReference)?.claimReference ?? invoiceReference, receeveClaimRef: refs.get(invoiceReference)?.receeveClaimRef ?? invoiceReference, providerName: input.providerName, amount, currency: input.currency,
        trackingId: input.trackingId, paymentReference: input.paymentReference,
      }));
    }
  }
  return succeeded(GENERIC_SUCCESS, paidEntries(ledger, match.value.allocations));
}

/** The wire form of the ledger entries the payment paid money to, in the order paid (the seed's answer `data`). */
function paidEntries(ledger: readonly StoredLedgerEntry[], allocations: readonly PaymentAllocation[]): Json[] {
  const paid = new Set(allocations.map((allocation) => allocation.ledgerEntryReference));
  const byReference = new Map(ledger.map((stored) => [stored.entry.ledgerEntryReference, stored.wire]));
  return [...paid].flatMap((reference) => {
    const wire = byReference.get(reference);
    return wire === undefined ? [] : [wire];
  });
}
