import { and, desc, eq, gt, isNotNull, isNull, lt } from 'drizzle-orm';
import { anyOf } from '../../platform/db/any-of.js';
import type { Executor } from '../../platform/db/database.js';
import type { FastStatement, FastWrite } from '../../platform/db/fast-query.js';
import { own, shared, sharedParameter } from '../../platform/db/row-arrays.js';
import { collectionsInstalmentComputations, collectionsInstalmentPlans, collectionsPromises } from '../schema/debtor-records-schema.js';
import { collectionsLandingDisputes, collectionsLandingLinks, collectionsLandingPayees, collectionsLandingPayments, collectionsLandingSessions, collectionsLandingVisits } from '../schema/landing-schema.js';

/** Queries of landing-page links, sessions and visits. Lookups by token or session hash are global (the hash is unique). */

export type LandingLinkRow = typeof collectionsLandingLinks.$inferSelect;
export type LandingVisitRow = typeof collectionsLandingVisits.$inferSelect;

export type NewLandingLinkRow = Omit<LandingLinkRow, 'failedAttempts' | 'lockedAt' | 'revokedAt'>;

export async function insertLandingLinks(db: Executor, rows: readonly NewLandingLinkRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(collectionsLandingLinks).values([...rows]);
}

const INSERT_LINKS: FastStatement = {
  name: 'collections_landing_links_insert_many_rows',
  text: `INSERT INTO collections_landing_links (tenant_id, id, token_hash, message_token, claim_reference, account_reference, issued_at, expires_at)
    SELECT coalesce((l->>0)::uuid, $2::uuid), (l->>1)::uuid, l->>2, l->>3, l->>4, l->>5, coalesce((l->>6)::timestamptz, $3::timestamptz),
      coalesce((l->>7)::timestamptz, $4::timestamptz)
    FROM jsonb_array_elements($1::jsonb) AS a(l)`,
};

/**
 * New links as one write for a batch's single round trip (the run's step writes, in its transaction): keyless
 * arrays, the tenant and times once when the links share them (row-arrays.ts).
 */
export function landingLinkRowsWrite(rows: readonly NewLandingLinkRow[]): FastWrite {
  const tenantId = shared(rows, (row) => row.tenantId);
  const issuedAt = shared(rows, (row) => row.issuedAt);
  const expiresAt = shared(rows, (row) => row.expiresAt);
  return {
    statement: INSERT_LINKS,
    values: [JSON.stringify(rows.map((row) => [
      own(tenantId, row.tenantId), row.id, row.tokenHash, row.messageToken, row.claimReference, row.accountReference,
      own(issuedAt, row.issuedAt), own(expiresAt, row.expiresAt),
    ])), tenantId, sharedParameter(issuedAt), sharedParameter(expiresAt)],
  };
}

/**
 * The open message links of these claims (kept token, not revoked, not locked, fewer wrong answers than `maxFailed`)
 * that stay valid past `validAfter`, newest first; one query for a whole batch.
 */
export async function openMessageLinks(
  db: Executor, tenantId: string, claimReferences: readonly string[], validAfter: Date, maxFailed: number,
): Promise<Pick<LandingLinkRow, 'claimReference' | 'messageToken'>[]> {
  if (claimReferences.length === 0) return [];
  const links = collectionsLandingLinks;
  return db.select({ claimReference: links.claimReference, messageToken: links.messageToken }).from(links).where(and(
    eq(links.tenantId, tenantId), anyOf(links.claimReference, claimReferences), isNotNull(links.messageToken),
    isNull(links.revokedAt), isNull(links.lockedAt), lt(links.failedAttempts, maxFailed), gt(links.expiresAt, validAfter),
  )).orderBy(desc(links.issuedAt));
}

