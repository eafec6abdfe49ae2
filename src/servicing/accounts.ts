import { and, eq } from 'drizzle-orm';
import { checkDebtor, type Debtor } from './domain/debtor.js';
import { failed, GENERIC_SUCCESS, succeeded, type ItemResult, type ServicingContext } from './context.js';
import { appendEntries, ledgerBatchProblem, stampAll, type LedgerCache } from './ledger-service.js';
import { renderAccount } from './render.js';
import { servicingClaims } from './schema.js';
import { insertAccount, saveAccount, saveClaim, type AccountRecord, type Json } from './store.js';

/*
 * Account use cases (spec #3, #4, #6–#9, #11). The caller loaded the accounts FOR UPDATE.
 * Decisions: debtors and products are stored as sent (get_account returns them so, as its example shows); the
 * add_* responses echo them with the documented defaults (`type: natural`, `meta: {}`). A debtorReference appears
 * at most once per account (A32); an update's product `meta` replaces it; scores overwrite by type.
 */

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

/** A debtor as stored: as sent, without accountReference. */
export function normalizeDebtor(input: Json): Json {
  const { accountReference: _account, ...debtor } = input;
  return debtor;
}

/** The debtor as the add_account_debtors response shows it: `type` defaulted to natural. */
function debtorWithType(debtor: Json): Json {
  return { ...debtor, type: debtor.type ?? 'natural' };
}

function debtorProblem(debtor: Json): string | undefined {
  const problem = checkDebtor(debtor as Debtor);
  return problem ? `Invalid debtor${debtor.debtorReference ? ` ${String(debtor.debtorReference)}` : ''}: ${problem.problems.join('; ')}` : undefined;
}

function overwriteScores(scores: readonly Json[], updates: readonly Json[]): Json[] {
  const result = [...scores];
  for (const update of updates) {
    const { accountReference: _account, ...score } = update;
    const index = result.findIndex((existing) => existing.type === score.type);
    if (index >= 0) result[index] = score;
    else result.push(score);
  }
  return result;
}

function productAsSent(product: Json): Json {
  const { accountReference: _account, ...rest } = product;
  return rest;
}

/** The product as the add/update_account_products responses show it (A24): `meta` defaulted to {}. */
function withProductMeta(product: Json): Json {
  return { ...product, meta: product.meta ?? {} };
}

/** create_accounts, one item: sub-entities applied as the add_* endpoints would, all or nothing. */
export async function createAccount(
  ctx: ServicingContext, cache: LedgerCache, accountReference: string, existing: AccountRecord | undefined, input: CreateAccountInput,
): Promise<ItemResult> {
  if (existing) return failed(`Account ${accountReference} already exists`);
  const debtors = (input.debtors ?? []).map(normalizeDebtor);
  for (const debtor of debtors) {
    const problem = debtorProblem(debtor);
    if (problem) return failed(problem);
  }
  const debtorRefs = debtors.map((debtor) => debtor.debtorReference).filter((ref) => ref !== undefined);
  if (new Set(debtorRefs).size !== debtorRefs.length) return failed('A debtorReference appears twice in the account');
  const products = (input.products ?? []).map(productAsSent);
  const productRefs = products.map((product) => product.productReference);
  if (new Set(productRefs).size !== productRefs.length) return failed('A productReference appears twice in the account');
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
  };
  const batch = stampAll(ctx, input.ledgerEntries ?? []);
  const problem = batch.length > 0 ? await ledgerBatchProblem(ctx, account, [], batch) : undefined;
  if (problem) return failed(problem);
  if (!(await insertAccount(ctx.uow.tx, ctx.tenantId, account, ctx.now))) return failed(`Account ${accountReference} already exists`);
  const ledger = [] as typeof batch;
  cache.seed(accountReference, ledger);
  await appendEntries(ctx, account, ledger, batch);
  return succeeded(`Successfully created Account ${accountReference}`, renderAccount(account, ledger));
}

/** update_account_meta: shallow merge; null is stored as a value (A51). */
export async function updateAccountMeta(
  ctx: ServicingContext, accountReference: string, account: AccountRecord | undefined, meta: Json,
): Promise<ItemResult> {
  if (!account) return failed(`Account ${accountReference} not found`);
  account.meta = { ...(account.meta ?? {}), ...meta };
  await saveAccount(ctx.uow.tx, ctx.tenantId, account, ctx.now);
  ctx.touchedAccounts.add(accountReference);
  return succeeded(`Successfully updated Account meta ${accountReference}`, account.meta);
}

