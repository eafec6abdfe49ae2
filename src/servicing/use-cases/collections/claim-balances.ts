import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import type { ManagedClaimData } from '../../domain/managed-claim.js';
import type { UnmanagedClaim } from '../../domain/unmanaged-claim.js';
import { servicingClaims } from '../../schema.js';
import { loadAccounts, type AccountRecord } from '../../store/accounts.js';
import { loadClaims, type ClaimRow } from '../../store/claims.js';

/*
 * What collections reads of accounts and claims (promises, instalment plans, mandates, files): balances and the
 * references that must exist, in one neutral shape for managed and unmanaged claims.
 */

export interface ClaimBalance {
  claimReference: string;
  accountReference: string | null;
  status: 'ACTIVE' | 'RESOLVED';
  resolutionReason: string | null;
  currency: string;
  /** Principal outstanding, in minor units. */
  amount: number;
  totalFees: number;
  fees: { name: string; amount: number }[];
  /** amount + totalFees. */
  outstanding: number;
  currentDueDate: string;
  /** The claim's meta as the client sent it (the debtor's own invoice and PO numbers live there). */
  meta: Readonly<Record<string, unknown>>;
}

export interface AccountFacts {
  accountReference: string;
  currency: string;
  debtorReferences: string[];
  productReferences: string[];
}

function balanceOf(row: ClaimRow, account: AccountRecord | undefined): ClaimBalance {
  const data = row.data as unknown as ManagedClaimData & Partial<UnmanagedClaim>;
  const currency = row.managed ? account?.currency ?? '' : String(data.currency);
  return {
    claimReference: row.claimReference, accountReference: row.accountReference, status: row.status, resolutionReason: row.resolutionReason,
    currency, amount: data.amount, totalFees: data.totalFees, fees: (data.fees ?? []).map((fee) => ({ name: fee.name, amount: fee.amount })),
    outstanding: data.amount + data.totalFees, currentDueDate: String(data.currentDueDate),
    meta: (data.meta ?? {}) as Record<string, unknown>,
  };
}

/** The balances of the named claims that exist (another tenant's are simply absent). */
export async function readClaimBalances(db: Executor, tenantId: string, claimReferences: readonly string[]): Promise<Map<string, ClaimBalance>> {
  const rows = await loadClaims(db, tenantId, claimReferences, false);
  const accountReferences = [...rows.values()].flatMap((row) => (row.managed && row.accountReference ? [row.accountReference] : []));
  const accounts = await loadAccounts(db, tenantId, accountReferences, false);
  return new Map([...rows].map(([reference, row]) => [reference, balanceOf(row, row.accountReference ? accounts.get(row.accountReference) : undefined)]));
}

/** The claims of an account (ACTIVE only unless `all`), in creation order. */
export async function readAccountClaimBalances(
  db: Executor, tenantId: string, accountReference: string, options: { all?: boolean } = {},
): Promise<ClaimBalance[]> {
  const conditions = [eq(servicingClaims.tenantId, tenantId), eq(servicingClaims.accountReference, accountReference)];
  if (!options.all) conditions.push(eq(servicingClaims.status, 'ACTIVE'));
  const rows = await db.select().from(servicingClaims).where(and(...conditions)).orderBy(asc(servicingClaims.seq));
  const accounts = await loadAccounts(db, tenantId, [accountReference], false);
  return rows.map((row) => balanceOf(row, accounts.get(accountReference)));
}

/** The account's currency and the references of its debtors and products; undefined for an unknown account. */
export async function readAccountFacts(db: Executor, tenantId: string, accountReference: string): Promise<AccountFacts | undefined> {
  const account = (await loadAccounts(db, tenantId, [accountReference], false)).get(accountReference);
  if (!account) return undefined;
  const references = (items: readonly Record<string, unknown>[], key: string) =>
    items.flatMap((item) => (typeof item[key] === 'string' ? [item[key]] : []));
  return {
    accountReference, currency: account.currency,
    debtorReferences: references(account.debtors, 'debtorReference'), productReferences: references(account.products, 'productReference'),
  };
}
