// Decision: the flags describe the request and its e-mail, not the purchase (spec §4.5), so a priced request keeps
// success=true after it expires or is bought. A referral of the risk core counts as declined for Connect: Connect
// promises the seller an e-mail within the flow and has no underwriter step (the back-office queue is Reinsure/Insure's).
// Decision: a purchased cover holds the buyer's exposure until the claim window of the last invoice it can cover has
// closed: an invoice sent on the window's last day, due `terms` days later, claimable `claimWindowDays` after that.
import { type BusinessDate, addDays, businessDateAt, compareDates, startOfBusinessDay } from '../../platform/dates.js';

export const CONNECT_STATUSES = ['pending', 'priced', 'declined', 'purchased', 'expired', 'ended'] as const;
export type ConnectStatus = (typeof CONNECT_STATUSES)[number];

/** The seller has this long from the e-mail to onboard and pay (seed: "within 24 hours"). */
export const PURCHASE_WINDOW_HOURS = 24;
/** Cover applies to invoices sent from 15 days before to 15 days after the purchase date (seed §4.1-5). */
export const COVER_WINDOW_DAYS = 15;

export interface ConnectFlags {
  readonly pending: boolean;
  readonly success: boolean;
}

export function flagsOf(status: ConnectStatus): ConnectFlags {
  return { pending: status === 'pending', success: status !== 'pending' && status !== 'declined' };
}

/** Statuses whose request holds the buyer's exposure (the offer while it can be bought, and the cover). */
export function holdsConnectExposure(status: ConnectStatus): boolean {
  return status === 'priced' || status === 'purchased';
}

export function purchaseExpiresAt(pricedAt: Date): Date {
  return new Date(pricedAt.getTime() + PURCHASE_WINDOW_HOURS * 3_600_000);
}

export interface CoverWindow {
  readonly from: BusinessDate;
  readonly to: BusinessDate;
}

export function coverWindow(purchaseDate: BusinessDate): CoverWindow {
  return { from: addDays(purchaseDate, -COVER_WINDOW_DAYS), to: addDays(purchaseDate, COVER_WINDOW_DAYS) };
}

/** The last business date on which the cover can still give rise to a claim; the exposure is released the day after. */
export function coverLastDay(coverTo: BusinessDate, paymentTerms: number, claimWindowDays: number): BusinessDate {
  return addDays(coverTo, paymentTerms + claimWindowDays);
}

export interface TimedConnectRequest {
  readonly status: ConnectStatus;
  readonly expiresAt: Date | null;
  readonly coverTo: BusinessDate | null;
  readonly invoicePaymentTerms: number;
}

export type ConnectTimer = 'purchase_window_closed' | 'cover_ended';

export interface ConnectTimerRules {
  readonly claimWindowDays: number;
  readonly timeZone: string;
}

/** The timer due at `now`, if any, and the status it leads to. */
export function dueConnectTimer(
  request: TimedConnectRequest, now: Date, rules: ConnectTimerRules,
): { readonly timer: ConnectTimer; readonly next: ConnectStatus } | null {
  if (request.status === 'priced' && request.expiresAt !== null && now.getTime() >= request.expiresAt.getTime()) {
    return { timer: 'purchase_window_closed', next: 'expired' };
  }
  if (request.status === 'purchased' && request.coverTo !== null) {
    const lastDay = coverLastDay(request.coverTo, request.invoicePaymentTerms, rules.claimWindowDays);
    if (compareDates(businessDateAt(now, rules.timeZone), lastDay) > 0) return { timer: 'cover_ended', next: 'ended' };
  }
  return null;
}

/** The instant (tenant time) the request's next timer fires; null when none runs. */
export function connectDeadline(request: TimedConnectRequest, rules: ConnectTimerRules): Date | null {
  if (request.status === 'priced') return request.expiresAt;
  if (request.status === 'purchased' && request.coverTo !== null) {
    const lastDay = coverLastDay(request.coverTo, request.invoicePaymentTerms, rules.claimWindowDays);
    return startOfBusinessDay(addDays(lastDay, 1), rules.timeZone);
  }
  return null;
}
