import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { InsuranceContext } from '../context.js';
import { fail } from '../domain/errors.js';
import { transition } from '../domain/quote-state.js';
import { changeStatus, stateOf, transitionContextOf } from '../quote-status.js';
import { type QuoteRow, lockQuote } from '../store.js';

export type ClaimDecision = { readonly decision: 'approve' | 'reject'; readonly reason?: string };

/** A claims handler approves or rejects a pending claim. */
export async function decideClaim(uow: UnitOfWork, id: string, input: ClaimDecision, ctx: InsuranceContext): Promise<QuoteRow> {
  const row = await lockQuote(uow.tx, uow.tenant.id, id);
  if (!row) fail({ kind: 'not_found' });
  const event = input.decision === 'approve' ? 'claim_approved' : 'claim_rejected';
  const next = transition(stateOf(row), event, transitionContextOf(row, uow.now, ctx));
  if (!next.ok) fail({ kind: 'no_pending_claim', quoteId: id, status: row.status });
  return changeStatus(uow, row, next.value, event, { claimDecisionReason: input.reason ?? null }, ctx, { reason: input.reason ?? null });
}
