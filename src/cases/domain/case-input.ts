// The validation rules of spec §6.3 (POST /cases) and of the transactions and notes added later (§6.1), as pure
// functions from the wire's shape (already typed by the route's schema) to the values a use case stores.
import { type BusinessDate, compareDates, isBusinessDate } from '../../platform/dates.js';
import { currencyExponent, MoneyError, parseDecimalAmount, type MinorUnits } from '../../platform/money.js';
import { type Result, err, ok } from '../../platform/result.js';
import { type CaseType, type ClaimCause, type NoteCategory, type TransactionType, isClaimType } from './codes.js';
import { type CaseError, fieldError } from './errors.js';

type WireAmount = string | number;

export interface TransactionInput {
  readonly transactionType: TransactionType;
  readonly documentNumber: string;
  readonly documentDate: string;
  readonly dueDate?: string | undefined;
  readonly period?: string | undefined;
  readonly grossAmount: WireAmount;
  readonly netAmount?: WireAmount | undefined;
  readonly outstandingAmount?: WireAmount | undefined;
  readonly description?: string | undefined;
  readonly currencyCode?: string | undefined;
}

export interface NewTransaction {
  readonly transactionType: TransactionType;
  readonly documentNumber: string;
  readonly documentDate: BusinessDate;
  readonly dueDate: BusinessDate | null;
  readonly period: string | null;
  readonly grossAmount: MinorUnits;
  readonly netAmount: MinorUnits | null;
  /** What is still unpaid of an invoice (its gross amount unless told); 0 for credit notes and payments. */
  readonly outstandingAmount: MinorUnits;
  readonly description: string | null;
}

export interface NoteInput {
  readonly text: string;
  readonly category?: NoteCategory | undefined;
}

export interface NewNote {
  readonly text: string;
  readonly category: NoteCategory;
}

export interface DocumentRef {
  readonly name: string;
  readonly url: string;
}

export interface Instalment {
  readonly dueDate: BusinessDate;
  readonly amount: MinorUnits;
}

export interface CaseInput {
  readonly customerId: number;
  readonly policyId: number;
  readonly buyerId: number;
  readonly caseType: CaseType | 'CLAIM';
  readonly customerRefNumber?: string | undefined;
  readonly currencyCode: string;
  readonly claimCause?: ClaimCause | undefined;
  readonly insolvencyDate?: string | undefined;
  readonly claimAmount?: WireAmount | undefined;
  readonly transactions: readonly TransactionInput[];
  readonly notes?: readonly NoteInput[] | undefined;
  readonly documents?: readonly DocumentRef[] | undefined;
  readonly paymentPlan?: { readonly instalments: readonly { readonly dueDate: string; readonly amount: WireAmount }[] } | undefined;
  readonly debtorContact?: { readonly name?: string | undefined; readonly email?: string | undefined; readonly phone?: string | undefined; readonly address?: string | undefined } | undefined;
}

export interface NewCase {
  readonly customerId: number;
  readonly policyId: number;
  readonly buyerId: number;
  readonly caseType: CaseType;
  readonly customerRefNumber: string | null;
  readonly currency: string;
  readonly claimCause: ClaimCause | null;
  readonly insolvencyDate: BusinessDate | null;
  readonly claimAmount: MinorUnits | null;
  readonly transactions: readonly NewTransaction[];
  readonly notes: readonly NewNote[];
  readonly documents: readonly DocumentRef[];
  readonly paymentPlan: { readonly instalments: readonly Instalment[] } | null;
  readonly debtorContact: Record<string, string> | null;
}

/** Decision: the largest amount one transaction may carry, in whole currency units (TIGER_STYLE: a limit on everything). */
export const MAX_AMOUNT_UNITS = 1_000_000_000_000;
const MAX_DECIMALS = 2;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A wire amount as minor units: > 0, at most 2 decimals (spec §6.3), within the limit; else INVALID_AMOUNT on `field`. */
export function parseCaseAmount(input: WireAmount, currency: string, field: string): Result<MinorUnits, CaseError> {
  let minor: MinorUnits;
  try {
    minor = parseDecimalAmount(input, currency);
  } catch (error) {
    if (error instanceof MoneyError) return err({ code: 'INVALID_AMOUNT', field });
    throw error;
  }
  const exponent = currencyExponent(currency);
  if (minor <= 0 || minor > MAX_AMOUNT_UNITS * 10 ** exponent) return err({ code: 'INVALID_AMOUNT', field });
  // parseDecimalAmount refused more decimals than the currency has, so only a currency with more than 2 can have too many.
  if (exponent > MAX_DECIMALS) {
    const text = typeof input === 'number' ? String(input) : input.trim();
    if ((text.split('.')[1] ?? '').replace(/0+$/, '').length > MAX_DECIMALS) return err({ code: 'INVALID_AMOUNT', field });
  }
  return ok(minor);
}