/** add_account_products, one item. */
export function addProduct(account: AccountRecord | undefined, item: Json): ItemResult {
  const reference = String(item.productReference);
  if (!account) return failed(`Account ${String(item.accountReference)} not found`);
  if (account.products.some((product) => product.productReference === reference)) {
    return failed(`Product ${reference} already exists in Account ${account.accountReference}`);
  }
  const product = productAsSent(item);
  account.products.push(product);
  return succeeded(`Successfully added Product ${reference}`, [{ accountReference: account.accountReference, ...withProductMeta(product) }]);
}

/** update_account_products, one item: the fields sent replace the stored ones (meta whole). */
export function updateProduct(account: AccountRecord | undefined, item: Json): ItemResult {
  const reference = String(item.productReference);
  if (!account) return failed(`Account ${String(item.accountReference)} not found`);
  const index = account.products.findIndex((product) => product.productReference === reference);
  if (index < 0) return failed(`Product ${reference} not found in Account ${account.accountReference}`);
  const { accountReference: _account, ...fields } = item;
  const product = { ...account.products[index], ...fields };
  account.products[index] = product;
  return succeeded(`Successfully updated Product ${reference}`, [{ accountReference: account.accountReference, ...withProductMeta(product) }]);
}

/** add_account_debtors, one item. */
export function addDebtor(account: AccountRecord | undefined, item: Json): ItemResult {
  if (!account) return failed(`Account ${String(item.accountReference)} not found`);
  const debtor = normalizeDebtor(item);
  const problem = debtorProblem(debtor);
  if (problem) return failed(problem);
  if (debtor.debtorReference !== undefined && account.debtors.some((existing) => existing.debtorReference === debtor.debtorReference)) {
    return failed(`Debtor ${String(debtor.debtorReference)} already exists in Account ${account.accountReference}`);
  }
  account.debtors.push(debtor);
  return succeeded(GENERIC_SUCCESS, [debtorWithType(debtor)]);
}

/** update_account_debtors, one item: shallow merge, contactInformation merged, additionalContactInformation replaced. */
export async function updateDebtor(ctx: ServicingContext, account: AccountRecord | undefined, item: Json): Promise<ItemResult> {
  if (!account) return failed(`Account ${String(item.accountReference)} not found`);
  const index = account.debtors.findIndex((existing) => existing.debtorReference === item.debtorReference);
  if (index < 0) return failed(`Debtor ${String(item.debtorReference)} not found in Account ${account.accountReference}`);
  const { accountReference: _account, ...fields } = item;
  const current = account.debtors[index] as Json;
  const contact = fields.contactInformation === undefined
    ? current.contactInformation
    : { ...(current.contactInformation as Json | undefined), ...(fields.contactInformation as Json) };
  const debtor = { ...current, ...fields, contactInformation: contact };
  const problem = debtorProblem(debtor);
  if (problem) return failed(problem);
  account.debtors[index] = debtor;
  await updateClaimsDebtor(ctx, account.accountReference, debtor);
  return succeeded(GENERIC_SUCCESS);
}

/** A32: unmanaged claims of the account whose primaryDebtor is this debtor take the new version. */
async function updateClaimsDebtor(ctx: ServicingContext, accountReference: string, debtor: Json): Promise<void> {
  const rows = await ctx.uow.tx.select().from(servicingClaims).where(and(
    eq(servicingClaims.tenantId, ctx.tenantId), eq(servicingClaims.accountReference, accountReference),
    eq(servicingClaims.debtorReference, String(debtor.debtorReference)), eq(servicingClaims.managed, false),
  ));
  for (const row of rows) {
    await saveClaim(ctx.uow.tx, ctx.tenantId, row.claimReference, { data: { ...row.data, primaryDebtor: debtor }, updatedAt: ctx.now });
    ctx.touchedClaims.add(row.claimReference);
  }
}

/** set_account_scores, one item. */
export function setScore(account: AccountRecord | undefined, item: Json): ItemResult {
  if (!account) return failed(`Account ${String(item.accountReference)} not found`);
  account.scores = overwriteScores(account.scores, [item]);
  return succeeded(`Successfully set the score of ${String(item.type)}`, [item]);
}
