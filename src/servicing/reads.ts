import { and, asc, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Executor } from '../platform/db/database.js';
import { events } from '../platform/db/schema.js';
import { renderAccount, renderClaim } from './render.js';
import { accountsOfDebtor, claimsOfAccounts, listAccountClaims, loadAccounts, loadLedgerJson, type Json } from './store.js';

/** Read use cases of the Receeve face (spec #2, #10, #14, #27). */

/** The wire Account as JSON text; the ledger array is assembled by the database and spliced in unparsed. */
export async function getAccountJson(db: Executor, tenantId: string, accountReference: string): Promise<string | undefined> {
  const account = (await loadAccounts(db, tenantId, [accountReference], false)).get(accountReference);
  if (!account) return undefined;
  const head = JSON.stringify(renderAccount(account, []));
  const ledger = await loadLedgerJson(db, tenantId, accountReference);
  return `${head.slice(0, head.lastIndexOf('[]}'))}${ledger}}`;
}

/** A page of claims; `next` is the cursor of the following page (absent on the last one). */
export async function getAccountClaims(
  db: Executor, tenantId: string, accountReference: string, options: { status?: 'ACTIVE' | 'RESOLVED'; afterSeq: number; limit: number },
): Promise<{ claims: Json[]; next?: number }> {
  const account = (await loadAccounts(db, tenantId, [accountReference], false)).get(accountReference);
  if (!account) return { claims: [] };
  const rows = await listAccountClaims(db, tenantId, accountReference, { ...options, limit: options.limit + 1 });
  const page = rows.slice(0, options.limit);
  const next = rows.length > options.limit ? page.at(-1)?.seq : undefined;
  return { claims: page.map((row) => renderClaim(row, account)), ...(next === undefined ? {} : { next }) };
}

/** Every account where the debtor appears, with its claims and debtors (flat array, A13). */
export async function getDebtorAccountsAndClaims(db: Executor, tenantId: string, debtorReference: string): Promise<Json[]> {
  const references = await accountsOfDebtor(db, tenantId, debtorReference);
  const accounts = await loadAccounts(db, tenantId, references, false);
  const claims = await claimsOfAccounts(db, tenantId, references);
  return references.flatMap((reference) => {
    const account = accounts.get(reference);
    if (!account) return [];
    return [{
      accountReference: reference,
      currency: account.currency,
      ...(account.meta ? { meta: account.meta } : {}),
      ...(account.paymentReference ? { paymentReference: account.paymentReference } : {}),
      ...(account.portfolioReference ? { portfolioReference: account.portfolioReference } : {}),
      claims: claims.filter((row) => row.accountReference === reference).map((row) => renderClaim(row, account)),
      debtors: account.debtors,
    }];
  });
}

/** get_events: one type (with or without `.v1`), one UTC day, 1-based pages (spec #27). */
export async function getEvents(
  db: Executor, tenantId: string, query: { eventType: string; date: string; limit: number; page: number },
): Promise<{ events: unknown[]; limit: number; page: number; numberOfPages: number }> {
  const types = query.eventType.endsWith('.v1') ? [query.eventType] : [query.eventType, `${query.eventType}.v1`];
  const from = new Date(`${query.date}T00:00:00.000Z`);
  const to = new Date(from.getTime() + 86_400_000);
  const filter = and(eq(events.tenantId, tenantId), inArray(events.type, types), gte(events.occurredAt, from), lt(events.occurredAt, to));
  const [total] = await db.select({ value: count() }).from(events).where(filter);
  const rows = await db.select({ data: events.data }).from(events).where(filter)
    .orderBy(asc(events.occurredAt), asc(events.id)).limit(query.limit).offset((query.page - 1) * query.limit);
  return { events: rows.map((row) => row.data), limit: query.limit, page: query.page, numberOfPages: Math.ceil(Number(total?.value ?? 0) / query.limit) };
}