function date(value: string | undefined, field: string): Result<BusinessDate | null, CaseError> {
  if (value === undefined) return ok(null);
  if (!isBusinessDate(value)) return err(fieldError('INVALID_DATE', field, `${field.split('/').pop()} must be a valid date (YYYY-MM-DD)`));
  return ok(value);
}

/** One transaction (spec §6.2): an invoice needs a due date on or after its document date and before today (overdue). */
export function checkTransaction(input: TransactionInput, currency: string, today: BusinessDate, at: string): Result<NewTransaction, CaseError> {
  if (input.currencyCode !== undefined && input.currencyCode !== currency) {
    return err(fieldError('INVALID_VALUE', `${at}/currencyCode`, 'One currency per case: the transaction currency must be the case currency'));
  }
  const documentDate = date(input.documentDate, `${at}/documentDate`);
  if (!documentDate.ok) return documentDate;
  const dueDate = date(input.dueDate, `${at}/dueDate`);
  if (!dueDate.ok) return dueDate;
  const invoice = input.transactionType === 'INVOICE';
  if (invoice && dueDate.value === null) return err(fieldError('REQUIRED', `${at}/dueDate`));
  if (!invoice && dueDate.value !== null) return err(fieldError('INVALID_VALUE', `${at}/dueDate`, 'dueDate applies to an INVOICE only'));
  if (dueDate.value !== null && documentDate.value !== null) {
    if (compareDates(dueDate.value, documentDate.value) < 0) return err(fieldError('INVALID_DATE', `${at}/dueDate`, 'dueDate must be on or after documentDate'));
    if (compareDates(dueDate.value, today) >= 0) return err(fieldError('INVALID_DATE', `${at}/dueDate`, 'dueDate must be before today: the invoice must be overdue'));
  }
  if (documentDate.value !== null && compareDates(documentDate.value, today) > 0) {
    return err(fieldError('INVALID_DATE', `${at}/documentDate`, 'documentDate must not be in the future'));
  }
  if (input.period !== undefined && !PERIOD.test(input.period)) return err(fieldError('INVALID_VALUE', `${at}/period`, 'period must be YYYY-MM'));
  const gross = parseCaseAmount(input.grossAmount, currency, `${at}/grossAmount`);
  if (!gross.ok) return gross;
  const net = input.netAmount === undefined ? ok(null) : parseCaseAmount(input.netAmount, currency, `${at}/netAmount`);
  if (!net.ok) return net;
  if (net.value !== null && net.value > gross.value) return err(fieldError('INVALID_VALUE', `${at}/netAmount`, 'netAmount must not exceed grossAmount'));
  const outstanding = outstandingOf(input, currency, gross.value, at);
  if (!outstanding.ok) return outstanding;
  return ok({
    transactionType: input.transactionType, documentNumber: input.documentNumber, documentDate: documentDate.value as BusinessDate,
    dueDate: dueDate.value, period: input.period ?? null, grossAmount: gross.value, netAmount: net.value,
    outstandingAmount: outstanding.value, description: input.description ?? null,
  });
}

function outstandingOf(input: TransactionInput, currency: string, gross: MinorUnits, at: string): Result<MinorUnits, CaseError> {
  if (input.transactionType !== 'INVOICE') {
    if (input.outstandingAmount !== undefined) return err(fieldError('INVALID_VALUE', `${at}/outstandingAmount`, 'outstandingAmount applies to an INVOICE only'));
    return ok(0);
  }
  if (input.outstandingAmount === undefined) return ok(gross);
  const outstanding = parseCaseAmount(input.outstandingAmount, currency, `${at}/outstandingAmount`);
  if (!outstanding.ok) return outstanding;
  if (outstanding.value > gross) return err(fieldError('INVALID_VALUE', `${at}/outstandingAmount`, 'outstandingAmount must not exceed grossAmount'));
  return outstanding;
}

export function checkTransactions(inputs: readonly TransactionInput[], currency: string, today: BusinessDate, prefix: string): Result<NewTransaction[], CaseError> {
  const checked: NewTransaction[] = [];
  for (const [index, input] of inputs.entries()) {
    const one = checkTransaction(input, currency, today, `${prefix}/${index}`);
    if (!one.ok) return one;
    checked.push(one.value);
  }
  return ok(checked);
}

