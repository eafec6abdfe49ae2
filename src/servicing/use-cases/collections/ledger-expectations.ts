import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { servicingLedgerExpectations } from '../../schema.js';

/*
 * Ledger expectations for collections (instalment plans): amounts the account is expected to pay by a date. They
 * are bookkeeping beside the ledger, never entries, so no balance moves; a source (a plan) replaces or cancels its
 * own expectations as a whole.
 */

export interface LedgerExpectation {
  expectationReference: string;
  dueDate: string;
  amount: number;
  currency: string;
}

export interface StoredLedgerExpectation extends LedgerExpectation {
  accountReference: string;
  source: string;
  status: 'OPEN' | 'CANCELLED';
}

/** Replaces the OPEN expectations of `source` on the account with `expectations` (the earlier ones are cancelled). */
export async function replaceLedgerExpectations(
  db: Executor, tenantId: string,
  input: { accountReference: string; source: string; expectations: readonly LedgerExpectation[]; now: Date },
): Promise<void> {
  await cancelLedgerExpectations(db, tenantId, input.source, input.now);
  for (const expectation of input.expectations) {
    const row = {
      tenantId, accountReference: input.accountReference, source: input.source, status: 'OPEN' as const,
      createdAt: input.now, updatedAt: input.now, ...expectation,
    };
    await db.insert(servicingLedgerExpectations).values(row).onConflictDoUpdate({
      target: [servicingLedgerExpectations.tenantId, servicingLedgerExpectations.accountReference, servicingLedgerExpectations.expectationReference],
      set: { source: row.source, status: 'OPEN', dueDate: row.dueDate, amount: row.amount, currency: row.currency, updatedAt: input.now },
    });
  }
}

/** Cancels every OPEN expectation of `source`. */
export async function cancelLedgerExpectations(db: Executor, tenantId: string, source: string, now: Date): Promise<void> {
  await db.update(servicingLedgerExpectations).set({ status: 'CANCELLED', updatedAt: now }).where(and(
    eq(servicingLedgerExpectations.tenantId, tenantId), eq(servicingLedgerExpectations.source, source),
    eq(servicingLedgerExpectations.status, 'OPEN'),
  ));
}

/** The expectations of an account, by due date. */
export async function listLedgerExpectations(db: Executor, tenantId: string, accountReference: string): Promise<StoredLedgerExpectation[]> {
  const rows = await db.select().from(servicingLedgerExpectations).where(and(
    eq(servicingLedgerExpectations.tenantId, tenantId), eq(servicingLedgerExpectations.accountReference, accountReference),
  )).orderBy(asc(servicingLedgerExpectations.dueDate), asc(servicingLedgerExpectations.expectationReference));
  return rows.map((row) => ({
    accountReference: row.accountReference, expectationReference: row.expectationReference, source: row.source, status: row.status,
    dueDate: row.dueDate, amount: row.amount, currency: row.currency,
  }));
}
