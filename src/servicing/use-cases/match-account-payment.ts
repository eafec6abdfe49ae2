import { randomUUID } from 'node:crypto';
import { accountNotFound } from '../domain/errors.js';
import type { LedgerEntry } from '../domain/ledger.js';
import {
  allocatedPerInvoice, matchPaymentToItems, paymentReferencePrefix, type MatchAccountPaymentInput, type MatchEnvironment, type PaymentAllocation,
} from '../domain/matching.js';
import type { Json } from '../domain/primitives.js';
import { claimPaymentEvent } from '../events.js';
import type { AccountRecord } from '../store/accounts.js';
import { existingLedgerReferences, loadAccountOpenItemsAndUsed } from '../store/ledger-state.js';
import { findPaymentTarget } from './collections/payment-targets.js';
import { perAccountItems } from './support/account-batch.js';
import { failed, GENERIC_SUCCESS, mergeByKey, succeeded, type ItemResult } from './support/item-result.js';
import { LedgerSessions, type AccountLedger, type OpenItemsAndUsed } from './support/ledger-append.js';
import type { ServicingRequest } from './support/servicing-request.js';

export type MatchAccountPaymentItem = MatchAccountPaymentInput & { accountReference: string };

/**
 * match_account_payment (spec #12, §4.4): each payment spread over the account's open items. As the seed's examples
 * show, `context.productReference` describes the payment (it is stored on the Payment entries) and does not filter
 * what it pays, and `data` lists the ledger entries the payment paid; money left over is kept as account credit.
 * A paymentReference registered as a payment target (the debtor's landing page) pays its invoices first.
 */
export async function matchAccountPayment(ctx: ServicingRequest, body: readonly MatchAccountPaymentItem[]): Promise<Record<string, ItemResult>> {
  const sessions = new LedgerSessions({ deferWrites: true });
  const [only] = body;
  if (ctx.singleStatement && only && body.length === 1) {
    // One statement: the account comes with its open items and the first names the payment's entries may take, in
    // the request's first read.
    const fallbackReferencePrefix = randomUUID();
    const names = candidateNames(paymentReferencePrefix(only, fallbackReferencePrefix), FIRST_CANDIDATES);
    const { account, ...preRead } = await loadAccountOpenItemsAndUsed(ctx.uow.tx, ctx.tenantId, only.accountReference, names);
    const result = await matchPayment(ctx, sessions, account, only, { fallbackReferencePrefix, preRead });
    if (result.success) ctx.touchedAccounts.add(only.accountReference);
    return mergeByKey([{ key: only.accountReference, result }]);
  }
  return perAccountItems(ctx, body, (account, item) => matchPayment(ctx, sessions, account, item), { saveAccounts: false });
}

/** Names tried first for a payment's entries (`<prefix>_1` …), read with the open items. */
const FIRST_CANDIDATES = 8;

function candidateNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, n) => `${prefix}_${n + 1}`);
}

async function matchPayment(
  ctx: ServicingRequest, sessions: LedgerSessions, account: AccountRecord | undefined, item: MatchAccountPaymentItem,
  read: { fallbackReferencePrefix: string; preRead?: OpenItemsAndUsed } = { fallbackReferencePrefix: randomUUID() },
): Promise<ItemResult> {
  if (!account) return failed(accountNotFound(item.accountReference));
  const ledger = sessions.of(ctx, account);
  const { accountReference: _ref, ...input } = item;
  const targetInvoices = input.paymentReference === undefined
    ? undefined : await findPaymentTarget(ctx.uow.tx, ctx.tenantId, item.accountReference, input.paymentReference);
  const environment = { accountCurrency: account.currency, nowMs: ctx.nowMs, fallbackReferencePrefix: read.fallbackReferencePrefix, targetInvoices };
  const match = await decideMatch(ledger, input, environment, read.preRead);
  if (!match.ok) return failed(match.error);
  const batch = match.value.paymentEntries.map((entry) => ({ wire: entry as unknown as Json, entry: entry as LedgerEntry }));
  const refs = await ledger.append(batch);
  if (input.providerName !== undefined && input.trackingId !== undefined) {
    for (const [invoiceReference, amount] of allocatedPerInvoice(match.value.allocations)) {
      ctx.events.push(claimPaymentEvent(ctx.nowIso, {
        claimRef: refs.get(invoiceReference)?.claimReference ?? invoiceReference, receeveClaimRef: refs.get(invoiceReference)?.receeveClaimRef ?? invoiceReference, providerName: input.providerName, amount, currency: input.currency,
        trackingId: input.trackingId, paymentReference: input.paymentReference,
      }));
    }
  }
  return succeeded(GENERIC_SUCCESS, await paidEntries(ledger, match.value.allocations));
}

/**
 * The match over the account's open items. Its Payment entries are named `<prefix>_<n>`, skipping references the
 * account already uses: those among the first candidates are read first, and again with more candidates in the
 * rare case the match needed names past them.
 */
async function decideMatch(ledger: AccountLedger, input: MatchAccountPaymentInput, environment: MatchEnvironment, preRead?: OpenItemsAndUsed) {
  const prefix = paymentReferencePrefix(input, environment.fallbackReferencePrefix);
  // The open items and the first candidates' names in one read (or read with the account).
  const { items, used: firstUsed } = await ledger.openItemsNaming(candidateNames(prefix, FIRST_CANDIDATES), preRead);
  for (let candidates = FIRST_CANDIDATES; ; candidates *= 4) {
    const names = candidateNames(prefix, candidates);
    const used = candidates === FIRST_CANDIDATES
      ? firstUsed : await existingLedgerReferences(ledger.ctx.uow.tx, ledger.ctx.tenantId, ledger.account.accountReference, names);
    const checked = new Set(names);
    let beyond = false;
    const match = matchPaymentToItems(items, input, environment, (reference) => {
      if (!checked.has(reference)) beyond = true;
      return used.has(reference);
    });
    if (!beyond) return match;
  }
}

/** The wire form of the ledger entries the payment paid money to, in the order paid (the seed's answer `data`). */
async function paidEntries(ledger: AccountLedger, allocations: readonly PaymentAllocation[]): Promise<Json[]> {
  const paid = [...new Set(allocations.map((allocation) => allocation.ledgerEntryReference))];
  const byReference = new Map((await ledger.entries(paid)).map((stored) => [stored.entry.ledgerEntryReference, stored.wire]));
  return paid.flatMap((reference) => {
    const wire = byReference.get(reference);
    return wire === undefined ? [] : [wire];
  });
}
