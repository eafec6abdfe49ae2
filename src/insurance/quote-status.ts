// Every status change of a Reinsure or Insure quote goes through `changeStatus` (or `statusChange`, for a use case that
// writes the row itself): the buyer's exposure and open claims move with it, its timestamps and next deadline are set,
// and the event and the audit row are written with the row, as one statement.
import { auditWrite } from '../platform/audit/record.js';
import type { Executor } from '../platform/db/database.js';
import { fastWriteAll, type FastWrite } from '../platform/db/fast-query.js';
import { addDays, businessDateAt, startOfBusinessDay } from '../platform/dates.js';
import { type NewEvent, eventsWrite } from '../platform/events/append.js';
import type { UnitOfWork, WriteOrigin } from '../platform/unit-of-work.js';
import { adjustExposureWrite, holdsExposure } from '../risk/api.js';
import type { InsuranceConfig } from './config.js';
import type { InsuranceContext } from './context.js';
import {
  type QuoteEvent, type QuoteState, type QuoteStatus, type StatusReason, type TransitionContext, isTerminal,
} from './domain/quote-state.js';
import { type TimedQuote, deadlineFor, evaluateTimers } from './domain/quote-timers.js';
import { currentPolicy } from './policy.js';
import { type NewQuoteRow, type QuoteRow, isSellerSigned, updateQuoteWrite } from './store.js';

export function stateOf(row: QuoteRow): QuoteState {
  return { status: row.status as QuoteStatus, reason: row.reason as StatusReason | null, referred: row.referred };
}

export function timedOf(row: QuoteRow): TimedQuote {
  return { ...stateOf(row), product: row.product, offeredAt: row.offeredAt, invoiceDueDate: row.invoiceDueDate };
}

/** What the transition table's guards read about `row` at `now`. */
export function transitionContextOf(row: QuoteRow, now: Date, ctx: InsuranceContext, sellerSigned = true): TransitionContext {
  return {
    product: row.product, sellerSigned, today: businessDateAt(now, ctx.config.timers.timeZone),
    invoiceDueDate: row.invoiceDueDate, claimWindowDays: ctx.config.timers.claimWindowDays,
  };
}

/** The instant the quote's running timer fires, in tenant time (null when none runs). */
export function deadlineAt(row: QuoteRow, config: InsuranceConfig): Date | null {
  return timerDeadline(timedOf(row), config);
}

export function timerDeadline(quote: TimedQuote, config: InsuranceConfig): Date | null {
  const deadline = deadlineFor(quote, config.timers);
  if (deadline === null) return null;
  if (deadline.kind === 'offer_validity') return deadline.expiresAt;
  return startOfBusinessDay(addDays(deadline.lastDay, 1), config.timers.timeZone);
}

/** Writes a status change with its exposure movement, timestamps, next deadline, event and audit row. */
export async function changeStatus(
  uow: UnitOfWork, row: QuoteRow, next: QuoteState, event: QuoteEvent, patch: Partial<NewQuoteRow>, ctx: InsuranceContext,
  details: Record<string, unknown> = {},
): Promise<QuoteRow> {
  const { changed, writes } = statusChange(uow, row, next, event, patch, ctx, details);
  // The row, the exposure movement, the event and the audit row go to the database as one statement (fastWriteAll).
  await fastWriteAll(uow.tx, [updateQuoteWrite(changed), ...writes]);
  return changed;
}

/** A status change as the row it leaves and the writes that go with it (exposure movement, event, audit row), but not the row's update. */
export function statusChange(
  origin: WriteOrigin, row: QuoteRow, next: QuoteState, event: QuoteEvent, patch: Partial<NewQuoteRow>, ctx: InsuranceContext,
  details: Record<string, unknown>,
): { changed: QuoteRow; writes: FastWrite[] } {
  const from = row.status as QuoteStatus;
  const to = next.status;
  const exposureDelta = holdsExposure(from) && !holdsExposure(to) ? -row.exposureHeld : 0;
  const claimsDelta = (to === 'claim.pending' && from !== 'claim.pending' ? 1 : 0)
    + (from === 'claim.pending' && (to === 'cover.settled' || to === 'claim.rejected') ? -1 : 0);
  const writes: FastWrite[] = [];
  if (exposureDelta !== 0 || claimsDelta !== 0) {
    writes.push(adjustExposureWrite(row.bookId, row.buyerCountry, row.buyerIdentifier, { exposure: exposureDelta, openClaims: claimsDelta }));
  }
  const changed: QuoteRow = {
    ...row,
    ...patch,
    status: to,
    reason: next.reason,
    referred: next.referred,
    exposureHeld: exposureDelta !== 0 ? 0 : (patch.exposureHeld ?? row.exposureHeld),
    offeredAt: patch.offeredAt ?? row.offeredAt,
    activatedAt: to === 'cover.activated' && from !== 'cover.activated' ? origin.now : row.activatedAt,
    claimedAt: to === 'claim.pending' && from !== 'claim.pending' ? origin.now : row.claimedAt,
    closedAt: isTerminal(to) ? origin.now : row.closedAt,
    version: row.version + 1,
    updatedAt: origin.now,
  } as QuoteRow;
  changed.deadlineAt = deadlineAt(changed, ctx.config);
  writes.push(
    eventsWrite(origin, [statusEvent(changed, from)]),
    auditWrite(origin, { action: `quote.${event}`, entityType: 'quote', entityId: row.id, details: { from, to, reason: next.reason, ...details } }),
  );
  return { changed, writes };
}

export function statusEvent(row: QuoteRow, previous: string | null): NewEvent {
  return {
    type: 'quote.status_changed', entityType: 'quote', entityId: row.id,
    data: { id: row.id, product: row.product, status: { code: row.status, reason: row.reason }, previous_status: previous },
  };
}

/** Applies a due timer (offer expiry, automatic settlement) to a locked row; returns the row as it now stands. */
export async function applyDueTimers(uow: UnitOfWork, row: QuoteRow, ctx: InsuranceContext): Promise<QuoteRow> {
  const evaluation = evaluateTimers(timedOf(row), uow.now, ctx.config.timers);
  if (evaluation.fired === null) return row;
  return changeStatus(uow, row, evaluation.quote, evaluation.fired, {}, ctx);
}

/** Whether the quote's seller has signed the current policy (only Insure asks for a signature). */
export async function sellerSigned(executor: Executor, row: QuoteRow): Promise<boolean> {
  if (row.product !== 'insure') return true;
  return isSellerSigned(executor, row.tenantId, row.sellerCountry, row.sellerIdentifier, currentPolicy().version);
}