export function checkNote(input: NoteInput, at: string): Result<NewNote, CaseError> {
  if (input.text.trim().length === 0) return err(fieldError('INVALID_VALUE', `${at}/text`, 'text must be 1 to 4000 characters'));
  return ok({ text: input.text, category: input.category ?? 'GENERAL' });
}

/** POST /cases (spec §6.3): every rule that needs no stored data. */
export function checkNewCase(input: CaseInput, today: BusinessDate): Result<NewCase, CaseError> {
  const caseType: CaseType = input.caseType === 'CLAIM' ? 'CLAIM_COLLECTION' : input.caseType;
  const currency = input.currencyCode;
  if (isClaimType(caseType) && input.claimCause === undefined) return err(fieldError('REQUIRED', '/claimCause'));
  if (!isClaimType(caseType) && input.claimCause !== undefined) return err(fieldError('INVALID_VALUE', '/claimCause', 'claimCause applies to a CLAIM_* caseType only'));
  const monitor = caseType === 'MONITOR' || caseType === 'CLAIM_MONITOR';
  if (monitor && input.paymentPlan === undefined) return err(fieldError('REQUIRED', '/paymentPlan'));
  const transactions = checkTransactions(input.transactions, currency, today, '/transactions');
  if (!transactions.ok) return transactions;
  if (!transactions.value.some((t) => t.transactionType === 'INVOICE')) {
    return err(fieldError('INVALID_VALUE', '/transactions', 'At least one INVOICE is required'));
  }
  const notes: NewNote[] = [];
  for (const [index, note] of (input.notes ?? []).entries()) {
    const checked = checkNote(note, `/notes/${index}`);
    if (!checked.ok) return checked;
    notes.push(checked.value);
  }
  const plan = checkPaymentPlan(input.paymentPlan, currency);
  if (!plan.ok) return plan;
  const claim = checkClaimFacts(input, currency, today, '');
  if (!claim.ok) return claim;
  return ok({
    customerId: input.customerId, policyId: input.policyId, buyerId: input.buyerId, caseType,
    customerRefNumber: input.customerRefNumber ?? null, currency, claimCause: input.claimCause ?? null,
    insolvencyDate: claim.value.insolvencyDate, claimAmount: claim.value.claimAmount,
    transactions: transactions.value, notes, documents: input.documents ?? [], paymentPlan: plan.value,
    debtorContact: input.debtorContact ? definedOnly(input.debtorContact) : null,
  });
}

/** `insolvencyDate` (not in the future) and `claimAmount` (> 0, 2 decimals) of a claim, on a case or on POST /claim. */
export function checkClaimFacts(
  input: { readonly claimCause?: ClaimCause | undefined; readonly insolvencyDate?: string | undefined; readonly claimAmount?: WireAmount | undefined },
  currency: string, today: BusinessDate, prefix: string,
): Result<{ insolvencyDate: BusinessDate | null; claimAmount: MinorUnits | null }, CaseError> {
  const insolvency = date(input.insolvencyDate, `${prefix}/insolvencyDate`);
  if (!insolvency.ok) return insolvency;
  if (insolvency.value !== null) {
    if (input.claimCause !== 'INSOLVENCY') return err(fieldError('INVALID_VALUE', `${prefix}/insolvencyDate`, 'insolvencyDate applies to claimCause INSOLVENCY only'));
    if (compareDates(insolvency.value, today) > 0) return err(fieldError('INVALID_DATE', `${prefix}/insolvencyDate`, 'insolvencyDate must not be in the future'));
  }
  const amount = input.claimAmount === undefined ? ok(null) : parseCaseAmount(input.claimAmount, currency, `${prefix}/claimAmount`);
  if (!amount.ok) return amount;
  return ok({ insolvencyDate: insolvency.value, claimAmount: amount.value });
}

function checkPaymentPlan(plan: CaseInput['paymentPlan'], currency: string): Result<{ instalments: Instalment[] } | null, CaseError> {
  if (plan === undefined) return ok(null);
  const instalments: Instalment[] = [];
  for (const [index, instalment] of plan.instalments.entries()) {
    const at = `/paymentPlan/instalments/${index}`;
    const due = date(instalment.dueDate, `${at}/dueDate`);
    if (!due.ok) return due;
    const amount = parseCaseAmount(instalment.amount, currency, `${at}/amount`);
    if (!amount.ok) return amount;
    instalments.push({ dueDate: due.value as BusinessDate, amount: amount.value });
  }
  return ok({ instalments });
}

function definedOnly(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
