// A client action (activate, reject, settle, claim, sign_and_activate, bankruptcy_claim) on a quote of `product`, in two
// forms: performAction inside the caller's transaction, and tryPerformActionInOneStatement without one, which the
// route tries first (see docs/architecture.md, "Path without a transaction").
import { fastGuardedWriteAll } from '../../platform/db/fast-query.js';
import type { Result } from '../../platform/result.js';
import type { SingleStatementWork, UnitOfWork } from '../../platform/unit-of-work.js';
import type { InsuranceContext } from '../context.js';
import { type FieldRefusal, fail } from '../domain/errors.js';
import type { ClientAction, Product } from '../domain/products.js';
import type { ActionFields } from '../domain/quote-request.js';
import { type QuoteState, transition } from '../domain/quote-state.js';
import { evaluateTimers } from '../domain/quote-timers.js';
import { applyDueTimers, changeStatus, sellerSigned, stateOf, statusChange, timedOf, transitionContextOf } from '../quote-status.js';
import { type NewQuoteRow, type QuoteRow, findQuote, lockQuote, updateQuoteIfUnchangedGuard } from '../store.js';

/** The action's body as its protocol read it; a refusal is reported only once the quote is found. */
export type ActionBody = Result<ActionFields, Readonly<Record<string, readonly FieldRefusal[]>>>;

export async function performAction(
  uow: UnitOfWork, product: Product, id: string, action: ClientAction, body: ActionBody, ctx: InsuranceContext,
): Promise<QuoteRow> {
  const locked = await lockQuote(uow.tx, uow.tenant.id, id);
  if (!locked || locked.product !== product) fail({ kind: 'not_found' });
  const patch = actionPatch(action, body);
  const row = await applyDueTimers(uow, locked, ctx);
  const next = actionTransition(row, action, await sellerSigned(uow.tx, row), uow.now, ctx);
  return changeStatus(uow, row, next, action, patch, ctx, actionDetails(action, patch));
}

/**
 * performAction without a transaction, for a quote with no timer due: reads the quote, decides, and writes the change
 * with its exposure movement, event and audit row in one statement, guarded by the version it read. Answers null,
 * having written nothing, when a timer is due or the quote changed meanwhile: the caller then runs performAction in a
 * transaction. Refusals (unknown quote, bad body, action not allowed) stand as of the read.
 */
export async function tryPerformActionInOneStatement(
  work: SingleStatementWork, product: Product, id: string, action: ClientAction, body: ActionBody, ctx: InsuranceContext,
): Promise<QuoteRow | null> {
  const row = await findQuote(work.db, work.tenant.id, product, id);
  if (!row) fail({ kind: 'not_found' });
  const patch = actionPatch(action, body);
  if (evaluateTimers(timedOf(row), work.now, ctx.config.timers).fired !== null) return null;
  const next = actionTransition(row, action, await sellerSigned(work.db, row), work.now, ctx);
  const { changed, writes } = statusChange(work, row, next, action, patch, ctx, actionDetails(action, patch));
  return (await fastGuardedWriteAll(work.db, updateQuoteIfUnchangedGuard(changed, row.version), writes)) ? changed : null;
}

/** The fields an action's body sets on the quote. */
function actionPatch(action: ClientAction, body: ActionBody): Partial<NewQuoteRow> {
  if (!body.ok) fail({ kind: 'invalid_input', fields: body.error });
  const { signer, bankruptcy } = body.value;
  if (action === 'sign_and_activate' && signer) {
    return { signerEmail: signer.email, signerFirstName: signer.firstName, signerLastName: signer.lastName };
  }
  if (action === 'bankruptcy_claim' && bankruptcy) {
    return { claimKind: 'bankruptcy', bankruptcyDate: bankruptcy.bankruptcyDate, claimComment: bankruptcy.comment };
  }
  return action === 'claim' ? { claimKind: 'claim' } : {};
}

function actionDetails(action: ClientAction, patch: Partial<NewQuoteRow>): Record<string, unknown> {
  return action === 'bankruptcy_claim' ? { bankruptcyDate: patch.bankruptcyDate } : {};
}

/** The state the action leads to, or the refusal when the quote's status does not allow it. */
function actionTransition(row: QuoteRow, action: ClientAction, signed: boolean, now: Date, ctx: InsuranceContext): QuoteState {
  const next = transition(stateOf(row), action, transitionContextOf(row, now, ctx, signed));
  if (next.ok) return next.value;
  return fail({ kind: 'action_not_allowed', action, status: row.status });
}
