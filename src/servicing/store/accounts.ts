import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { fastRows, type FastStatement } from '../../platform/db/fast-query.js';
import type { Json } from '../domain/primitives.js';
import { servicingAccountDebtors, servicingAccounts } from '../schema.js';

/** Queries of the servicing accounts and their debtor index; every one takes the tenant id first. */

export interface AccountRecord {
  accountReference: string;
  currency: string;
  paymentReference: string | null;
  portfolioReference: string | null;
  meta: Json | null;
  scores: Json[];
  debtors: Json[];
  products: Json[];
  ledgerCount: number;
  /** The ledger's account credit (kept with its running state). */
  ledgerCredit: number;
  /** Whether the ledger's running state is stored (else it is built from the whole ledger on the next write). */
  ledgerStateBuilt: boolean;
}

/** The columns of an account row as `accountOfRow` reads them (with its row version). */
/** An account row's columns but its debtors (LEDGER_ACCOUNT_JSON reads those its own way). */
const ACCOUNT_COLUMNS_BUT_DEBTORS = `account_reference, currency, payment_reference, portfolio_reference, meta, scores, products,
      ledger_count, ledger_credit, ledger_state_built, xmin::text AS version`;
const ACCOUNT_COLUMNS = `${ACCOUNT_COLUMNS_BUT_DEBTORS}, debtors`;
const ACCOUNT_SELECT = `SELECT ${ACCOUNT_COLUMNS}
    FROM servicing_accounts WHERE tenant_id = $1::uuid AND account_reference = ANY($2::text[]) ORDER BY account_reference`;
const LOAD_ACCOUNTS: FastStatement = { name: 'servicing_load_accounts_2', text: ACCOUNT_SELECT };
const LOCK_ACCOUNTS: FastStatement = { name: 'servicing_lock_accounts_2', text: `${ACCOUNT_SELECT} FOR UPDATE` };

export interface AccountRow {
  account_reference: string;
  currency: string;
  payment_reference: string | null;
  portfolio_reference: string | null;
  meta: Json | null;
  scores: Json[];
  debtors: Json[];
  products: Json[];
  ledger_count: number;
  ledger_credit: number | string;
  ledger_state_built: boolean;
  version: string;
}

/**
 * The account as a ledger write's single read takes it: a json object (row_to_json) of the account with the tenant
 * id in `$1` and the reference in `$2`, whose debtors are their `debtorReference`s only (`debtor_references`), all a
 * ledger write reads of them, unless a debtor has none (then `debtors` whole; the path skips a missing key). The
 * debtors document is most of an account row (7 kB for 50 debtors, stored compressed); rendered whole it cost 0.03 ms
 * of PostgreSQL's and 0.05 ms of the service's CPU a write more (OFFSET 0 keeps `d` from being pulled up, which
 * would decompress the document once for each use of `count`).
 */
export const LEDGER_ACCOUNT_JSON = `(SELECT row_to_json(a) FROM (
        SELECT ${ACCOUNT_COLUMNS_BUT_DEBTORS},
          CASE WHEN jsonb_array_length(d.refs) = d.count THEN d.refs END AS debtor_references,
          CASE WHEN jsonb_array_length(d.refs) <> d.count THEN debtors END AS debtors
        FROM servicing_accounts,
          LATERAL (SELECT jsonb_path_query_array(debtors, '$[*].debtorReference') AS refs, jsonb_array_length(debtors) AS count OFFSET 0) AS d
        WHERE tenant_id = $1::uuid AND account_reference = $2) AS a)`;

/** A row of LEDGER_ACCOUNT_JSON: one of `debtor_references` and `debtors` is null. */
export type LedgerAccountRow = Omit<AccountRow, 'debtors'> & { debtor_references: Json[string][] | null; debtors: Json[] | null };

/**
 * The account of a LEDGER_ACCOUNT_JSON row. Its debtors carry their `debtorReference` and nothing else when the row
 * has only their references: enough for the ledger, which never writes an account's debtors.
 */
export function ledgerAccountOfRow(row: LedgerAccountRow): AccountRecord {
  const debtors = row.debtors ?? (row.debtor_references ?? []).map((debtorReference) => ({ debtorReference }));
  return accountOfRow({ ...row, debtors });
}

