import { randomUUID } from 'node:crypto';
import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import type { Executor, Transaction } from '../platform/db/database.js';
import { fastRows, type FastStatement, type FastWrite } from '../platform/db/fast-query.js';
import type { Product } from './domain/products.js';
import { type Buyer, type ExposureRow } from '../risk/api.js';
import { insurancePolicySignatures, insuranceQuotes } from './schema.js';

export type QuoteRow = typeof insuranceQuotes.$inferSelect;
export type NewQuoteRow = typeof insuranceQuotes.$inferInsert;

export const LIVE_STATUSES = ['quote.pending', 'quote.offered', 'activation.pending', 'cover.activated', 'claim.pending'] as const;

// Hot-path statements as fixed SQL (no query building per request); the column list comes from the table definition.
const COLUMNS = Object.entries(getTableColumns(insuranceQuotes)).map(([key, column]) => ({
  key, name: column.name, numeric: column.columnType === 'PgBigInt53' || column.columnType === 'PgInteger',
}));
/** The quote table's columns: property key, column name, and whether the driver may hand the value back as a string. */
export function quoteColumns(): readonly { key: string; name: string; numeric: boolean }[] {
  return COLUMNS;
}
const SELECT_LIST = COLUMNS.map((column) => `"${column.name}" AS "${column.key}"`).join(', ');
const LIVE_LIST = LIVE_STATUSES.map((status) => `'${status}'`).join(', ');

