import { subtractMinor, type MinorUnits } from '../../platform/money.js';
import type { CurrencyMismatchError, LedgerEntryError } from './errors.js';
import {
  isAmount, isCalendarDate, isEpochMillis, isReference, isRelativeAmount, type CalendarDate, type LedgerEntryType, type Metadata,
} from './primitives.js';
import { err, ok, type Result } from '../../platform/result.js';

/*
 * Decisions (spec §4.1, §7.4 A39/A43 leave these open):
 * - Ledger entries carry no currency on the wire; currency consistency is checked where a currency is sent
 *   (match_account_payment, via `checkCurrencyMatchesAccount`).
 * - An optional target, when sent, must exist. Fees may target only an Invoice; Adjustments and Discounts an Invoice
 *   or Fee; Payments an Invoice, Fee or account-level (untargeted, positive) Adjustment, which match_account_payment
 *   pays; Chargebacks a Payment, Invoice or Fee. A Chargeback on a Payment may not reverse more than
 *   that Payment still carries (its amount minus earlier chargebacks on it).
 */

export type { LedgerEntryType };

/** Wire key of each entry type's details object: the type is known from which one is present (spec #5). */
export const DETAILS_KEY = {
  INVOICE: 'invoiceDetails',
  FEE: 'feeDetails',
  PAYMENT: 'paymentDetails',
  ADJUSTMENT: 'adjustmentDetails',
  CHARGEBACK: 'chargebackDetails',
  DISCOUNT: 'discountDetails',
  REPORTING: 'reportingDetails',
} as const satisfies Record<LedgerEntryType, string>;

/** Fee type used when `feeDetails.type` is absent (spec §4.1). */
export const DEFAULT_FEE_TYPE = 'FEE';

export interface InvoiceLedgerEntry {
  readonly ledgerEntryReference: string;
  readonly invoiceDetails: {
    readonly amount: MinorUnits;
    readonly dueDate: CalendarDate;
    readonly createdAt: number;
    readonly paymentReference?: string;
    readonly meta?: Metadata;
  };
  readonly context: { readonly productReference?: string; readonly externalDebtorReference?: string };
}

/** Context of entries whose target (`context.ledgerEntryReference`) is optional. */
export interface OptionalTargetContext {
  readonly productReference?: string;
  readonly ledgerEntryReference?: string;
}

/** Context of entries whose target is required (chargeback, discount). */
export interface RequiredTargetContext {
  readonly productReference?: string;
  readonly ledgerEntryReference: string;
}

export interface FeeLedgerEntry {
  readonly ledgerEntryReference: string;
  readonly feeDetails: { readonly type?: string; readonly amount: MinorUnits; readonly createdAt: number; readonly meta?: Metadata };
  readonly context: OptionalTargetContext;
}

export interface PaymentLedgerEntry {
  readonly ledgerEntryReference: string;
  readonly paymentDetails: {
    readonly amount: MinorUnits;
    readonly paymentReference?: string;
    readonly paymentProvider?: string;
    readonly createdAt: number;
    readonly meta?: Metadata;
  };
  readonly context: OptionalTargetContext;
}

export interface AdjustmentLedgerEntry {
  readonly ledgerEntryReference: string;
  readonly adjustmentDetails: {
    readonly reason?: string;
    /** RelativeAmount: signed cents. */
    readonly amount: MinorUnits;
    readonly dueDate?: CalendarDate;
    readonly createdAt: number;
    readonly meta?: Metadata;
  };
  readonly context: OptionalTargetContext;
}

export interface ChargebackLedgerEntry {
  readonly ledgerEntryReference: string;
  readonly chargebackDetails: { readonly amount: MinorUnits; readonly createdAt: number; readonly meta?: Metadata };
  readonly context: RequiredTargetContext;
}

export interface DiscountLedgerEntry {
  readonly ledgerEntryReference: string;
  readonly discountDetails: { readonly amount: MinorUnits; readonly createdAt: number; readonly meta?: Metadata };
  readonly context: RequiredTargetContext;
}

/** Deprecated: stored only, no effect on any balance (spec A42). */
export interface ReportingLedgerEntry {
  readonly ledgerEntryReference: string;
  readonly reportingDetails: { readonly amount: MinorUnits; readonly createdAt: number; readonly meta?: Metadata };
  readonly context: { readonly productReference?: string };
}

