import type { Debtor } from './domain/debtor.js';
import type { UnmanagedClaim } from './domain/unmanaged-claim.js';
import { compact } from './context.js';
import type { AccountRecord, ClaimRow, Json, StoredLedgerEntry } from './store.js';

/** Wire shapes of the Receeve face: Account (§6.2) and ClaimResponse. */

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

/** Stored document of a managed claim: the ledger-derived fields. */
export interface ManagedClaimData {
  amount: number;
  totalFees: number;
  fees: { name: string; amount: number }[];
  originalDueDate: string;
  currentDueDate: string;
  productReference?: string;
  paymentReference?: string;
  meta: Json;
  externalDebtorReference?: string;
}

/** The managed claim's primaryDebtor: the account debtor named by the invoice, else the first account debtor (§4.2). */
export function managedPrimaryDebtor(account: AccountRecord | undefined, externalDebtorReference: string | undefined): Json | undefined {
  const debtors = account?.debtors ?? [];
  return debtors.find((debtor) => externalDebtorReference !== undefined && debtor.debtorReference === externalDebtorReference) ?? debtors[0];
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
      primaryDebtor: managedPrimaryDebtor(account, data.externalDebtorReference),
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

/** The unmanaged claim held in a row, with the row's status columns. */
export function unmanagedFromRow(row: ClaimRow): UnmanagedClaim {
  const data = row.data as unknown as UnmanagedClaim;
  return {
    ...data,
    claimReference: row.claimReference,
    status: row.status,
    resolutionReason: (row.resolutionReason ?? null) as UnmanagedClaim['resolutionReason'],
    linkGroupId: row.linkGroupId,
  };
}

/** The stored document of an unmanaged claim (status columns live on the row). */
export function unmanagedData(claim: UnmanagedClaim): Json {
  const { status: _status, resolutionReason: _reason, linkGroupId: _link, claimReference: _ref, ...data } = claim;
  return data as unknown as Json;
}