/** The row version (xmin) each loaded account was read at, for a compare-and-set on it (`accountVersion`). */
const versions = new WeakMap<AccountRecord, string>();

/** The row version `account` was read at (any change to the account row changes it). */
export function accountVersion(account: AccountRecord): string | undefined {
  return versions.get(account);
}

/**
 * Loads accounts by reference; with `lock`, takes their rows FOR UPDATE in reference order (no deadlocks). A fixed
 * prepared statement: every account write starts here, and drizzle's query building cost more than the query.
 */
export async function loadAccounts(
  db: Executor, tenantId: string, references: readonly string[], lock: boolean,
): Promise<Map<string, AccountRecord>> {
  if (references.length === 0) return new Map();
  const sorted = [...new Set(references)].sort();
  const rows = await fastRows<AccountRow>(db, lock ? LOCK_ACCOUNTS : LOAD_ACCOUNTS, [tenantId, sorted]);
  return new Map(rows.map((row) => [row.account_reference, accountOfRow(row)]));
}

/** The account of a row of ACCOUNT_COLUMNS (its version noted for `accountVersion`). */
export function accountOfRow(row: AccountRow): AccountRecord {
  const account: AccountRecord = {
    accountReference: row.account_reference, currency: row.currency, paymentReference: row.payment_reference,
    portfolioReference: row.portfolio_reference, meta: row.meta, scores: row.scores, debtors: row.debtors, products: row.products,
    ledgerCount: Number(row.ledger_count), ledgerCredit: Number(row.ledger_credit), ledgerStateBuilt: row.ledger_state_built,
  };
  versions.set(account, row.version);
  return account;
}

/** What claim use cases read of an account: its currency, its first debtor and the references of all its debtors. */
export interface ClaimAccountRecord {
  accountReference: string;
  currency: string;
  firstDebtor: Json | null;
  /** The `debtorReference` values of the account's debtors, as stored (debtors without one are not listed). */
  debtorReferences: unknown[];
}

const LOAD_CLAIM_ACCOUNTS: FastStatement = {
  name: 'servicing_load_claim_accounts',
  text: `WITH existing AS (
      SELECT claim_reference, account_reference FROM servicing_claims WHERE tenant_id = $1::uuid AND claim_reference = ANY($2::text[])
    ), locked AS MATERIALIZED (
      SELECT account_reference, currency, debtors->0 AS first_debtor,
        jsonb_path_query_array(debtors, '$[*].debtorReference') AS debtor_references
      FROM servicing_accounts
      WHERE tenant_id = $1::uuid AND (account_reference = ANY($3::text[]) OR account_reference IN (SELECT account_reference FROM existing))
      ORDER BY account_reference FOR UPDATE
    )
    SELECT (SELECT coalesce(array_agg(claim_reference), '{}') FROM existing) AS existing_claims, locked.*
    FROM (SELECT 1) AS one LEFT JOIN locked ON true`,
};

/**
 * Locks and loads the part of accounts a claim batch needs: the accounts named, and those of the named claims that
 * exist, FOR UPDATE in reference order (as `loadAccounts`); answers which of the named claims exist too, all in one
 * round trip. Reading the whole debtor list of every account of a 1,000-claim batch cost more than the rest of the read.
 */
export async function loadClaimAccounts(
  db: Executor, tenantId: string, accountReferences: readonly string[], claimReferences: readonly string[],
): Promise<{ accounts: Map<string, ClaimAccountRecord>; existingClaims: string[] }> {
  if (accountReferences.length === 0 && claimReferences.length === 0) return { accounts: new Map(), existingClaims: [] };
  const rows = await fastRows<{
    existing_claims: string[]; account_reference: string | null; currency: string; first_debtor: Json | null; debtor_references: unknown[];
  }>(db, LOAD_CLAIM_ACCOUNTS, [tenantId, [...new Set(claimReferences)], [...new Set(accountReferences)]]);
  const accounts = new Map<string, ClaimAccountRecord>();
  for (const row of rows) {
    if (row.account_reference === null) continue;
    accounts.set(row.account_reference, {
      accountReference: row.account_reference, currency: row.currency, firstDebtor: row.first_debtor, debtorReferences: row.debtor_references,
    });
  }
  return { accounts, existingClaims: rows[0]?.existing_claims ?? [] };
}

