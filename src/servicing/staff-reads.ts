// What the staff console reads of one account: its debtors, its claims with their balances, and its ledger in order.
import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../platform/db/database.js';
import { entryAmount, entryCreatedAt, entryTarget, ledgerEntryType } from './domain/ledger.js';
import { servicingAccounts } from './schema.js';
import { loadAccounts } from './store/accounts.js';
import { loadLedger } from './store/ledger-entries.js';
import { readAccountClaimBalances, type ClaimBalance } from './use-cases/collections/claim-balances.js';

export interface StaffLedgerEntry {
  ledgerEntryReference: string;
  type: string;
  /** Minor units; signed for adjustments. */
  amount: number;
  createdAt: Date;
  /** The entry this one aims at (a payment's invoice, a fee's invoice), if any. */
  target?: string;
}

export interface StaffAccountView {
  accountReference: string;
  currency: string;
  paymentReference: string | null;
  portfolioReference: string | null;
  debtors: Record<string, unknown>[];
  claims: ClaimBalance[];
  ledger: StaffLedgerEntry[];
}

/** The account as staff see it; undefined when the tenant has no such account (another tenant's included). */
export async function accountForStaff(db: Executor, tenantId: string, accountReference: string): Promise<StaffAccountView | undefined> {
  const account = (await loadAccounts(db, tenantId, [accountReference], false)).get(accountReference);
  if (!account) return undefined;
  const [claims, ledger] = await Promise.all([
    readAccountClaimBalances(db, tenantId, accountReference, { all: true }), loadLedger(db, tenantId, accountReference),
  ]);
  return {
    accountReference, currency: account.currency, paymentReference: account.paymentReference, portfolioReference: account.portfolioReference,
    debtors: account.debtors as Record<string, unknown>[], claims,
    ledger: ledger.map(({ entry }) => ({
      ledgerEntryReference: entry.ledgerEntryReference, type: ledgerEntryType(entry), amount: entryAmount(entry),
      createdAt: new Date(entryCreatedAt(entry)), ...(entryTarget(entry) ? { target: entryTarget(entry) } : {}),
    })),
  };
}

/** The tenant's most recently changed accounts, newest first (the account screen's starting list). */
export async function recentAccountsForStaff(db: Executor, tenantId: string, limit: number): Promise<{ accountReference: string; currency: string; updatedAt: Date }[]> {
  return db.select({ accountReference: servicingAccounts.accountReference, currency: servicingAccounts.currency, updatedAt: servicingAccounts.updatedAt })
    .from(servicingAccounts).where(eq(servicingAccounts.tenantId, tenantId)).orderBy(desc(servicingAccounts.updatedAt)).limit(limit);
}
