import type { Executor } from '../../../platform/db/database.js';
import { caseIdOf } from '../../domain/codes.js';
import { customerRefsWithCase, findCaseByCustomerRef } from '../../store.js';

/** The quote id as the case's customer reference: how a Credable claim's case is found from the quote and back. */
export function credableCaseReference(quoteId: string): string {
  return quoteId;
}

/** The wire id of the claim case a Credable claim opened, or null: its claim is then decided on the case, not on the quote. */
export async function claimCaseOfQuote(executor: Executor, tenantId: string, quoteId: string): Promise<string | null> {
  const row = await findCaseByCustomerRef(executor, tenantId, credableCaseReference(quoteId));
  return row ? caseIdOf(row.caseNumber) : null;
}

/** The quotes among `quoteIds` whose Credable claim opened a claim case (one query for a whole queue). */
export async function quotesWithClaimCase(executor: Executor, tenantId: string, quoteIds: readonly string[]): Promise<Set<string>> {
  if (quoteIds.length === 0) return new Set();
  const found = await customerRefsWithCase(executor, tenantId, quoteIds.map(credableCaseReference));
  return new Set(quoteIds.filter((quoteId) => found.has(credableCaseReference(quoteId))));
}