/** Appends debtors to an existing account (claims naming a debtor new to their account, A29/§3.3). */
export async function appendAccountDebtors(db: Executor, tenantId: string, accountReference: string, debtors: readonly Json[], now: Date): Promise<void> {
  await db.execute(sql`
    UPDATE servicing_accounts SET debtors = debtors || ${JSON.stringify(debtors)}::jsonb, updated_at = ${now.toISOString()}::timestamptz
    WHERE tenant_id = ${tenantId}::uuid AND account_reference = ${accountReference}`);
  await insertAccountDebtorReferences(db, tenantId, accountReference, debtors);
}

/** Inserts a new account unless the reference is taken (concurrently too); returns whether it was inserted. */
export async function insertAccount(db: Executor, tenantId: string, account: AccountRecord, now: Date): Promise<boolean> {
  const rows = await db.insert(servicingAccounts)
    .values({ tenantId, ...account, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ accountReference: servicingAccounts.accountReference });
  if (rows.length === 0) return false;
  await syncAccountDebtors(db, tenantId, account);
  return true;
}

/**
 * Inserts new accounts in one statement, skipping references taken meanwhile (concurrently too), and their debtor
 * references in one more; returns the references inserted. The bulk form of insertAccount for claim batches that
 * create many accounts at once (a portfolio import creates up to 1,000 per batch).
 */
export async function insertAccounts(db: Executor, tenantId: string, accounts: readonly AccountRecord[], now: Date): Promise<Set<string>> {
  if (accounts.length === 0) return new Set();
  const rows = await db.insert(servicingAccounts)
    .values(accounts.map((account) => ({ tenantId, ...account, createdAt: now, updatedAt: now })))
    .onConflictDoNothing()
    .returning({ accountReference: servicingAccounts.accountReference });
  const inserted = new Set(rows.map((row) => row.accountReference));
  const references = accounts.filter((account) => inserted.has(account.accountReference)).flatMap((account) =>
    account.debtors.map((debtor) => debtor.debtorReference).filter((ref): ref is string => typeof ref === 'string')
      .map((debtorReference) => ({ tenantId, debtorReference, accountReference: account.accountReference })));
  if (references.length > 0) await db.insert(servicingAccountDebtors).values(references).onConflictDoNothing();
  return inserted;
}

/** Writes an account's mutable columns. */
export async function saveAccount(db: Executor, tenantId: string, account: AccountRecord, now: Date): Promise<void> {
  const { accountReference, ...fields } = account;
  await db.update(servicingAccounts).set({ ...fields, updatedAt: now })
    .where(and(eq(servicingAccounts.tenantId, tenantId), eq(servicingAccounts.accountReference, accountReference)));
  await syncAccountDebtors(db, tenantId, account);
}

async function syncAccountDebtors(db: Executor, tenantId: string, account: AccountRecord): Promise<void> {
  await insertAccountDebtorReferences(db, tenantId, account.accountReference, account.debtors);
}

async function insertAccountDebtorReferences(db: Executor, tenantId: string, accountReference: string, debtors: readonly Json[]): Promise<void> {
  const references = debtors.map((debtor) => debtor.debtorReference).filter((ref): ref is string => typeof ref === 'string');
  if (references.length === 0) return;
  await db.insert(servicingAccountDebtors)
    .values(references.map((debtorReference) => ({ tenantId, debtorReference, accountReference })))
    .onConflictDoNothing();
}

/**
 * Accounts where a debtor appears: in the account's debtors or as a claim's primaryDebtor. Both are in
 * servicing_account_debtors: a claim's debtor joins its account's debtors when new there (A29/§3.3), and the
 * table keeps every (debtor, account) pair ever written (migration 0049 added those of the claims before it).
 */
export async function accountsOfDebtor(db: Executor, tenantId: string, debtorReference: string): Promise<string[]> {
  const rows = await db.select({ accountReference: servicingAccountDebtors.accountReference }).from(servicingAccountDebtors)
    .where(and(eq(servicingAccountDebtors.tenantId, tenantId), eq(servicingAccountDebtors.debtorReference, debtorReference)));
  return rows.map((row) => row.accountReference).sort();
}
