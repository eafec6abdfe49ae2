import { randomBytes, randomUUID } from 'node:crypto';
import type { Platform } from '../../../platform/services.js';
import { creditorReference } from '../../landing/rf-reference.js';
import { insertLandingPayment, readLandingPayee, type LandingPayeeRow } from '../../landing/store.js';
import { registerPaymentTarget, type ClaimBalance } from '../../../servicing/api.js';
import { withVerifiedSession } from './landing-link.js';
import { readLandingAccount } from './read-landing-account.js';

export interface PreparedBankTransfer {
  reference: string;
  amount: number;
  currency: string;
  items: ClaimBalance[];
  /** Null while the creditor has not set the account debtors pay into. */
  payee: LandingPayeeRow | null;
}

export type BankTransferOutcome = { kind: 'prepared'; transfer: PreparedBankTransfer } | { kind: 'nothing_chosen' } | { kind: 'mixed_currencies' };

const REFERENCE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** 16 random letters and digits (about 82 bits): the body of the transfer's RF reference. */
function referenceBody(): string {
  return [...randomBytes(16)].map((byte) => REFERENCE_ALPHABET[byte % 36]).join('');
}

/**
 * The debtor chooses open items of the account (all of them when `claimReferences` is 'all') to pay by bank transfer:
 * the sum and a new RF reference are stored with the chosen items, to be quoted on the transfer, and registered with
 * servicing as the reference's payment target. Null when the visitor
 * has no session on an open link.
 */
export async function prepareBankTransfer(
  platform: Platform, token: string, sessionValue: string | undefined, claimReferences: readonly string[] | 'all',
): Promise<BankTransferOutcome | null> {
  return withVerifiedSession(platform, token, sessionValue, async (uow, link) => {
    const account = await readLandingAccount(uow.tx, link);
    const open = (account?.claims ?? []).filter((claim) => claim.status === 'ACTIVE' && claim.outstanding > 0);
    const chosen = claimReferences === 'all' ? open : open.filter((claim) => claimReferences.includes(claim.claimReference));
    if (chosen.length === 0) return { kind: 'nothing_chosen' };
    const currencies = new Set(chosen.map((claim) => claim.currency));
    if (currencies.size > 1) return { kind: 'mixed_currencies' };
    const reference = creditorReference(referenceBody());
    const amount = chosen.reduce((sum, claim) => sum + claim.outstanding, 0);
    const currency = chosen[0]?.currency ?? '';
    await insertLandingPayment(uow.tx, {
      tenantId: uow.tenant.id, id: randomUUID(), reference, linkId: link.id, accountReference: link.accountReference,
      claimReferences: chosen.map((claim) => claim.claimReference), amount, currency, createdAt: uow.now,
    });
    // match_account_payment quoting the reference then pays exactly these invoices first.
    if (link.accountReference !== null) {
      await registerPaymentTarget(uow.tx, uow.tenant.id, {
        paymentReference: reference, accountReference: link.accountReference, invoiceReferences: chosen.map((claim) => claim.claimReference),
      }, uow.now);
    }
    return { kind: 'prepared', transfer: { reference, amount, currency, items: chosen, payee: (await readLandingPayee(uow.tx, uow.tenant.id)) ?? null } };
  });
}