/** A stored, immutable ledger entry: exactly one `*Details` object, with `createdAt` always set. */
export type LedgerEntry =
  | InvoiceLedgerEntry | FeeLedgerEntry | PaymentLedgerEntry | AdjustmentLedgerEntry
  | ChargebackLedgerEntry | DiscountLedgerEntry | ReportingLedgerEntry;

type WithOptionalCreatedAt<D> = Omit<D, 'createdAt'> & { readonly createdAt?: number };

type Unstamped<E> = E extends unknown
  ? { readonly [K in keyof E]: K extends `${string}Details` ? WithOptionalCreatedAt<E[K]> : E[K] }
  : never;

/** A ledger entry as sent by a client: `createdAt` may be missing and defaults to the server time. */
export type LedgerEntryInput = Unstamped<LedgerEntry>;

/** Decides the entry type from which details key is present. */
export function ledgerEntryType(entry: LedgerEntry | LedgerEntryInput): LedgerEntryType {
  if ('invoiceDetails' in entry) return 'INVOICE';
  if ('feeDetails' in entry) return 'FEE';
  if ('paymentDetails' in entry) return 'PAYMENT';
  if ('adjustmentDetails' in entry) return 'ADJUSTMENT';
  if ('chargebackDetails' in entry) return 'CHARGEBACK';
  if ('discountDetails' in entry) return 'DISCOUNT';
  return 'REPORTING';
}

type Details = { readonly amount: MinorUnits; readonly createdAt?: number };

function detailsOf(entry: LedgerEntry | LedgerEntryInput): Details {
  const key = DETAILS_KEY[ledgerEntryType(entry)];
  return (entry as unknown as Record<string, Details>)[key] as Details;
}

/** Decides the amount an entry carries (signed for adjustments). */
export function entryAmount(entry: LedgerEntry): MinorUnits {
  return detailsOf(entry).amount;
}

/** Decides the business time of an entry (epoch ms). */
export function entryCreatedAt(entry: LedgerEntry): number {
  return detailsOf(entry).createdAt as number;
}

/** Decides which entry an entry is aimed at, if any (`context.ledgerEntryReference`). */
export function entryTarget(entry: LedgerEntry | LedgerEntryInput): string | undefined {
  const context = entry.context as { readonly ledgerEntryReference?: string };
  return context.ledgerEntryReference;
}

/** Decides the product an entry names itself (`context.productReference`), if any. */
export function entryProduct(entry: LedgerEntry | LedgerEntryInput): string | undefined {
  return entry.context.productReference;
}

/** Decides the fee type of a fee entry, defaulting to `FEE`. */
export function feeTypeOf(entry: FeeLedgerEntry): string {
  return entry.feeDetails.type ?? DEFAULT_FEE_TYPE;
}

