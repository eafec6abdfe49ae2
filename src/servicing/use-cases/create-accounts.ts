import { debtorProblem, overwriteScores, productAsSent, normalizeDebtor } from '../domain/account.js';
import { accountError } from '../domain/errors.js';
import type { Json } from '../domain/primitives.js';
import { insertAccount, type AccountRecord } from '../store/accounts.js';
import type { StoredLedgerEntry } from '../store/ledger-entries.js';
import { perAccountEntry } from './support/account-batch.js';
import { failed, succeeded, type ItemResult } from './support/item-result.js';
import { LedgerSessions, ledgerBatchProblem, stampAll } from './support/ledger-append.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** create_accounts (spec #3): each account with its sub-entities, applied as the add_* endpoints would, all or nothing. */

export interface CreateAccountInput {
  currency: string;
  paymentReference?: string;
  portfolioReference?: string;
  meta?: Json;
  scores?: Json[];
  debtors?: Json[];
  products?: Json[];
  ledgerEntries?: Json[];
}

/** What a created account's item carries: the account and its ledger as stored. */
export interface CreatedAccount {
  account: AccountRecord;
  ledger: readonly StoredLedgerEntry[];
}

export function createAccounts(ctx: ServicingRequest, body: Record<string, CreateAccountInput>): Promise<Record<string, ItemResult>> {
  const sessions = new LedgerSessions();
  return perAccountEntry(ctx, body, (reference, existing, input) => createAccount(ctx, sessions, reference, existing, input));
}

async function createAccount(
  ctx: ServicingRequest, sessions: LedgerSessions, accountReference: string, existing: AccountRecord | undefined, input: CreateAccountInput,
): Promise<ItemResult> {
  const alreadyExists = accountError('ACCOUNT_ALREADY_EXISTS', accountReference, `Account ${accountReference} already exists`);
  if (existing) return failed(alreadyExists);
  const account = newAccount(accountReference, input);
  if ('code' in account) return failed(account);
  const batch = stampAll(ctx, input.ledgerEntries ?? []);
  const problem = batch.length > 0 ? await ledgerBatchProblem(ctx, account, [], batch) : undefined;
  if (problem) return failed(problem);
  if (!(await insertAccount(ctx.uow.tx, ctx.tenantId, account, ctx.now))) return failed(alreadyExists);
  await sessions.of(ctx, account).append(batch);
  const created: CreatedAccount = { account, ledger: batch };
  return succeeded(`Successfully created Account ${accountReference}`, created);
}

/** The account as the input describes it, or why its debtors or products are unacceptable. */
function newAccount(accountReference: string, input: CreateAccountInput) {
  const debtors = (input.debtors ?? []).map(normalizeDebtor);
  for (const debtor of debtors) {
    const problem = debtorProblem(debtor);
    if (problem) return problem;
  }
  const debtorRefs = debtors.map((debtor) => debtor.debtorReference).filter((ref) => ref !== undefined);
  if (new Set(debtorRefs).size !== debtorRefs.length) {
    return accountError('DUPLICATE_DEBTOR_REFERENCE', accountReference, 'A debtorReference appears twice in the account');
  }
  const products = (input.products ?? []).map(productAsSent);
  const productRefs = products.map((product) => product.productReference);
  if (new Set(productRefs).size !== productRefs.length) {
    return accountError('DUPLICATE_PRODUCT_REFERENCE', accountReference, 'A productReference appears twice in the account');
  }
  const account: AccountRecord = {
    accountReference,
    currency: input.currency,
    paymentReference: input.paymentReference ?? null,
    portfolioReference: input.portfolioReference ?? null,
    meta: input.meta ?? null,
    scores: overwriteScores([], input.scores ?? []),
    debtors,
    products,
    ledgerCount: 0,
    ledgerCredit: 0,
    ledgerStateBuilt: true,
  };
  return account;
}