/** The link behind a token hash, locked for the second-factor count when `forUpdate`. */
export async function findLandingLink(db: Executor, tokenHash: string, forUpdate = false): Promise<LandingLinkRow | undefined> {
  const query = db.select().from(collectionsLandingLinks).where(eq(collectionsLandingLinks.tokenHash, tokenHash));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function recordSecondFactorAttempt(
  db: Executor, link: LandingLinkRow, failedAttempts: number, lockedAt: Date | null,
): Promise<void> {
  await db.update(collectionsLandingLinks).set({ failedAttempts, lockedAt })
    .where(and(eq(collectionsLandingLinks.tenantId, link.tenantId), eq(collectionsLandingLinks.claimReference, link.claimReference),
      eq(collectionsLandingLinks.id, link.id)));
}

/** Revokes every live link of a claim; answers how many. */
export async function revokeClaimLinks(db: Executor, tenantId: string, claimReference: string, now: Date): Promise<number> {
  const revoked = await db.update(collectionsLandingLinks).set({ revokedAt: now }).where(and(
    eq(collectionsLandingLinks.tenantId, tenantId), eq(collectionsLandingLinks.claimReference, claimReference), isNull(collectionsLandingLinks.revokedAt),
  )).returning({ id: collectionsLandingLinks.id });
  return revoked.length;
}

export async function insertLandingSession(db: Executor, row: typeof collectionsLandingSessions.$inferSelect): Promise<void> {
  await db.insert(collectionsLandingSessions).values(row);
}

/** Whether a live session of this link has this hash. */
export async function hasLiveSession(db: Executor, link: LandingLinkRow, sessionHash: string, now: Date): Promise<boolean> {
  const [row] = await db.select({ id: collectionsLandingSessions.id }).from(collectionsLandingSessions).where(and(
    eq(collectionsLandingSessions.sessionHash, sessionHash), eq(collectionsLandingSessions.tenantId, link.tenantId),
    eq(collectionsLandingSessions.linkId, link.id), gt(collectionsLandingSessions.expiresAt, now),
  ));
  return row !== undefined;
}

export async function insertLandingVisit(db: Executor, row: LandingVisitRow): Promise<void> {
  await db.insert(collectionsLandingVisits).values(row);
}

export async function listLandingVisits(db: Executor, tenantId: string, linkId: string): Promise<LandingVisitRow[]> {
  return db.select().from(collectionsLandingVisits)
    .where(and(eq(collectionsLandingVisits.tenantId, tenantId), eq(collectionsLandingVisits.linkId, linkId)))
    .orderBy(collectionsLandingVisits.visitedAt);
}

export type LandingPayeeRow = typeof collectionsLandingPayees.$inferSelect;
export type LandingPaymentRow = typeof collectionsLandingPayments.$inferSelect;

export async function readLandingPayee(db: Executor, tenantId: string): Promise<LandingPayeeRow | undefined> {
  const [row] = await db.select().from(collectionsLandingPayees).where(eq(collectionsLandingPayees.tenantId, tenantId));
  return row;
}

export async function saveLandingPayee(db: Executor, row: LandingPayeeRow): Promise<void> {
  await db.insert(collectionsLandingPayees).values(row).onConflictDoUpdate({
    target: collectionsLandingPayees.tenantId, set: { beneficiaryName: row.beneficiaryName, iban: row.iban, bic: row.bic, updatedAt: row.updatedAt },
  });
}

export async function insertLandingPayment(db: Executor, row: LandingPaymentRow): Promise<void> {
  await db.insert(collectionsLandingPayments).values(row);
}

export type LandingDisputeRow = typeof collectionsLandingDisputes.$inferSelect;

export async function insertLandingDispute(db: Executor, row: LandingDisputeRow): Promise<void> {
  await db.insert(collectionsLandingDisputes).values(row);
}

/** The open disputes of these claims, oldest first. */
export async function openDisputesOf(db: Executor, tenantId: string, claimReferences: readonly string[]): Promise<LandingDisputeRow[]> {
  if (claimReferences.length === 0) return [];
  return db.select().from(collectionsLandingDisputes).where(and(
    eq(collectionsLandingDisputes.tenantId, tenantId), anyOf(collectionsLandingDisputes.claimReference, claimReferences),
    eq(collectionsLandingDisputes.status, 'open'),
  )).orderBy(collectionsLandingDisputes.createdAt);
}

/** The schedule a computed instalment-plan definition stored (#37), read without taking it. */
export async function readComputedSchedule(db: Executor, tenantId: string, computedId: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await db.select({ schedule: collectionsInstalmentComputations.schedule }).from(collectionsInstalmentComputations)
    .where(and(eq(collectionsInstalmentComputations.tenantId, tenantId), eq(collectionsInstalmentComputations.id, computedId)));
  return row?.schedule;
}

/** What the debtor arranged on the account, for the page: open promises and ACTIVE plans (one query each). */
export async function accountCommitments(db: Executor, tenantId: string, accountReference: string, claimReferences: readonly string[]) {
  const promises = claimReferences.length === 0 ? [] : await db.select({
    claimReference: collectionsPromises.claimReference, amount: collectionsPromises.amount, currency: collectionsPromises.currency, dueDate: collectionsPromises.dueDate,
  }).from(collectionsPromises).where(and(
    eq(collectionsPromises.tenantId, tenantId), anyOf(collectionsPromises.claimReference, claimReferences), eq(collectionsPromises.status, 'open'),
  ));
  const plans = await db.select({ id: collectionsInstalmentPlans.id, plan: collectionsInstalmentPlans.plan }).from(collectionsInstalmentPlans)
    .where(and(eq(collectionsInstalmentPlans.tenantId, tenantId), eq(collectionsInstalmentPlans.accountReference, accountReference), eq(collectionsInstalmentPlans.status, 'ACTIVE')));
  return { promises, plans };
}

/** Marks an open dispute resolved; the row as it was, or undefined when the tenant has no such open dispute. */
export async function resolveOpenDispute(db: Executor, tenantId: string, id: string): Promise<LandingDisputeRow | undefined> {
  const [row] = await db.update(collectionsLandingDisputes).set({ status: 'resolved' }).where(and(
    eq(collectionsLandingDisputes.tenantId, tenantId), eq(collectionsLandingDisputes.id, id), eq(collectionsLandingDisputes.status, 'open'),
  )).returning();
  return row;
}

export async function findLandingDispute(db: Executor, tenantId: string, id: string): Promise<LandingDisputeRow | undefined> {
  const [row] = await db.select().from(collectionsLandingDisputes)
    .where(and(eq(collectionsLandingDisputes.tenantId, tenantId), eq(collectionsLandingDisputes.id, id)));
  return row;
}
