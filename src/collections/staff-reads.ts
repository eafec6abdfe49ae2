// What the staff console reads of collections on one account's claims: each run with its log, the messages sent,
// landing-page visits, promises to pay, and of the account its instalment plans and the transfers prepared on the page.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../platform/db/database.js';
import { collectionsInstalmentPlans, collectionsPromises } from './schema/debtor-records-schema.js';
import { collectionsLandingPayments, collectionsLandingVisits } from './schema/landing-schema.js';
import { collectionsMessages } from './schema/messages-schema.js';
import { collectionsRunEvents, collectionsRuns } from './schema/runs.js';
import { runLogLines } from './use-cases/runs/run-store.js';

/** The most rows of each kind a screen shows for one account (a run's log grows with every decision). */
const MOST = 500;

export interface StaffCollectionsView {
  runs: { claimReference: string; runNo: number; strategyKey: string; strategyVersion: number; state: string; stopReason: string | null; dueAt: Date | null; createdAt: Date }[];
  runEvents: { claimReference: string; runNo: number; at: Date; kind: string; stepId: string | null; reason: string | null; action: Record<string, unknown> | null }[];
  messages: { claimReference: string; channel: string; templateId: string; templateVersion: number; language: string; status: string; recipient: string; failure: string | null; createdAt: Date }[];
  visits: { claimReference: string; visitedAt: Date; verified: boolean }[];
  promises: { claimReference: string; amount: number; currency: string; dueDate: string; status: string; createdAt: Date; resolvedAt: Date | null }[];
  instalmentPlans: { id: string; claimReferences: string[]; status: string; standing: string; createdAt: Date }[];
  preparedTransfers: { reference: string; claimReferences: string[]; amount: number; currency: string; createdAt: Date }[];
}

/** Everything collections holds on the account's claims, oldest first; empty lists for claims it never touched. */
export async function collectionsForStaff(db: Executor, tenantId: string, accountReference: string, claimReferences: readonly string[]): Promise<StaffCollectionsView> {
  const claims = [...new Set(claimReferences)];
  const [runs, runEvents, messages, visits, promises, instalmentPlans, preparedTransfers] = await Promise.all([
    claims.length === 0 ? [] : db.select({
      claimReference: collectionsRuns.claimReference, runNo: collectionsRuns.runNo, strategyKey: collectionsRuns.strategyKey, strategyVersion: collectionsRuns.strategyVersion,
      state: collectionsRuns.state, stopReason: collectionsRuns.stopReason, dueAt: collectionsRuns.dueAt, createdAt: collectionsRuns.createdAt,
    }).from(collectionsRuns).where(and(eq(collectionsRuns.tenantId, tenantId), inArray(collectionsRuns.claimReference, claims))).orderBy(asc(collectionsRuns.createdAt)),
    claims.length === 0 ? [] : db.select({
      claimReference: collectionsRunEvents.claimReference, runNo: collectionsRunEvents.runNo, at: collectionsRunEvents.at, kind: collectionsRunEvents.kind,
      stepId: collectionsRunEvents.stepId, reason: collectionsRunEvents.reason, action: collectionsRunEvents.action, entries: collectionsRunEvents.entries,
    }).from(collectionsRunEvents).where(and(eq(collectionsRunEvents.tenantId, tenantId), inArray(collectionsRunEvents.claimReference, claims)))
      .orderBy(asc(collectionsRunEvents.id)).limit(MOST),
    claims.length === 0 ? [] : db.select({
      claimReference: collectionsMessages.claimReference, channel: collectionsMessages.channel, templateId: collectionsMessages.templateId,
      templateVersion: collectionsMessages.templateVersion, language: collectionsMessages.language, status: collectionsMessages.status,
      recipient: collectionsMessages.recipient, failure: collectionsMessages.failure, createdAt: collectionsMessages.createdAt,
    }).from(collectionsMessages).where(and(eq(collectionsMessages.tenantId, tenantId), inArray(collectionsMessages.claimReference, claims)))
      .orderBy(asc(collectionsMessages.createdAt)).limit(MOST),
    claims.length === 0 ? [] : db.select({ claimReference: collectionsLandingVisits.claimReference, visitedAt: collectionsLandingVisits.visitedAt, verified: collectionsLandingVisits.verified })
      .from(collectionsLandingVisits).where(and(eq(collectionsLandingVisits.tenantId, tenantId), inArray(collectionsLandingVisits.claimReference, claims)))
      .orderBy(asc(collectionsLandingVisits.visitedAt)).limit(MOST),
    claims.length === 0 ? [] : db.select({
      claimReference: collectionsPromises.claimReference, amount: collectionsPromises.amount, currency: collectionsPromises.currency, dueDate: collectionsPromises.dueDate,
      status: collectionsPromises.status, createdAt: collectionsPromises.createdAt, resolvedAt: collectionsPromises.resolvedAt,
    }).from(collectionsPromises).where(and(eq(collectionsPromises.tenantId, tenantId), inArray(collectionsPromises.claimReference, claims)))
      .orderBy(asc(collectionsPromises.createdAt)).limit(MOST),
    db.select({
      id: collectionsInstalmentPlans.id, claimReferences: collectionsInstalmentPlans.claimReferences, status: collectionsInstalmentPlans.status,
      standing: collectionsInstalmentPlans.standing, createdAt: collectionsInstalmentPlans.createdAt,
    }).from(collectionsInstalmentPlans).where(and(eq(collectionsInstalmentPlans.tenantId, tenantId), eq(collectionsInstalmentPlans.accountReference, accountReference)))
      .orderBy(asc(collectionsInstalmentPlans.seq)).limit(MOST),
    db.select({
      reference: collectionsLandingPayments.reference, claimReferences: collectionsLandingPayments.claimReferences, amount: collectionsLandingPayments.amount,
      currency: collectionsLandingPayments.currency, createdAt: collectionsLandingPayments.createdAt,
    }).from(collectionsLandingPayments).where(and(eq(collectionsLandingPayments.tenantId, tenantId), eq(collectionsLandingPayments.accountReference, accountReference)))
      .orderBy(asc(collectionsLandingPayments.createdAt)).limit(MOST),
  ]);
  return {
    runs, runEvents: runLogLines(runEvents).slice(0, MOST), messages, visits, promises, instalmentPlans, preparedTransfers,
  };
}
