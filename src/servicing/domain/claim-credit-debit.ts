import { addMinor, subtractMinor, type MinorUnits } from '../../platform/money.js';
import { outstandingBalance, type Fee } from './claim.js';
import { claimError, type ClaimError } from './errors.js';
import { resolveIfAllowed } from './claim-transitions.js';
import { creditFeesFlat, creditNamedFees, debitFees, type FeeState } from './claim-fees.js';
import { guardClaimAction, type ExistingClaim, type UnmanagedClaim } from './unmanaged-claim.js';
import { isAmount, isCurrencyCode, isEpochMillis } from './primitives.js';
import { err, ok, type Result } from '../../platform/result.js';

/*
 * credit_claims and debit_claims on unmanaged claims (spec #20, #21, §4.6, A33–A35).
 * Decisions: explicit `fees` are credited first, then `amount` is spread by paymentDistributionPriority
 * (default AMOUNT_FIRST); whatever cannot be applied is dropped and reported, never stored as credit.
 * A fees-only debit/credit (`amount: 0`) is fine; both need an ACTIVE claim in the claim's currency.
 */

export type Originator = 'CLIENT' | 'DCA';
export type PaymentDistributionPriority = 'AMOUNT_FIRST' | 'FEES_FIRST';

/** The wire `CreditClaimInput`. */
export interface CreditClaimInput {
  readonly amount: MinorUnits;
  readonly currency: string;
  readonly originator: Originator;
  readonly fees?: MinorUnits | readonly Fee[];
  readonly paymentDistributionPriority?: PaymentDistributionPriority;
  readonly date?: number;
  readonly descriptionText?: string;
}

/** The wire `DebitClaimInput`. */
export interface DebitClaimInput {
  readonly amount: MinorUnits;
  readonly currency: string;
  readonly originator: Originator;
  readonly date: number;
  readonly fees?: MinorUnits | readonly Fee[];
  readonly descriptionText?: string;
}

export interface CreditOutcome {
  readonly claim: UnmanagedClaim;
  readonly appliedToAmount: MinorUnits;
  readonly appliedToFees: MinorUnits;
  /** Credit that found nothing left to reduce (dropped, A33). */
  readonly droppedExcess: MinorUnits;
  /** Named fee reductions whose name the claim does not have (ignored). */
  readonly ignoredFeeNames: readonly string[];
}

/** Decides the claim after a credit: fees named/flat first, then the amount by priority; resolves at zero. */
export function creditClaim(
  claimReference: string,
  existing: ExistingClaim | undefined,
  input: CreditClaimInput,
): Result<CreditOutcome, ClaimError> {
  const allowed = guardClaimAction(claimReference, existing, 'CREDIT');
  if (!allowed.ok) return allowed;
  const claim = existing as UnmanagedClaim;
  const error = checkMovementInput(claimReference, claim, input)
    ?? checkPriority(claimReference, input.paymentDistributionPriority)
    ?? (input.date === undefined ? undefined : checkEventDate(claimReference, input.date));
  if (error) return err(error);
  return ok(applyCredit(claim, input));
}

function applyCredit(claim: UnmanagedClaim, input: CreditClaimInput): CreditOutcome {
  const explicit = creditExplicitFees({ fees: claim.fees, totalFees: claim.totalFees }, input.fees);
  const spread = spreadAmount(claim.amount, explicit.state, input.amount, input.paymentDistributionPriority ?? 'AMOUNT_FIRST');
  const droppedExcess = addMinor(explicit.dropped, spread.dropped);
  const credited: UnmanagedClaim = { ...claim, amount: spread.principal, fees: spread.fees.fees, totalFees: spread.fees.totalFees };
  const settled = outstandingBalance(credited) === 0 ? resolveIfAllowed(credited, 'AUTO_RESOLVE', 'CLAIM_PAID') : credited;
  return {
    claim: settled,
    appliedToAmount: subtractMinor(claim.amount, spread.principal),
    appliedToFees: subtractMinor(claim.totalFees, spread.fees.totalFees),
    droppedExcess,
    ignoredFeeNames: explicit.ignoredNames,
  };
}

function creditExplicitFees(
  state: FeeState,
  fees: MinorUnits | readonly Fee[] | undefined,
): { readonly state: FeeState; readonly dropped: MinorUnits; readonly ignoredNames: readonly string[] } {
  if (fees === undefined) return { state, dropped: 0, ignoredNames: [] };
  if (typeof fees === 'number') {
    const reduction = creditFeesFlat(state, fees);
    return { state: reduction.state, dropped: subtractMinor(fees, reduction.applied), ignoredNames: [] };
  }
  const reduction = creditNamedFees(state, fees);
  const requestedForKnown = addMinor(0, ...fees.filter((fee) => !reduction.ignoredNames.includes(fee.name)).map((fee) => fee.amount));
  return { state: reduction.state, dropped: subtractMinor(requestedForKnown, reduction.applied), ignoredNames: reduction.ignoredNames };
}

