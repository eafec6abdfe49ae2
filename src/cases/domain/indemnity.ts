import { Decimal } from 'decimal.js';
import { assertMinorUnits, type MinorUnits } from '../../platform/money.js';
import { compareDates, type BusinessDate } from '../../platform/dates.js';
import { err, ok, type Result } from '../../platform/result.js';
import { allocateOldestFirst, type InvoiceBalance, type LossInvoice, type LossReduction } from './indemnity-allocation.js';

/*
 * Indemnity of a claim case (issue 14 point 4; spec §6.7 "indemnity = indemnityPercentage × min(outstanding, cover
 * amount at date of loss)"; P-uk-claims for the Early Costs Assessment and the Pre-Liability Calculation).
 *
 * The rule, in this order, all in integer minor units of the case currency:
 *   1. Credit notes and payments are allocated to the invoices oldest first (indemnity-allocation.ts).
 *   2. The eligible loss is the outstanding amount of the covered invoices. When the policy does not insure VAT,
 *      each invoice counts net of VAT: outstanding × net / gross, rounded DOWN to a minor unit.
 *      A claimed amount below that (spec §6.5 `claimAmount`) caps it.
 *   3. The insured loss is the eligible loss capped at the limit in force at the date of loss.
 *   4. The indemnity is the insured percentage of the insured loss, rounded DOWN to a minor unit: the insurer
 *      never pays a fraction of a cent more than the policy promises, so the indemnity never exceeds the limit
 *      nor the insured percentage of the outstanding amount.
 */

export type IndemnityErrorCode = 'INVALID_PERCENTAGE' | 'INVALID_AMOUNT' | 'NO_INVOICE' | 'NOT_PROTRACTED_DEFAULT';

export interface IndemnityError {
  readonly code: IndemnityErrorCode;
  readonly message: string;
}

function indemnityError(code: IndemnityErrorCode, message: string): IndemnityError {
  return { code, message };
}

export interface IndemnityTerms {
  /** The policy's insured percentage, in percent ("90", "92.5"), 0–100. */
  readonly insuredPercentage: Decimal.Value;
  /** The cover amount in force on the buyer at the date of loss (credit limit, credit check amount, DCL). */
  readonly limitInForce: MinorUnits;
  /** True when the policy insures VAT; otherwise invoices count net of VAT where a net amount is known. */
  readonly vatInsured: boolean;
}

export interface IndemnityInput {
  readonly invoices: readonly LossInvoice[];
  readonly reductions: readonly LossReduction[];
  readonly terms: IndemnityTerms;
  /** The amount the customer claims (spec §6.5); by default the whole eligible loss. */
  readonly claimAmount?: MinorUnits;
}

export interface IndemnityCalculation {
  readonly invoices: readonly InvoiceBalance[];
  readonly totalInvoiced: MinorUnits;
  readonly totalCredited: MinorUnits;
  readonly totalPaid: MinorUnits;
  readonly unallocated: MinorUnits;
  /** What the buyer still owes on all invoices, covered or not. */
  readonly outstandingAmount: MinorUnits;
  /** The outstanding amount of the covered invoices on the policy's basis (net of VAT unless VAT is insured). */
  readonly eligibleOutstanding: MinorUnits;
  /** eligibleOutstanding, capped by the claimed amount. */
  readonly eligibleLoss: MinorUnits;
  readonly limitInForce: MinorUnits;
  /** min(eligibleLoss, limitInForce). */
  readonly insuredLoss: MinorUnits;
  /** The insured percentage as a plain decimal string ("90", "92.5"). */
  readonly insuredPercentage: string;
  readonly indemnityAmount: MinorUnits;
  /** outstandingAmount − indemnityAmount: the part of the debt the insured carries itself. */
  readonly retainedByInsured: MinorUnits;
}

