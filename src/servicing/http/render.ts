import { joinedUtf8 } from '../../platform/http/json-bytes.js';
import type { Debtor } from '../domain/debtor.js';
import { managedPrimaryDebtor, type ManagedClaimData } from '../domain/managed-claim.js';
import { compact, type Json } from '../domain/primitives.js';
import type { UnmanagedClaim } from '../domain/unmanaged-claim.js';
import type { AccountRecord } from '../store/accounts.js';
import type { AsyncRequestRow } from '../store/async-requests.js';
import type { ClaimRow } from '../store/claims.js';
import type { StoredLedgerEntry } from '../store/ledger-entries.js';

/** Wire shapes of the Receeve face: Account (§6.2), ClaimResponse, the ClaimInput echo, the async request. */

export function renderAccount(account: AccountRecord, ledger: readonly StoredLedgerEntry[]): Json {
  return compact({
    currency: account.currency,
    paymentReference: account.paymentReference ?? undefined,
    portfolioReference: account.portfolioReference ?? undefined,
    meta: account.meta ?? undefined,
    scores: account.scores,
    debtors: account.debtors,
    products: account.products,
    ledgerEntries: ledger.map((stored) => stored.wire),
  });
}

/**
 * The wire Account as UTF-8 bytes, with the ledger (its entries' JSON texts in order, or runs of them joined by ", ",
 * as the store reads them) spliced in unparsed. Each piece is encoded straight into one buffer of the answer's
 * size: joining a megabyte of text first and encoding the joined string cost a third of the read's CPU.
 */
export function renderAccountJson(account: AccountRecord, ledger: readonly string[]): Buffer {
  const head = JSON.stringify(renderAccount(account, []));
  const open = `${head.slice(0, head.lastIndexOf('[]}'))}[`;
  return joinedUtf8(open, ledger, ', ', ']}');
}

/** A ClaimResponse; account meta is inherited (claim keys win, A51). */
export function renderClaim(row: ClaimRow, account: AccountRecord | undefined): Json {
  const accountMeta = account?.meta ?? {};
  if (row.managed) {
    const data = row.data as unknown as ManagedClaimData;
    return compact({
      amount: data.amount,
      currency: account?.currency,
      productReference: data.productReference,
      product: data.productReference === undefined ? undefined : account?.products.find((product) => product.productReference === data.productReference),
      totalFees: data.totalFees,
      currentDueDate: data.currentDueDate,
      originalDueDate: data.originalDueDate,
      accountReference: row.accountReference ?? undefined,
      paymentReference: data.paymentReference,
      meta: { ...accountMeta, ...data.meta },
      fees: data.fees,
      linkGroupId: row.linkGroupId,
      primaryDebtor: managedPrimaryDebtor(account?.debtors ?? [], data.externalDebtorReference),
      claimReference: row.claimReference,
      status: row.status,
    });
  }
  const claim = row.data as unknown as UnmanagedClaim;
  return compact({
    amount: claim.amount,
    currency: claim.currency,
    productReference: claim.productReference,
    product: claim.product,
    portfolioReference: claim.portfolioReference,
    creditorReference: claim.creditorReference,
    scores: claim.scores,
    totalFees: claim.totalFees,
    currentDueDate: claim.currentDueDate,
    originalDueDate: claim.originalDueDate,
    accountReference: claim.accountReference,
    paymentReference: claim.paymentReference,
    meta: { ...accountMeta, ...claim.meta },
    fees: claim.fees,
    linkGroupId: row.linkGroupId,
    primaryDebtor: claim.primaryDebtor as Debtor,
    claimReference: row.claimReference,
    status: row.status,
  });
}

/** The claim as stored, in the wire ClaimInput shape (the create/recreate_claims item `data`). */
export function renderClaimInput(claim: UnmanagedClaim): Json {
  return compact({
    amount: claim.amount,
    currency: claim.currency,
    currentDueDate: claim.currentDueDate,
    originalDueDate: claim.originalDueDate,
    productReference: claim.productReference,
    product: claim.product,
    accountReference: claim.accountReference,
    portfolioReference: claim.portfolioReference,
    creditorReference: claim.creditorReference,
    scores: claim.scores,
    paymentReference: claim.paymentReference,
    totalFees: claim.totalFees,
    fees: claim.fees,
    linkGroupId: claim.linkGroupId,
    primaryDebtor: claim.primaryDebtor,
    meta: claim.meta,
  });
}

/**
 * One account of get_debtor_accounts_and_claims (see the guide's decisions): its claims in the seed's BaseClaim shape,
 * which carries neither claimReference nor status.
 */
export function renderDebtorAccount(account: AccountRecord, claims: readonly ClaimRow[]): Json {
  return {
    accountReference: account.accountReference,
    currency: account.currency,
    ...(account.meta ? { meta: account.meta } : {}),
    ...(account.paymentReference ? { paymentReference: account.paymentReference } : {}),
    ...(account.portfolioReference ? { portfolioReference: account.portfolioReference } : {}),
    claims: claims.map((row) => baseClaim(renderClaim(row, account))),
    debtors: account.debtors,
  };
}

function baseClaim(claim: Json): Json {
  const { claimReference: _reference, status: _status, ...base } = claim as Record<string, Json>;
  return base;
}

/** The async request as `get_async_request` shows it. */
export function renderAsyncRequest(row: AsyncRequestRow): Json {
  return {
    requestId: row.jobId,
    operation: row.operation,
    status: row.status,
    ...(row.requestedAt ? { requestedAt: row.requestedAt.toISOString() } : {}),
    ...(row.processedAt ? { processedAt: row.processedAt.toISOString() } : {}),
    ...(row.status === 'SUCCEEDED' ? { results: row.result } : {}),
    ...(row.status === 'FAILED' ? { error: row.error } : {}),
  };
}
