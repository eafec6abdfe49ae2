import type { z } from 'zod';
import { ApiError, type FieldIssue } from '../../platform/http/api-error.js';
import type { Transaction } from '../../platform/db/database.js';
import type { SingleStatementWork, UnitOfWork } from '../../platform/unit-of-work.js';
import { ServicingRefusal } from '../domain/errors.js';
import type { CreditClaimInput, DebitClaimInput } from '../domain/claim-credit-debit.js';
import type { Json } from '../domain/primitives.js';
import type { UnmanagedClaim } from '../domain/unmanaged-claim.js';
import type { ClaimInput } from '../domain/unmanaged-claims.js';
import { addAccountDebtors } from '../use-cases/add-account-debtors.js';
import { addAccountLedgerEntries } from '../use-cases/add-account-ledger-entries.js';
import { addAccountProducts } from '../use-cases/add-account-products.js';
import { createAccounts, type CreateAccountInput, type CreatedAccount } from '../use-cases/create-accounts.js';
import { createClaims } from '../use-cases/create-claims.js';
import { creditClaims } from '../use-cases/credit-claims.js';
import { debitClaims } from '../use-cases/debit-claims.js';
import { importClaims } from '../use-cases/import-claims.js';
import { matchAccountPayment, type MatchAccountPaymentItem } from '../use-cases/match-account-payment.js';
import { recreateClaims } from '../use-cases/recreate-claims.js';
import { resolveClaims, type ResolveClaimItem } from '../use-cases/resolve-claims.js';
import { setAccountScores } from '../use-cases/set-account-scores.js';
import { setLinkClaims } from '../use-cases/set-link-claims.js';
import type { AccountItem } from '../use-cases/support/account-batch.js';
import { mapItemData, type ItemResult } from '../use-cases/support/item-result.js';
import { NeedsTransaction, runBatch, type BatchOptions, type BatchUseCase } from '../use-cases/support/servicing-request.js';
import { isUniqueViolation } from '../store/claims.js';
import { updateAccountDebtors } from '../use-cases/update-account-debtors.js';
import { updateAccountLedgerEntriesAmounts, type EntryAmountsItem } from '../use-cases/update-account-ledger-entries-amounts.js';
import { updateAccountMeta } from '../use-cases/update-account-meta.js';
import { updateAccountProducts } from '../use-cases/update-account-products.js';
import { updateClaims } from '../use-cases/update-claims.js';
import { renderAccount, renderClaimInput } from './render.js';
import * as schemas from './schemas.js';

/*
 * Every writing endpoint of the Receeve face: its body schema, the keys of its response map (for the async
 * answer), the use case over the whole batch and how item data is shown on the wire. The HTTP route and the async
 * job both run them through `runOperation`, so a queued request is processed exactly as a synchronous one.
 */

export interface ReceeveOperation<B = unknown> {
  readonly name: string;
  readonly body: z.ZodType<B>;
  /** Response keys, in body order. */
  keys(body: B): string[];
  readonly useCase: BatchUseCase<B>;
  /** The wire form of a successful item's data, where it differs from what the use case returns. */
  present?(results: Record<string, ItemResult>): Record<string, ItemResult>;
  /**
   * Whether a request naming one account is first tried as one statement outside a transaction
   * (`tryOperationInOneStatement`): use cases that read unlocked and write once at the end (the ledger writes).
   */
  readonly singleStatement?: boolean;
}

function operation<B>(definition: ReceeveOperation<B>): ReceeveOperation {
  return definition as unknown as ReceeveOperation;
}

/** A parsed body's schema type: the zod schemas give wire types, the use cases name the same shapes. */
const typed = <B>(schema: z.ZodType) => schema as unknown as z.ZodType<B>;

/** An endpoint whose body is a map of items by reference (the response keys are the body's keys). */
function mapOperation<T>(
  name: string, item: z.ZodType, useCase: BatchUseCase<Record<string, T>>, present?: ReceeveOperation['present'],
): ReceeveOperation {
  return operation<Record<string, T>>({ name, body: typed(schemas.mapBody(item)), keys: (body) => Object.keys(body), useCase, present });
}

/** An endpoint whose body is an array of items naming their account (one response key per account). */
function accountItemsOperation<T extends { accountReference: string }>(
  name: string, body: z.ZodType, useCase: BatchUseCase<T[]>, options: { singleStatement?: boolean } = {},
): ReceeveOperation {
  return operation<T[]>({ name, body: typed(body), keys: (items) => [...new Set(items.map((item) => item.accountReference))], useCase, ...options });
}