/** Checks a percentage in percent: a finite decimal from 0 to 100. */
export function parseInsuredPercentage(value: Decimal.Value): Result<Decimal, IndemnityError> {
  let percentage: Decimal;
  try {
    percentage = new Decimal(value);
  } catch {
    return err(indemnityError('INVALID_PERCENTAGE', `Not a percentage: ${String(value)}`));
  }
  if (!percentage.isFinite() || percentage.isNegative() || percentage.greaterThan(100)) {
    return err(indemnityError('INVALID_PERCENTAGE', `The insured percentage must be from 0 to 100: ${String(value)}`));
  }
  return ok(percentage);
}

/** amount × percent / 100, rounded down to a whole minor unit. */
export function percentOf(amount: MinorUnits, percentage: Decimal): MinorUnits {
  return assertMinorUnits(new Decimal(amount).times(percentage).dividedBy(100).toDecimalPlaces(0, Decimal.ROUND_DOWN).toNumber());
}

function isNonNegativeAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function invalidAmount(input: IndemnityInput): IndemnityError | undefined {
  for (const invoice of input.invoices) {
    const net = invoice.netAmount;
    if (!isNonNegativeAmount(invoice.grossAmount) || (net !== undefined && (!isNonNegativeAmount(net) || net > invoice.grossAmount))) {
      return indemnityError('INVALID_AMOUNT', `Invoice ${invoice.documentNumber}: amounts must be whole minor units, net ≤ gross`);
    }
  }
  for (const reduction of input.reductions) {
    if (!isNonNegativeAmount(reduction.amount)) {
      return indemnityError('INVALID_AMOUNT', `${reduction.kind} ${reduction.documentNumber}: not a non-negative amount`);
    }
  }
  const { limitInForce } = input.terms;
  if (!isNonNegativeAmount(limitInForce)) return indemnityError('INVALID_AMOUNT', 'The limit in force must be a non-negative amount');
  if (input.claimAmount !== undefined && !isNonNegativeAmount(input.claimAmount)) {
    return indemnityError('INVALID_AMOUNT', 'The claimed amount must be a non-negative amount');
  }
  return undefined;
}

/** The outstanding part of one invoice that the policy can indemnify. */
function eligiblePart(balance: InvoiceBalance, vatInsured: boolean): MinorUnits {
  const { invoice, outstanding } = balance;
  if (!invoice.covered) return 0;
  if (vatInsured || invoice.netAmount === undefined || invoice.grossAmount === 0) return outstanding;
  return assertMinorUnits(
    new Decimal(outstanding).times(invoice.netAmount).dividedBy(invoice.grossAmount).toDecimalPlaces(0, Decimal.ROUND_DOWN).toNumber(),
  );
}

function sum(values: readonly MinorUnits[]): MinorUnits {
  return assertMinorUnits(values.reduce((total, value) => total + value, 0));
}

/** The indemnity of a claim by the rule above. */
export function calculateIndemnity(input: IndemnityInput): Result<IndemnityCalculation, IndemnityError> {
  if (input.invoices.length === 0) return err(indemnityError('NO_INVOICE', 'A claim needs at least one invoice'));
  const amountError = invalidAmount(input);
  if (amountError) return err(amountError);
  const percentage = parseInsuredPercentage(input.terms.insuredPercentage);
  if (!percentage.ok) return percentage;

  const allocation = allocateOldestFirst(input.invoices, input.reductions);
  const balances = allocation.invoices;
  const outstandingAmount = sum(balances.map((balance) => balance.outstanding));
  const eligibleOutstanding = sum(balances.map((balance) => eligiblePart(balance, input.terms.vatInsured)));
  const eligibleLoss = Math.min(eligibleOutstanding, input.claimAmount ?? eligibleOutstanding);
  const insuredLoss = Math.min(eligibleLoss, input.terms.limitInForce);
  const indemnityAmount = percentOf(insuredLoss, percentage.value);
  return ok({
    invoices: balances,
    totalInvoiced: sum(balances.map((balance) => balance.invoice.grossAmount)),
    totalCredited: sum(balances.map((balance) => balance.credited)),
    totalPaid: sum(balances.map((balance) => balance.paid)),
    unallocated: allocation.unallocated,
    outstandingAmount,
    eligibleOutstanding,
    eligibleLoss,
    limitInForce: input.terms.limitInForce,
    insuredLoss,
    insuredPercentage: percentage.value.toFixed(),
    indemnityAmount,
    retainedByInsured: outstandingAmount - indemnityAmount,
  });
}

