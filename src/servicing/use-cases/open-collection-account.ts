import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { createAccounts } from './create-accounts.js';
import { runBatch } from './support/servicing-request.js';

/** A debtor's account opened for another module (a non-payment case under collection): one legal debtor, its invoices. */
export interface CollectionAccountInput {
  readonly accountReference: string;
  readonly currency: string;
  readonly debtor: { readonly debtorReference: string; readonly companyName: string; readonly country: string; readonly email?: string | undefined };
  /** Each invoice becomes a managed claim whose reference is the invoice's. Amounts in minor units. */
  readonly invoices: readonly { readonly reference: string; readonly amount: number; readonly dueDate: string }[];
}

export type CollectionAccountOutcome = { readonly opened: true } | { readonly opened: false; readonly reason: string };

/**
 * Opens the account and its claims on the ledger as create_accounts would (events, audit row). Idempotent: an account
 * already under the reference is left as it is (`opened: false`), so a reaction delivered twice opens it once.
 */
export async function openCollectionAccount(uow: UnitOfWork, input: CollectionAccountInput): Promise<CollectionAccountOutcome> {
  const { debtorReference, companyName, country, email } = input.debtor;
  const results = await runBatch(uow, 'create_accounts', createAccounts, {
    [input.accountReference]: {
      currency: input.currency,
      debtors: [{ debtorReference, type: 'legal', companyName, contactInformation: { country, ...(email ? { email } : {}) } }],
      ledgerEntries: input.invoices.map((invoice) => ({
        ledgerEntryReference: invoice.reference, invoiceDetails: { amount: invoice.amount, dueDate: invoice.dueDate }, context: {},
      })),
    },
  }, {});
  const result = results[input.accountReference];
  return result?.success ? { opened: true } : { opened: false, reason: result?.messages.join('; ') ?? 'no result' };
}
