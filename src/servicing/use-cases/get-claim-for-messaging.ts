import type { Executor } from '../../platform/db/database.js';
import type { ClaimForMessaging } from '../domain/claim-for-messaging.js';
import { managedPrimaryDebtor, type ManagedClaimData } from '../domain/managed-claim.js';
import type { UnmanagedClaim } from '../domain/unmanaged-claim.js';
import { loadAccounts, type AccountRecord } from '../store/accounts.js';
import { loadClaims, type ClaimRow } from '../store/claims.js';

export type { ClaimForMessaging };

/** The claim and its primary debtor, or undefined for an unknown claim (or another tenant's). */
export async function getClaimForMessaging(db: Executor, tenantId: string, claimReference: string): Promise<ClaimForMessaging | undefined> {
  return (await claimsForMessaging(db, tenantId, [claimReference])).get(claimReference);
}

/** Each known claim of these (another tenant's are absent) with its primary debtor, in two queries. */
export async function claimsForMessaging(db: Executor, tenantId: string, claimReferences: readonly string[]): Promise<Map<string, ClaimForMessaging>> {
  const rows = await loadClaims(db, tenantId, claimReferences, false);
  const accountReferences = [...rows.values()].flatMap((row) => (row.managed && row.accountReference !== null ? [row.accountReference] : []));
  const accounts = accountReferences.length > 0 ? await loadAccounts(db, tenantId, accountReferences, false) : new Map<string, AccountRecord>();
  const claims = new Map<string, ClaimForMessaging>();
  for (const [reference, row] of rows) {
    const claim = messagingViewOf(row, row.accountReference === null ? undefined : accounts.get(row.accountReference));
    if (claim) claims.set(reference, claim);
  }
  return claims;
}

function messagingViewOf(row: ClaimRow, account: AccountRecord | undefined): ClaimForMessaging | undefined {
  const base = { claimReference: row.claimReference, accountReference: row.accountReference, status: row.status };
  if (!row.managed) {
    const claim = row.data as unknown as UnmanagedClaim;
    return {
      ...base, amountDue: claim.amount + (claim.totalFees ?? 0), currency: claim.currency, dueDate: claim.currentDueDate,
      paymentReference: claim.paymentReference ?? null, debtor: (claim.primaryDebtor as Record<string, unknown> | undefined) ?? null,
    };
  }
  const data = row.data as unknown as ManagedClaimData;
  // A ledger-managed claim always has its account (its currency and debtors live there).
  if (!account) return undefined;
  return {
    ...base, amountDue: data.amount + (data.totalFees ?? 0), currency: account.currency, dueDate: data.currentDueDate,
    paymentReference: data.paymentReference ?? account.paymentReference ?? null,
    debtor: (managedPrimaryDebtor(account.debtors, data.externalDebtorReference) as Record<string, unknown> | undefined) ?? null,
  };
}
