// Every status change of a Connect quote request goes through `changeConnectStatus`: exposure released when the request
// stops holding it, the next deadline recomputed, the row written, the webhook event and the audit row appended, all in
// the caller's transaction.
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.js';
import { type NewEvent, appendEvent } from '../../platform/events/append.js';
import { formatDecimalAmount } from '../../platform/money.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { adjustExposure } from '../../risk/api.js';
import {
  type ConnectStatus, type ConnectTimerRules, connectDeadline, dueConnectTimer, flagsOf, holdsConnectExposure,
} from '../domain/connect-state.js';
import type { InsuranceContext } from '../context.js';
import { connectQuoteRequests } from './schema.js';
import type { ConnectRequestRow } from './store.js';

export const CONNECT_EVENT = 'quote_request.status_changed';

export function timerRules(ctx: InsuranceContext): ConnectTimerRules {
  return { claimWindowDays: ctx.config.timers.claimWindowDays, timeZone: ctx.config.timers.timeZone };
}

export function deadlineOf(row: ConnectRequestRow, ctx: InsuranceContext): Date | null {
  return connectDeadline({ ...row, status: row.status as ConnectStatus }, timerRules(ctx));
}

export function connectEvent(row: ConnectRequestRow, previous: string | null): NewEvent {
  const premium = row.premiumAmount !== null && row.premiumCurrency !== null
    ? formatDecimalAmount(row.premiumAmount, row.premiumCurrency) : null;
  return {
    type: CONNECT_EVENT, entityType: 'quote_request', entityId: row.id,
    data: {
      id: row.id, status: row.status, previous_status: previous, ...flagsOf(row.status as ConnectStatus), new_user: row.newUser,
      premium_amount: premium, premium_amount_currency: premium === null ? null : row.premiumCurrency,
      cover_from: row.coverFrom, cover_to: row.coverTo,
    },
  };
}

export async function changeConnectStatus(
  uow: UnitOfWork, row: ConnectRequestRow, to: ConnectStatus, patch: Partial<ConnectRequestRow>, ctx: InsuranceContext,
  audit: { action: string; details?: Record<string, unknown> },
): Promise<ConnectRequestRow> {
  const from = row.status as ConnectStatus;
  const releases = holdsConnectExposure(from) && !holdsConnectExposure(to) && row.exposureHeld > 0;
  if (releases) {
    await adjustExposure(uow.tx, row.bookId, row.buyerCountry, row.buyerIdentifier, { exposure: -row.exposureHeld });
  }
  const merged: ConnectRequestRow = {
    ...row, ...patch, status: to,
    exposureHeld: releases ? 0 : (patch.exposureHeld ?? row.exposureHeld),
    closedAt: to === 'declined' || to === 'expired' || to === 'ended' ? uow.now : row.closedAt,
    version: row.version + 1, updatedAt: uow.now,
  };
  merged.deadlineAt = deadlineOf(merged, ctx);
  const { id: _id, tenantId: _tenant, createdAt: _created, ...changes } = merged;
  await uow.tx.update(connectQuoteRequests).set(changes).where(eq(connectQuoteRequests.id, row.id));
  await appendEvent(uow, connectEvent(merged, from));
  await recordAudit(uow, {
    action: audit.action, entityType: 'quote_request', entityId: row.id, details: { from, to, ...audit.details },
  });
  return merged;
}

/** Applies a due timer (purchase window closed, cover ended) to a locked row; returns the row as it now stands. */
export async function applyConnectTimers(uow: UnitOfWork, row: ConnectRequestRow, ctx: InsuranceContext): Promise<ConnectRequestRow> {
  const due = dueConnectTimer({ ...row, status: row.status as ConnectStatus }, uow.now, timerRules(ctx));
  if (due === null) return row;
  return changeConnectStatus(uow, row, due.next, {}, ctx, { action: `quote_request.${due.timer}` });
}