/** Decides how a credit amount splits between principal and fees under a distribution priority. */
export function spreadAmount(
  principal: MinorUnits,
  fees: FeeState,
  amount: MinorUnits,
  priority: PaymentDistributionPriority,
): { readonly principal: MinorUnits; readonly fees: FeeState; readonly dropped: MinorUnits } {
  if (priority === 'AMOUNT_FIRST') {
    const toPrincipal = Math.min(amount, principal);
    const reduction = creditFeesFlat(fees, subtractMinor(amount, toPrincipal));
    const used = addMinor(toPrincipal, reduction.applied);
    return { principal: subtractMinor(principal, toPrincipal), fees: reduction.state, dropped: subtractMinor(amount, used) };
  }
  const reduction = creditFeesFlat(fees, amount);
  const toPrincipal = Math.min(subtractMinor(amount, reduction.applied), principal);
  const used = addMinor(toPrincipal, reduction.applied);
  return { principal: subtractMinor(principal, toPrincipal), fees: reduction.state, dropped: subtractMinor(amount, used) };
}

/** Decides the claim after a debit: amount added to principal; fees added flat (unnamed) or by name. */
export function debitClaim(
  claimReference: string,
  existing: ExistingClaim | undefined,
  input: DebitClaimInput,
): Result<UnmanagedClaim, ClaimError> {
  const allowed = guardClaimAction(claimReference, existing, 'DEBIT');
  if (!allowed.ok) return allowed;
  const claim = existing as UnmanagedClaim;
  const error = checkMovementInput(claimReference, claim, input) ?? checkEventDate(claimReference, input.date);
  if (error) return err(error);
  const fees = input.fees === undefined ? { fees: claim.fees, totalFees: claim.totalFees } : debitFees(claim, input.fees);
  return ok({ ...claim, amount: addMinor(claim.amount, input.amount), fees: fees.fees, totalFees: fees.totalFees });
}

function checkMovementInput(
  claimReference: string,
  claim: UnmanagedClaim,
  input: CreditClaimInput | DebitClaimInput,
): ClaimError | undefined {
  if (!isAmount(input.amount)) {
    return claimError('INVALID_AMOUNT', claimReference, 'amount must be an integer number of cents >= 0', ['amount']);
  }
  if (input.originator !== 'CLIENT' && input.originator !== 'DCA') {
    return claimError('INVALID_ORIGINATOR', claimReference, 'originator must be CLIENT or DCA', ['originator']);
  }
  if (!isCurrencyCode(input.currency)) {
    return claimError('INVALID_CURRENCY', claimReference, `Invalid currency ${String(input.currency)}`, ['currency']);
  }
  if (input.currency !== claim.currency) {
    return claimError('CURRENCY_MISMATCH', claimReference,
      `Currency ${input.currency} does not match the claim currency ${claim.currency}`, ['currency']);
  }
  return checkFeesMovement(claimReference, input.fees);
}

function checkFeesMovement(claimReference: string, fees: MinorUnits | readonly Fee[] | undefined): ClaimError | undefined {
  if (fees === undefined) return undefined;
  const valid = typeof fees === 'number'
    ? isAmount(fees)
    : Array.isArray(fees) && fees.every((fee) => typeof fee?.name === 'string' && fee.name.trim() !== '' && isAmount(fee.amount));
  if (valid) return undefined;
  return claimError('INVALID_FEES', claimReference,
    'fees must be an amount in cents >= 0 or a list of {name, amount} with amounts in cents >= 0', ['fees']);
}

function checkPriority(claimReference: string, priority: unknown): ClaimError | undefined {
  if (priority === undefined || priority === 'AMOUNT_FIRST' || priority === 'FEES_FIRST') return undefined;
  return claimError('INVALID_DISTRIBUTION_PRIORITY', claimReference,
    'paymentDistributionPriority must be AMOUNT_FIRST or FEES_FIRST', ['paymentDistributionPriority']);
}

function checkEventDate(claimReference: string, date: unknown): ClaimError | undefined {
  if (isEpochMillis(date)) return undefined;
  const message = date === undefined ? 'Missing required fields: date' : 'date must be epoch milliseconds';
  return claimError(date === undefined ? 'MISSING_REQUIRED_FIELDS' : 'INVALID_DATE', claimReference, message, ['date']);
}