const ACCOUNT_OPERATIONS = [
  mapOperation<CreateAccountInput>('create_accounts', schemas.createAccountInputSchema, createAccounts,
    (results) => mapItemData<CreatedAccount>(results, (created) => renderAccount(created.account, created.ledger))),
  mapOperation<Json>('update_account_meta', schemas.metadataSchema, updateAccountMeta),
  accountItemsOperation<AccountItem>(
    'add_account_ledger_entries', schemas.arrayBody(schemas.accountLedgerEntrySchema), addAccountLedgerEntries, { singleStatement: true },
  ),
  accountItemsOperation<AccountItem>('add_account_products', schemas.arrayBody(schemas.accountProductItemSchema), addAccountProducts),
  accountItemsOperation<AccountItem>('update_account_products', schemas.arrayBody(schemas.accountProductItemSchema), updateAccountProducts),
  accountItemsOperation<AccountItem>('add_account_debtors', schemas.arrayBody(schemas.accountDebtorItemSchema), addAccountDebtors),
  accountItemsOperation<AccountItem>('update_account_debtors', schemas.arrayBody(schemas.accountDebtorUpdateItemSchema), updateAccountDebtors),
  accountItemsOperation<AccountItem>('set_account_scores', schemas.arrayBody(schemas.accountScoreItemSchema), setAccountScores),
  accountItemsOperation<MatchAccountPaymentItem>(
    'match_account_payment', schemas.arrayBody(schemas.matchPaymentItemSchema), matchAccountPayment, { singleStatement: true },
  ),
  accountItemsOperation<EntryAmountsItem>(
    'update_account_ledger_entries_amounts', schemas.arrayOrSingle(schemas.entryAmountsItemSchema), updateAccountLedgerEntriesAmounts,
  ),
];

const presentClaimInputs = (results: Record<string, ItemResult>) => mapItemData<UnmanagedClaim>(results, renderClaimInput);

const CLAIM_OPERATIONS = [
  mapOperation<ClaimInput>('create_claims', schemas.baseClaimInputSchema, createClaims, presentClaimInputs),
  mapOperation<ClaimInput>('recreate_claims', schemas.fullClaimInputSchema, recreateClaims, presentClaimInputs),
  mapOperation<ClaimInput>('update_claims', schemas.baseClaimInputSchema, updateClaims),
  mapOperation<ClaimInput>('import_claims', schemas.fullClaimInputSchema, importClaims),
  operation<ResolveClaimItem[]>({
    name: 'resolve_claims', body: typed(schemas.resolveBodySchema), keys: (body) => [...new Set(body.map((item) => item.ref))], useCase: resolveClaims,
  }),
  mapOperation<CreditClaimInput>('credit_claims', schemas.creditInputSchema, creditClaims),
  mapOperation<DebitClaimInput>('debit_claims', schemas.debitInputSchema, debitClaims),
  mapOperation<string | null>('set_link_claims', schemas.linkTargetSchema, setLinkClaims),
];

export const OPERATIONS: ReadonlyMap<string, ReceeveOperation> = new Map(
  [...ACCOUNT_OPERATIONS, ...CLAIM_OPERATIONS].map((definition) => [definition.name, definition]),
);

/** Runs an operation's use case in the unit of work and returns the items as the wire shows them. */
export async function runOperation(
  uow: UnitOfWork, definition: ReceeveOperation, body: unknown, options: BatchOptions,
): Promise<Record<string, ItemResult>> {
  const results = await runBatch(uow, definition.name, definition.useCase, body, options);
  return definition.present ? definition.present(results) : results;
}

/**
 * Runs an operation as one statement outside a transaction (its reads unlocked, every write in one statement whose
 * compare-and-sets on the account and claim rows it read fail it whole on a concurrent change). Null when the request
 * must run as a transaction instead, having written nothing: a request naming several accounts, a use case that
 * cannot keep to one statement, a refusal (worded by the transaction's run), or a concurrent change.
 */
export async function tryOperationInOneStatement(
  work: SingleStatementWork, definition: ReceeveOperation, body: unknown, options: BatchOptions,
): Promise<Record<string, ItemResult> | null> {
  if (!definition.singleStatement || options.triggerName || definition.keys(body).length !== 1) return null;
  // The use cases take a unit of work; its executor here is the pool, so each read is its own snapshot and the
  // one write at the end commits alone. The same object, so the audit row the batch writes marks `work` audited.
  const uow: UnitOfWork = Object.assign(work, { tx: work.db as unknown as Transaction });
  try {
    return await runOperation(uow, definition, body, { ...options, singleStatement: true });
  } catch (error) {
    if (error instanceof NeedsTransaction || error instanceof ServicingRefusal || isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Parses a body against the operation's schema; a violation is a whole-request 400 (spec A4). */
export function parseBody(definition: ReceeveOperation, raw: unknown): unknown {
  const fast = schemas.parseMapBodyFast(definition.body, raw);
  if (fast) return fast.value;
  const parsed = definition.body.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ApiError('validation', 'Invalid request body', { issues: zodIssues(parsed.error.issues, 'body') });
}

export function zodIssues(issues: readonly z.core.$ZodIssue[], location: FieldIssue['location']): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
    code: issue.code,
    message: issue.message,
    location,
  }));
}
