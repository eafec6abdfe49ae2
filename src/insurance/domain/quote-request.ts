// What a client asks to insure, once its protocol has read it (Reinsure and Insure quotes, Connect quote requests),
// and the invoice-date rules of spec §5.3 (I, D1, D2, D3) and §4.2. Rules answer which one an invoice breaks;
// each protocol's http layer words the refusal.
import type { MinorUnits } from '../../platform/money.js';
import { type BusinessDate, addDays, compareDates } from '../../platform/dates.js';

export const QUOTE_CURRENCIES = ['DKK', 'EUR', 'GBP', 'NOK', 'SEK'] as const;
export type QuoteCurrency = (typeof QUOTE_CURRENCIES)[number];

export const ISSUE_DATE_WINDOW_DAYS = 15;
export const MAX_DAYS_FROM_ISSUE_TO_DUE = 180;

export interface PartyIdentity {
  readonly country: string;
  /** Canonical registry id (hyphen stripped for SE). */
  readonly registryId: string;
}

export interface QuoteRequest {
  readonly userReference: string;
  readonly sellerReference: string;
  readonly seller: PartyIdentity;
  readonly buyerReference: string;
  readonly buyer: PartyIdentity;
  readonly invoiceReference: string;
  /** `invoice_amount` as sent, echoed on the wire. */
  readonly invoiceAmountText: string;
  readonly invoiceAmount: MinorUnits;
  readonly invoiceAmountCurrency: QuoteCurrency;
  readonly invoiceIssueDate: BusinessDate;
  readonly invoiceDueDate: BusinessDate;
}

export type InvoiceDateRule = 'issue_outside_window' | 'due_not_in_future' | 'due_too_far_from_issue' | 'due_before_issue';

export interface InvoiceDateViolation {
  readonly field: 'invoice_issue_date' | 'invoice_due_date';
  readonly rule: InvoiceDateRule;
}

export interface InvoiceDates {
  readonly issueDate: BusinessDate | undefined;
  readonly dueDate: BusinessDate | undefined;
  readonly today: BusinessDate;
}

/**
 * The date rules an invoice breaks, in the order they are reported; each runs only when the dates it needs are known.
 * `limitDaysToDue` is rule D2 (Reinsure and Insure); Connect has no such limit.
 */
export function invoiceDateViolations({ issueDate, dueDate, today }: InvoiceDates, limitDaysToDue: boolean): InvoiceDateViolation[] {
  const violations: InvoiceDateViolation[] = [];
  if (issueDate !== undefined && !issueDateWithinWindow(issueDate, today)) {
    violations.push({ field: 'invoice_issue_date', rule: 'issue_outside_window' });
  }
  if (dueDate !== undefined && compareDates(dueDate, today) <= 0) violations.push({ field: 'invoice_due_date', rule: 'due_not_in_future' });
  if (issueDate === undefined || dueDate === undefined) return violations;
  if (limitDaysToDue && compareDates(dueDate, addDays(issueDate, MAX_DAYS_FROM_ISSUE_TO_DUE)) > 0) {
    violations.push({ field: 'invoice_due_date', rule: 'due_too_far_from_issue' });
  }
  if (compareDates(dueDate, issueDate) < 0) violations.push({ field: 'invoice_due_date', rule: 'due_before_issue' });
  return violations;
}

function issueDateWithinWindow(issueDate: BusinessDate, today: BusinessDate): boolean {
  return compareDates(issueDate, addDays(today, -ISSUE_DATE_WINDOW_DAYS)) >= 0
    && compareDates(issueDate, addDays(today, ISSUE_DATE_WINDOW_DAYS)) <= 0;
}

/** The signing user a `sign_and_activate` action names (Insure). */
export interface SigningUser {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
}

/** What a `bankruptcy_claim` action states (Reinsure). */
export interface BankruptcyClaim {
  readonly bankruptcyDate: BusinessDate | null;
  readonly comment: string | null;
}

/** What an action's body carries, as its protocol read it: nothing, a signing user, or a bankruptcy claim. */
export interface ActionFields {
  readonly signer?: SigningUser;
  readonly bankruptcy?: BankruptcyClaim;
}