// ---- Early Costs Assessment -----------------------------------------------------------------------------------

/*
 * "Based on the information provided, an Early Costs Assessment will be carried out to determine our contribution to
 * costs" (P-uk-claims). Collection and legal costs are shared as the loss is: the insurer contributes the insured
 * share of the debt (insured loss / outstanding amount) times the insured percentage, rounded DOWN; the insured
 * bears the rest, so the two parts always add up to the estimated costs (P-be: costs are charged "pro rata for only
 * partially covered claims").
 */

export interface EarlyCostsAssessment {
  readonly estimatedCosts: MinorUnits;
  /** insuredLoss / outstandingAmount as a decimal string with 6 places ("1.000000" when fully covered). */
  readonly coveredShare: string;
  readonly insuredPercentage: string;
  readonly insurerContribution: MinorUnits;
  readonly insuredContribution: MinorUnits;
}

export function assessEarlyCosts(
  calculation: IndemnityCalculation,
  estimatedCosts: MinorUnits,
): Result<EarlyCostsAssessment, IndemnityError> {
  if (!isNonNegativeAmount(estimatedCosts)) return err(indemnityError('INVALID_AMOUNT', 'The estimated costs must be a non-negative amount'));
  const share = calculation.outstandingAmount === 0
    ? new Decimal(0)
    : new Decimal(calculation.insuredLoss).dividedBy(calculation.outstandingAmount);
  const insurerContribution = assertMinorUnits(
    new Decimal(estimatedCosts).times(share).times(calculation.insuredPercentage).dividedBy(100)
      .toDecimalPlaces(0, Decimal.ROUND_DOWN).toNumber(),
  );
  return ok({
    estimatedCosts,
    coveredShare: share.toDecimalPlaces(6, Decimal.ROUND_DOWN).toFixed(6),
    insuredPercentage: calculation.insuredPercentage,
    insurerContribution,
    insuredContribution: estimatedCosts - insurerContribution,
  });
}

// ---- Pre-Liability Calculation --------------------------------------------------------------------------------

/*
 * "In the case of a protracted default claim, a Pre-Liability Calculation is carried out to give you an indication
 * of our liability at the date of loss" (P-uk-claims). It is the indemnity rule applied to the transactions known
 * on `asOf`, with the limit that will be in force at the date of loss (oldestDueDate + waiting period, §6.5). It is
 * indicative while the date of loss lies ahead: payments and credit notes received before then still reduce it.
 * Insolvency claims get no Pre-Liability Calculation: their date of loss is the insolvency date.
 */

export type ClaimCause = 'PROTRACTED_DEFAULT' | 'INSOLVENCY';

export interface PreLiabilityInput extends IndemnityInput {
  readonly claimCause: ClaimCause;
  readonly dateOfLoss: BusinessDate;
  /** The business date the calculation is made on. */
  readonly asOf: BusinessDate;
}

export interface PreLiabilityCalculation extends IndemnityCalculation {
  readonly dateOfLoss: BusinessDate;
  readonly asOf: BusinessDate;
  /** True while the date of loss is still ahead of `asOf`: the figure may still move. */
  readonly indicative: boolean;
}

export function calculatePreLiability(input: PreLiabilityInput): Result<PreLiabilityCalculation, IndemnityError> {
  if (input.claimCause !== 'PROTRACTED_DEFAULT') {
    return err(indemnityError('NOT_PROTRACTED_DEFAULT', 'A Pre-Liability Calculation is made for protracted default claims only'));
  }
  const calculation = calculateIndemnity(input);
  if (!calculation.ok) return calculation;
  return ok({ ...calculation.value, dateOfLoss: input.dateOfLoss, asOf: input.asOf, indicative: compareDates(input.asOf, input.dateOfLoss) < 0 });
}