const FIND_QUOTE: FastStatement = { name: 'insurance_find_quote', text: `SELECT ${SELECT_LIST} FROM insurance_quotes WHERE tenant_id = $1 AND product = $2 AND id = $3` };
const FIND_TENANT_QUOTE: FastStatement = { name: 'insurance_find_tenant_quote', text: `SELECT ${SELECT_LIST} FROM insurance_quotes WHERE tenant_id = $1 AND id = $2` };
const LOCK_QUOTE: FastStatement = { name: 'insurance_lock_quote', text: `${FIND_TENANT_QUOTE.text} FOR UPDATE` };
const LOCK_LIVE_FOR_INVOICE: FastStatement = {
  name: 'insurance_lock_live_for_invoice',
  text: `SELECT ${SELECT_LIST} FROM insurance_quotes
    WHERE tenant_id = $1 AND product = $2 AND invoice_reference = $3 AND status IN (${LIVE_LIST}) FOR UPDATE`,
};
const INSERT_QUOTE: FastStatement = {
  name: 'insurance_insert_quote',
  text: `INSERT INTO insurance_quotes (${COLUMNS.map((column) => `"${column.name}"`).join(', ')})
    VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
};

const UPDATABLE = COLUMNS.filter((column) => !['id', 'tenantId', 'createdAt'].includes(column.key));
const UPDATE_QUOTE: FastStatement = {
  name: 'insurance_update_quote',
  text: `UPDATE insurance_quotes SET ${UPDATABLE.map((column, i) => `"${column.name}" = $${i + 2}`).join(', ')} WHERE id = $1`,
};

/** A row as the driver returns it (bigints may come as strings) → the drizzle row type. */
function quoteOf(raw: Record<string, unknown>): QuoteRow {
  for (const column of COLUMNS) {
    const value = raw[column.key];
    if (column.numeric && value !== null && value !== undefined) raw[column.key] = Number(value);
  }
  return raw as unknown as QuoteRow;
}

export async function findQuote(executor: Executor, tenantId: string, product: Product, id: string): Promise<QuoteRow | undefined> {
  const [row] = await fastRows<Record<string, unknown>>(executor, FIND_QUOTE, [tenantId, product, id]);
  return row ? quoteOf(row) : undefined;
}

/** Any product of the tenant (the back office and the sign page see both). */
export async function findTenantQuote(executor: Executor, tenantId: string, id: string): Promise<QuoteRow | undefined> {
  const [row] = await fastRows<Record<string, unknown>>(executor, FIND_TENANT_QUOTE, [tenantId, id]);
  return row ? quoteOf(row) : undefined;
}

/** Which tenant and product a quote belongs to, whatever the tenant (the sign page's link names only the quote). */
export async function findQuoteOwner(executor: Executor, id: string): Promise<{ tenantId: string; product: Product } | undefined> {
  const [found] = await executor.select({ tenantId: insuranceQuotes.tenantId, product: insuranceQuotes.product })
    .from(insuranceQuotes).where(eq(insuranceQuotes.id, id));
  return found;
}

/** The underwriting queue: referred quotes waiting for a decision, oldest first. */
export async function listReferredQuotes(executor: Executor, tenantId: string, limit: number): Promise<QuoteRow[]> {
  return executor.select().from(insuranceQuotes)
    .where(and(eq(insuranceQuotes.tenantId, tenantId), eq(insuranceQuotes.status, 'quote.pending'), eq(insuranceQuotes.referred, true)))
    .orderBy(asc(insuranceQuotes.createdAt)).limit(limit);
}

/** The claims queue: pending claims, oldest claim first. */
export async function listPendingClaims(executor: Executor, tenantId: string, limit: number): Promise<QuoteRow[]> {
  return executor.select().from(insuranceQuotes)
    .where(and(eq(insuranceQuotes.tenantId, tenantId), eq(insuranceQuotes.status, 'claim.pending')))
    .orderBy(asc(insuranceQuotes.claimedAt)).limit(limit);
}

export async function lockQuote(tx: Transaction, tenantId: string, id: string): Promise<QuoteRow | undefined> {
  const [row] = await fastRows<Record<string, unknown>>(tx, LOCK_QUOTE, [tenantId, id]);
  return row ? quoteOf(row) : undefined;
}

export async function lockLiveQuotesForInvoice(
  tx: Transaction, tenantId: string, product: Product, invoiceReference: string,
): Promise<QuoteRow[]> {
  return (await fastRows<Record<string, unknown>>(tx, LOCK_LIVE_FOR_INVOICE, [tenantId, product, invoiceReference])).map(quoteOf);
}

export interface NewQuoteSnapshot {
  /** A live quote already exists for the invoice (it may be an offer whose validity ended, not yet expired). */
  readonly liveQuoteForInvoice: boolean;
  /** null when the buyer has no exposure row in the book yet. */
  readonly exposure: ExposureRow | null;
  readonly buyer: Buyer | null;
}

/** Writes every column of a quote except its identity (id, tenant, creation time); see fastWriteAll. */
export function updateQuoteWrite(row: QuoteRow): FastWrite {
  const record = row as unknown as Record<string, unknown>;
  return { statement: UPDATE_QUOTE, values: [row.id, ...UPDATABLE.map((column) => record[column.key] ?? null)] };
}

const UPDATE_QUOTE_IF_UNCHANGED: FastStatement = {
  name: 'insurance_update_quote_if_unchanged',
  text: `${UPDATE_QUOTE.text} AND version = $${UPDATABLE.length + 2} RETURNING id`,
};

/** `updateQuoteWrite` as a compare-and-set (see fastGuardedWriteAll): it changes the row only while it is still at `readVersion`. */
export function updateQuoteIfUnchangedGuard(row: QuoteRow, readVersion: number): FastWrite {
  const write = updateQuoteWrite(row);
  return { statement: UPDATE_QUOTE_IF_UNCHANGED, values: [...write.values, readVersion] };
}

/** Inserts a complete quote row (every column given); see fastWriteAll. */
export function insertQuoteWrite(row: QuoteRow): FastWrite {
  const record = row as unknown as Record<string, unknown>;
  return { statement: INSERT_QUOTE, values: COLUMNS.map((column) => record[column.key] ?? null) };
}

export async function isSellerSigned(
  executor: Executor, tenantId: string, country: string, identifier: string, policyVersion: string,
): Promise<boolean> {
  const rows = await executor.select({ id: insurancePolicySignatures.id }).from(insurancePolicySignatures).where(and(
    eq(insurancePolicySignatures.tenantId, tenantId), eq(insurancePolicySignatures.sellerCountry, country),
    eq(insurancePolicySignatures.sellerIdentifier, identifier), eq(insurancePolicySignatures.policyVersion, policyVersion),
  )).limit(1);
  return rows.length > 0;
}

export interface PolicySignature {
  readonly tenantId: string;
  readonly sellerCountry: string;
  readonly sellerIdentifier: string;
  readonly policyVersion: string;
  /** The Insure quote or Connect quote request the seller signed from. */
  readonly quoteId: string;
  readonly name: string;
  readonly email: string;
  readonly ip: string | null;
  readonly signedAt: Date;
}

/** Records a seller's signature of a policy version; a seller signs each version once (a repeat changes nothing). */
export async function recordPolicySignature(executor: Executor, signature: PolicySignature): Promise<void> {
  await executor.insert(insurancePolicySignatures).values({ id: randomUUID(), ...signature }).onConflictDoNothing();
}
