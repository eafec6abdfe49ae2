// The lifecycle join with servicing (issue 14 point 7): a case under collection opens an account and a claim per
// unpaid invoice for the debtor on the servicing ledger, and every payment matched there is a recovery on the case
// (a PAYMENT transaction). Both run as platform event reactions (at least once) and are idempotent.
import type { EventReaction, StoredEvent } from '../../platform/events/reactions.js';
import { businessDateAt } from '../../platform/dates.js';
import { formatDecimalAmount } from '../../platform/money.js';
import type { Platform } from '../../platform/services.js';
import { inTenant } from './in-tenant.js';
import { buyerByNumber } from '../../risk/api.js';
import { CLAIM_PAYMENT_PROCESSING, openCollectionAccount } from '../../servicing/api.js';
import type { CasesContext } from '../context.js';
import { caseNumberOf } from '../domain/codes.js';
import { findCase, transactionsOf } from '../store.js';
import { addTransactions } from '../use-cases/add-transactions.js';
import { syncBuyerClaimHold } from '../use-cases/join/hold-buyer-claim.js';
import { splitRecoveryAfterIndemnity } from '../use-cases/join/split-recovery-after-indemnity.js';

const UNDER_COLLECTION = new Set(['COLLECTION', 'CLAIM_COLLECTION']);

/** The servicing claim reference of a case's invoice: the case id, a slash, the invoice's document number. */
export function ledgerClaimReference(caseId: string, documentNumber: string): string {
  return `${caseId}/${documentNumber}`;
}

/** The case id a servicing claim reference names, or null for a claim no case opened. */
export function caseIdOfClaimReference(claimReference: string): string | null {
  const match = /^(NP-\d{6,})\//.exec(claimReference);
  return match ? match[1]! : null;
}

/** The document number of the PAYMENT transaction a servicing payment event becomes (its idempotency key on the case). */
export function recoveryDocumentNumber(eventId: number): string {
  return `RCV-${eventId}`;
}

export function collectionReactions(platform: Platform, ctx: CasesContext): EventReaction[] {
  return [
    { name: 'cases-open-collection-account', eventTypes: ['case.status_changed'], handle: (event) => openAccount(platform, event) },
    { name: 'cases-buyer-claim-hold', eventTypes: ['case.status_changed'], handle: (event) => holdBuyer(platform, event) },
    { name: 'cases-record-recovery', eventTypes: [CLAIM_PAYMENT_PROCESSING], handle: (event) => recordRecovery(platform, ctx, event) },
  ];
}

async function openAccount(platform: Platform, event: StoredEvent): Promise<void> {
  if (event.data.caseStatus !== 'OPEN' || !UNDER_COLLECTION.has(String(event.data.caseType))) return;
  const caseNumber = caseNumberOf(event.entityId);
  if (caseNumber === null) return;
  await inTenant(platform, event.tenantId, async (uow) => {
    const row = await findCase(uow.tx, uow.tenant.id, caseNumber);
    if (!row || row.caseStatus !== 'OPEN') return;
    const buyer = await buyerByNumber(uow.tx, row.buyerId);
    const invoices = (await transactionsOf(uow.tx, uow.tenant.id, caseNumber))
      .filter((t) => t.transactionType === 'INVOICE' && t.outstandingAmount > 0 && t.dueDate !== null)
      .map((t) => ({ reference: ledgerClaimReference(event.entityId, t.documentNumber), amount: t.outstandingAmount, dueDate: t.dueDate! }));
    if (!buyer || invoices.length === 0) return;
    const contact = row.debtorContact as { email?: string } | null;
    await openCollectionAccount(uow, {
      accountReference: event.entityId, currency: row.currency, invoices,
      debtor: { debtorReference: `buyer-${row.buyerId}`, companyName: row.buyerName, country: buyer.country, email: contact?.email },
    });
  });
}

/** A claim case makes its buyer uninsurable on every face until it closes (the buyer's open-claims count). */
async function holdBuyer(platform: Platform, event: StoredEvent): Promise<void> {
  const caseNumber = caseNumberOf(event.entityId);
  if (caseNumber === null) return;
  await inTenant(platform, event.tenantId, async (uow) => {
    await syncBuyerClaimHold(uow, caseNumber);
  });
}

async function recordRecovery(platform: Platform, ctx: CasesContext, event: StoredEvent): Promise<void> {
  const details = event.data.details as { claimRef?: unknown; amount?: unknown; currency?: unknown } | undefined;
  const caseId = caseIdOfClaimReference(String(details?.claimRef ?? ''));
  const caseNumber = caseId === null ? null : caseNumberOf(caseId);
  if (caseId === null || caseNumber === null || typeof details?.amount !== 'number' || details.amount <= 0) return;
  const amount = details.amount;
  await inTenant(platform, event.tenantId, async (uow) => {
    const row = await findCase(uow.tx, uow.tenant.id, caseNumber);
    if (!row || row.currency !== details.currency) return;
    const documentNumber = recoveryDocumentNumber(event.id);
    if ((await transactionsOf(uow.tx, uow.tenant.id, caseNumber)).some((t) => t.documentNumber === documentNumber)) return;
    const added = await addTransactions(uow, ctx, caseId, [{
      transactionType: 'PAYMENT', documentNumber, documentDate: businessDateAt(uow.now, ctx.timeZone),
      grossAmount: formatDecimalAmount(amount, row.currency), description: `Matched on the servicing ledger (${String(details.claimRef)})`,
    }]);
    if (!added.ok) {
      platform.logger.warn({ caseId, refusal: added.error }, 'servicing payment: not recorded on the case');
      return;
    }
    await splitRecoveryAfterIndemnity(uow, added.value.row, amount, event.id);
  });
}