/** Decides the stored form of a client entry: `createdAt` defaults to `nowMs` (the caller's clock). */
export function stampLedgerEntry(input: LedgerEntryInput, nowMs: number): LedgerEntry {
  const key = DETAILS_KEY[ledgerEntryType(input)];
  const details = detailsOf(input);
  return { ...input, [key]: { ...details, createdAt: details.createdAt ?? nowMs } } as unknown as LedgerEntry;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation of new entries against the account's existing ledger.


/** What validation needs to know about the account besides its ledger. */
export interface LedgerAccountContext {
  readonly debtorReferences: readonly string[];
}

/** Which entry types each entry type may aim at; `required` means the target must be sent. */
const TARGET_RULES: Record<LedgerEntryType, { readonly required: boolean; readonly allowed: readonly LedgerEntryType[] }> = {
  INVOICE: { required: false, allowed: [] },
  FEE: { required: false, allowed: ['INVOICE'] },
  PAYMENT: { required: false, allowed: ['INVOICE', 'FEE', 'ADJUSTMENT'] },
  ADJUSTMENT: { required: false, allowed: ['INVOICE', 'FEE'] },
  CHARGEBACK: { required: true, allowed: ['PAYMENT', 'INVOICE', 'FEE'] },
  DISCOUNT: { required: true, allowed: ['INVOICE', 'FEE'] },
  REPORTING: { required: false, allowed: [] },
};

type LedgerIndex = Map<string, LedgerEntry>;

function indexLedger(entries: readonly LedgerEntry[]): LedgerIndex {
  return new Map(entries.map((entry) => [entry.ledgerEntryReference, entry]));
}

/** Decides whether one new entry may be appended to an account's ledger; returns the entry unchanged when it may. */
export function validateNewLedgerEntry(
  existing: readonly LedgerEntry[],
  entry: LedgerEntry,
  account: LedgerAccountContext,
): Result<LedgerEntry, LedgerEntryError> {
  const index = indexLedger(existing);
  const error = firstEntryError(index, existing, entry, account);
  return error ? err(error) : ok(entry);
}

/**
 * Decides whether a batch of entries for one account may be appended, all or nothing: each entry is checked
 * against the existing ledger plus the batch entries before it (so a batch may add an invoice and then its fee).
 */
export function validateLedgerEntries(
  existing: readonly LedgerEntry[],
  batch: readonly LedgerEntry[],
  account: LedgerAccountContext,
): Result<readonly LedgerEntry[], LedgerEntryError> {
  const ledger = [...existing];
  const index = indexLedger(existing);
  for (const entry of batch) {
    const error = firstEntryError(index, ledger, entry, account);
    if (error) return err(error);
    ledger.push(entry);
    index.set(entry.ledgerEntryReference, entry);
  }
  return ok(batch);
}

function firstEntryError(
  index: LedgerIndex,
  ledger: readonly LedgerEntry[],
  entry: LedgerEntry,
  account: LedgerAccountContext,
): LedgerEntryError | undefined {
  return checkReference(entry)
    ?? checkSingleDetails(entry)
    ?? checkUniqueReference(index, entry)
    ?? checkAmountSign(entry)
    ?? checkCreatedAt(entry)
    ?? checkDates(entry)
    ?? checkTarget(index, entry)
    ?? checkChargebackWithinPayment(index, ledger, entry)
    ?? checkInvoiceHasDebtor(entry, account);
}

function checkReference(entry: LedgerEntry): LedgerEntryError | undefined {
  if (isReference(entry.ledgerEntryReference)) return undefined;
  return {
    code: 'INVALID_LEDGER_ENTRY_REFERENCE',
    ledgerEntryReference: String(entry.ledgerEntryReference),
    message: 'ledgerEntryReference must be a non-empty string',
  };
}

function checkSingleDetails(entry: LedgerEntry): LedgerEntryError | undefined {
  const found = Object.values(DETAILS_KEY).filter((key) => key in entry).length;
  if (found === 1) return undefined;
  return {
    code: 'DETAILS_COUNT',
    ledgerEntryReference: entry.ledgerEntryReference,
    detailsFound: found,
    message: `Ledger Entry ${entry.ledgerEntryReference} must have exactly one details field, found ${found}`,
  };
}

function checkUniqueReference(index: LedgerIndex, entry: LedgerEntry): LedgerEntryError | undefined {
  if (!index.has(entry.ledgerEntryReference)) return undefined;
  return {
    code: 'DUPLICATE_LEDGER_ENTRY_REFERENCE',
    ledgerEntryReference: entry.ledgerEntryReference,
    message: `Ledger Entry ${entry.ledgerEntryReference} already exists in the account`,
  };
}

function checkAmountSign(entry: LedgerEntry): LedgerEntryError | undefined {
  const amount = entryAmount(entry);
  const signed = ledgerEntryType(entry) === 'ADJUSTMENT';
  if (signed ? isRelativeAmount(amount) : isAmount(amount)) return undefined;
  return {
    code: 'INVALID_AMOUNT',
    ledgerEntryReference: entry.ledgerEntryReference,
    amount,
    message: signed
      ? `Ledger Entry ${entry.ledgerEntryReference}: amount must be an integer number of cents`
      : `Ledger Entry ${entry.ledgerEntryReference}: amount must be an integer number of cents >= 0`,
  };
}

function checkCreatedAt(entry: LedgerEntry): LedgerEntryError | undefined {
  const createdAt = entryCreatedAt(entry);
  if (isEpochMillis(createdAt)) return undefined;
  return {
    code: 'INVALID_CREATED_AT',
    ledgerEntryReference: entry.ledgerEntryReference,
    value: createdAt,
    message: `Ledger Entry ${entry.ledgerEntryReference}: createdAt must be epoch milliseconds`,
  };
}

function checkDates(entry: LedgerEntry): LedgerEntryError | undefined {
  if ('invoiceDetails' in entry) return checkDate(entry, 'invoiceDetails.dueDate', entry.invoiceDetails.dueDate, true);
  if ('adjustmentDetails' in entry) {
    return checkDate(entry, 'adjustmentDetails.dueDate', entry.adjustmentDetails.dueDate, false);
  }
  return undefined;
}

function checkDate(entry: LedgerEntry, field: string, value: unknown, required: boolean): LedgerEntryError | undefined {
  if (value === undefined && !required) return undefined;
  if (isCalendarDate(value)) return undefined;
  return {
    code: 'INVALID_DATE',
    ledgerEntryReference: entry.ledgerEntryReference,
    field,
    value,
    message: `Ledger Entry ${entry.ledgerEntryReference}: ${field} must be a date in YYYY-MM-DD format`,
  };
}

function checkTarget(index: LedgerIndex, entry: LedgerEntry): LedgerEntryError | undefined {
  const type = ledgerEntryType(entry);
  const rule = TARGET_RULES[type];
  const target = rule.allowed.length > 0 ? entryTarget(entry) : undefined;
  const ref = entry.ledgerEntryReference;
  if (target === undefined) {
    if (!rule.required) return undefined;
    return { code: 'TARGET_REQUIRED', ledgerEntryReference: ref, message: `Ledger Entry ${ref}: context.ledgerEntryReference is required` };
  }
  const targetEntry = index.get(target);
  if (!targetEntry) {
    return { code: 'TARGET_NOT_FOUND', ledgerEntryReference: ref, target, message: `Ledger Entry ${target} not found in the account` };
  }
  const targetType = ledgerEntryType(targetEntry);
  if (rule.allowed.includes(targetType) && (targetType !== 'ADJUSTMENT' || isAccountLevelItem(targetEntry))) return undefined;
  return {
    code: 'INVALID_TARGET_TYPE',
    ledgerEntryReference: ref,
    target,
    targetType,
    message: `Ledger Entry ${ref}: a ${type} entry cannot target a ${targetType} entry (${target})`,
  };
}

/** Decides whether an entry raised an account-level open item (an untargeted Fee or positive untargeted Adjustment). */
export function isAccountLevelItem(entry: LedgerEntry): boolean {
  if ('feeDetails' in entry) return entry.context.ledgerEntryReference === undefined;
  if ('adjustmentDetails' in entry) return entry.context.ledgerEntryReference === undefined && entry.adjustmentDetails.amount > 0;
  return false;
}

/** Decides how much of a Payment entry can still be charged back: its amount minus earlier chargebacks on it. */
export function reversiblePaymentAmount(ledger: readonly LedgerEntry[], payment: PaymentLedgerEntry): MinorUnits {
  let reversible = payment.paymentDetails.amount;
  for (const entry of ledger) {
    if ('chargebackDetails' in entry && entry.context.ledgerEntryReference === payment.ledgerEntryReference) {
      reversible = subtractMinor(reversible, entry.chargebackDetails.amount);
    }
  }
  return reversible;
}

function checkChargebackWithinPayment(
  index: LedgerIndex,
  ledger: readonly LedgerEntry[],
  entry: LedgerEntry,
): LedgerEntryError | undefined {
  if (!('chargebackDetails' in entry)) return undefined;
  const target = index.get(entry.context.ledgerEntryReference);
  if (!target || !('paymentDetails' in target)) return undefined;
  const reversible = reversiblePaymentAmount(ledger, target);
  if (entry.chargebackDetails.amount <= reversible) return undefined;
  return {
    code: 'CHARGEBACK_EXCEEDS_PAYMENT',
    ledgerEntryReference: entry.ledgerEntryReference,
    target: target.ledgerEntryReference,
    reversible,
    message: `Chargeback ${entry.ledgerEntryReference} of ${entry.chargebackDetails.amount} exceeds the ${reversible} `
      + `still reversible on Payment ${target.ledgerEntryReference}`,
  };
}

function checkInvoiceHasDebtor(entry: LedgerEntry, account: LedgerAccountContext): LedgerEntryError | undefined {
  if (!('invoiceDetails' in entry) || account.debtorReferences.length > 0) return undefined;
  return {
    code: 'ACCOUNT_HAS_NO_DEBTOR',
    ledgerEntryReference: entry.ledgerEntryReference,
    message: `Invoice ${entry.ledgerEntryReference} cannot be added: the account has no debtor`,
  };
}

// ---------------------------------------------------------------------------------------------------------------


/** Decides whether an amount sent in `currency` may be booked on an account held in `accountCurrency`. */
export function checkCurrencyMatchesAccount(accountCurrency: string, currency: string): CurrencyMismatchError | undefined {
  if (accountCurrency === currency) return undefined;
  return {
    code: 'CURRENCY_MISMATCH',
    expected: accountCurrency,
    actual: currency,
    message: `Currency ${currency} does not match the account currency ${accountCurrency}`,
  };
}
