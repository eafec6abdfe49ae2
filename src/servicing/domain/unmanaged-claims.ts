import type { MinorUnits } from '../../platform/money.js';
import {
  isClaimResolutionReason, outstandingBalance, sumFees, type ClaimResolutionReason, type ClaimStatus, type Fee,
} from './claim.js';
import { guardClaimAction, type ExistingClaim, type UnmanagedClaim } from './unmanaged-claim.js';
import { claimError, type ClaimError } from './errors.js';
import { feesFromInput, type FeeState } from './claim-fees.js';
import { resolveIfAllowed, transitionClaim } from './claim-transitions.js';
import { checkDebtor, type Debtor } from './debtor.js';
import { isAmount, isCalendarDate, isCurrencyCode, type CalendarDate, type Metadata } from './primitives.js';
import { err, ok, type Result } from '../../platform/result.js';

export { CLAIM_TRANSITIONS, resolveIfAllowed, transitionClaim, type ClaimAction, type ClaimPresence } from './claim-transitions.js';
export { claimError, type ClaimError, type ClaimErrorCode } from './errors.js';
export { creditClaim, debitClaim, type CreditClaimInput, type CreditOutcome, type DebitClaimInput } from './claim-credit-debit.js';
export { applyLinkChanges, linkClaims, type LinkGroups } from './claim-links.js';
export {
  guardClaimAction, isManagedClaim, presenceOf, type ExistingClaim, type ManagedClaimMarker, type UnmanagedClaim,
} from './unmanaged-claim.js';

/*
 * Unmanaged claims: create, recreate, update, import, resolve (spec #15–#19, A26–A30, A52).
 * Decisions: create needs the prose's six fields; recreate/import need amount and both due dates plus either
 * (primaryDebtor and currency) or an account to default them from. An existing account's currency must match.
 * `reason` is never stored; links, status and resolution reason survive update/import; update merges `meta`
 * shallowly and replaces `primaryDebtor`/`product` whole. `totalFees` alone may not drop below the named fees.
 * `linkGroupId` in a payload is ignored: links change only through set_link_claims.
 */

/** The wire `BaseClaim` payload of create/recreate/update/import, plus `options.forceAmountCheck`. */
export interface ClaimInput {
  readonly amount?: MinorUnits;
  readonly currency?: string;
  readonly currentDueDate?: CalendarDate;
  readonly originalDueDate?: CalendarDate;
  readonly totalFees?: MinorUnits;
  readonly fees?: readonly Fee[];
  readonly accountReference?: string;
  readonly primaryDebtor?: Debtor;
  readonly productReference?: string;
  readonly product?: Metadata;
  readonly portfolioReference?: string;
  readonly creditorReference?: string;
  readonly scores?: readonly unknown[];
  readonly paymentReference?: string;
  readonly meta?: Metadata;
  readonly reason?: string;
  readonly linkGroupId?: string | null;
  readonly options?: { readonly forceAmountCheck?: boolean };
}

/** What an existing account lends a claim: its currency and its first debtor. */
export interface AccountDefaults {
  readonly currency: string;
  readonly primaryDebtor?: Debtor;
}

const CREATE_REQUIRED = ['amount', 'currency', 'currentDueDate', 'originalDueDate', 'accountReference', 'primaryDebtor'] as const;

/** Decides the new ACTIVE claim created by create_claims, or why it cannot be created. */
export function createClaim(
  claimReference: string,
  existing: ExistingClaim | undefined,
  input: ClaimInput,
  account?: AccountDefaults,
): Result<UnmanagedClaim, ClaimError> {
  const allowed = guardClaimAction(claimReference, existing, 'CREATE');
  if (!allowed.ok) return allowed;
  const missing = CREATE_REQUIRED.filter((field) => input[field] === undefined);
  if (missing.length > 0) return err(missingFields(claimReference, missing));
  return buildClaim(claimReference, input, account, { status: 'ACTIVE', resolutionReason: null, linkGroupId: null });
}

/** Decides the reactivated claim produced by recreate_claims from a RESOLVED ("deleted") claim. */
export function recreateClaim(
  claimReference: string,
  existing: ExistingClaim | undefined,
  input: ClaimInput,
  account?: AccountDefaults,
): Result<UnmanagedClaim, ClaimError> {
  const allowed = guardClaimAction(claimReference, existing, 'RECREATE');
  if (!allowed.ok) return allowed;
  const linkGroupId = (existing as UnmanagedClaim).linkGroupId;
  return buildFullClaim(claimReference, input, account, { status: 'ACTIVE', resolutionReason: null, linkGroupId });
}

/** Decides the claim after import_claims: created when new, otherwise fully replaced keeping status and links. */
export function importClaim(
  claimReference: string,
  existing: ExistingClaim | undefined,
  input: ClaimInput,
  account?: AccountDefaults,
  query: { readonly forceAmountCheck?: boolean } = {},
): Result<{ readonly claim: UnmanagedClaim; readonly created: boolean }, ClaimError> {
  const allowed = guardClaimAction(claimReference, existing, 'IMPORT');
  if (!allowed.ok) return allowed;
  const previous = existing as UnmanagedClaim | undefined;
  const kept = previous
    ? { status: previous.status, resolutionReason: previous.resolutionReason, linkGroupId: previous.linkGroupId }
    : { status: 'ACTIVE' as const, resolutionReason: null, linkGroupId: null };
  const built = buildFullClaim(claimReference, input, account, kept);
  if (!built.ok) return built;
  const claim = previous ? settleAfterAmountChange(built.value, input, forceAmountCheck(input, query)) : built.value;
  return ok({ claim, created: previous === undefined });
}

function buildFullClaim(
  claimReference: string,
  input: ClaimInput,
  account: AccountDefaults | undefined,
  kept: Pick<UnmanagedClaim, 'status' | 'resolutionReason' | 'linkGroupId'>,
): Result<UnmanagedClaim, ClaimError> {
  const withDefaults: ClaimInput = {
    ...input,
    currency: input.currency ?? account?.currency,
    primaryDebtor: input.primaryDebtor ?? account?.primaryDebtor,
  };
  const required = ['amount', 'currency', 'currentDueDate', 'originalDueDate', 'primaryDebtor'] as const;
  const missing = required.filter((field) => withDefaults[field] === undefined);
  if (missing.length > 0) return err(missingFields(claimReference, missing));
  return buildClaim(claimReference, withDefaults, account, kept);
}

function missingFields(claimReference: string, fields: readonly string[]): ClaimError {
  return claimError('MISSING_REQUIRED_FIELDS', claimReference, `Missing required fields: ${fields.join(', ')}`, fields);
}

function buildClaim(
  claimReference: string,
  input: ClaimInput,
  account: AccountDefaults | undefined,
  kept: Pick<UnmanagedClaim, 'status' | 'resolutionReason' | 'linkGroupId'>,
): Result<UnmanagedClaim, ClaimError> {
  const error = checkClaimFields(claimReference, input, account);
  if (error) return err(error);
  const fees = feesFromInput(input.fees, input.totalFees);
  return ok({
    claimReference,
    ...kept,
    amount: input.amount as MinorUnits,
    currency: input.currency as string,
    currentDueDate: input.currentDueDate as string,
    originalDueDate: input.originalDueDate as string,
    totalFees: fees.totalFees,
    fees: fees.fees,
    primaryDebtor: input.primaryDebtor as Debtor,
    ...documentFields(input),
    meta: input.meta ?? {},
  });
}

const DOCUMENT_FIELDS = [
  'accountReference', 'productReference', 'product', 'portfolioReference', 'creditorReference', 'scores', 'paymentReference',
] as const;

function documentFields(input: ClaimInput): Partial<UnmanagedClaim> {
  const fields: Record<string, unknown> = {};
  for (const field of DOCUMENT_FIELDS) if (input[field] !== undefined) fields[field] = input[field];
  return fields as Partial<UnmanagedClaim>;
}

/** Decides the first problem with the fields a payload sends (only the fields present are checked). */
export function checkClaimFields(
  claimReference: string,
  input: ClaimInput,
  account?: AccountDefaults,
): ClaimError | undefined {
  return checkAmounts(claimReference, input)
    ?? checkFeeList(claimReference, input.fees)
    ?? checkCurrency(claimReference, input.currency, account)
    ?? checkDates(claimReference, input)
    ?? checkPrimaryDebtor(claimReference, input.primaryDebtor);
}

const AMOUNT_FIELDS = ['amount', 'totalFees'] as const;
const DATE_FIELDS = ['currentDueDate', 'originalDueDate'] as const;

function checkAmounts(claimReference: string, input: ClaimInput): ClaimError | undefined {
  const isBad = (field: (typeof AMOUNT_FIELDS)[number]) => input[field] !== undefined && !isAmount(input[field]);
  if (!AMOUNT_FIELDS.some(isBad)) return undefined;
  const bad = AMOUNT_FIELDS.filter(isBad);
  return claimError('INVALID_AMOUNT', claimReference, `${bad.join(', ')} must be an integer number of cents >= 0`, bad);
}

/** Decides whether a list of fees is well formed: non-empty names and `Amount` values. */
export function checkFeeList(claimReference: string, fees: readonly Fee[] | undefined): ClaimError | undefined {
  if (fees === undefined) return undefined;
  const valid = Array.isArray(fees)
    && fees.every((fee) => typeof fee?.name === 'string' && fee.name.trim() !== '' && isAmount(fee.amount));
  if (valid) return undefined;
  return claimError('INVALID_FEES', claimReference, 'fees must be a list of {name, amount} with amounts in cents >= 0', ['fees']);
}

function checkCurrency(claimReference: string, currency: string | undefined, account?: AccountDefaults): ClaimError | undefined {
  if (currency === undefined) return undefined;
  if (!isCurrencyCode(currency)) {
    return claimError('INVALID_CURRENCY', claimReference, `Invalid currency ${String(currency)}`, ['currency']);
  }
  if (account && account.currency !== currency) {
    return claimError('CURRENCY_MISMATCH', claimReference,
      `Currency ${currency} does not match the account currency ${account.currency}`, ['currency']);
  }
  return undefined;
}

function checkDates(claimReference: string, input: ClaimInput): ClaimError | undefined {
  const isBad = (field: (typeof DATE_FIELDS)[number]) => input[field] !== undefined && !isCalendarDate(input[field]);
  if (!DATE_FIELDS.some(isBad)) return undefined;
  const bad = DATE_FIELDS.filter(isBad);
  return claimError('INVALID_DATE', claimReference, `${bad.join(', ')} must be a date in YYYY-MM-DD format`, bad);
}

function checkPrimaryDebtor(claimReference: string, debtor: Debtor | undefined): ClaimError | undefined {
  const problem = debtor === undefined ? undefined : checkDebtor(debtor);
  return problem ? claimError('INVALID_DEBTOR', claimReference, problem.message, ['primaryDebtor']) : undefined;
}

/** Decides the effective forceAmountCheck: the body option overrides the query flag; default false (A27). */
export function forceAmountCheck(input: ClaimInput, query: { readonly forceAmountCheck?: boolean }): boolean {
  return input.options?.forceAmountCheck ?? query.forceAmountCheck ?? false;
}

/**
 * Decides the status after an amount change (A27): amount 0 with a resolution `reason` resolves with that reason;
 * else with forceAmountCheck a zero balance resolves with CLAIM_PAID; else unchanged. A RESOLVED claim stays so.
 */
export function settleAfterAmountChange(claim: UnmanagedClaim, input: ClaimInput, force: boolean): UnmanagedClaim {
  if (isClaimResolutionReason(input.reason) && claim.amount === 0) return resolveIfAllowed(claim, 'RESOLVE', input.reason);
  if (force && outstandingBalance(claim) === 0) return resolveIfAllowed(claim, 'AUTO_RESOLVE', 'CLAIM_PAID');
  return claim;
}

/** Decides the claim after a partial update_claims: only sent fields change; then the A27 resolution rule. */
export function updateClaim(
  claimReference: string,
  existing: ExistingClaim | undefined,
  input: ClaimInput,
  account?: AccountDefaults,
  query: { readonly forceAmountCheck?: boolean } = {},
): Result<UnmanagedClaim, ClaimError> {
  const allowed = guardClaimAction(claimReference, existing, 'UPDATE');
  if (!allowed.ok) return allowed;
  const claim = existing as UnmanagedClaim;
  const error = checkClaimFields(claimReference, input, account);
  if (error) return err(error);
  const fees = updatedFees(claimReference, claim, input);
  if (!fees.ok) return fees;
  const updated: UnmanagedClaim = {
    ...claim,
    ...scalarUpdates(input),
    ...documentFields(input),
    ...fees.value,
    meta: input.meta === undefined ? claim.meta : { ...claim.meta, ...input.meta },
  };
  return ok(settleAfterAmountChange(updated, input, forceAmountCheck(input, query)));
}

/** Decides whether an update to a ledger-managed claim touches what only the ledger may change (A30). */
export function managedUpdateRefusal(claimReference: string, input: ClaimInput): ClaimError | undefined {
  const touched = (['amount', 'totalFees', 'fees'] as const).filter((field) => input[field] !== undefined);
  if (touched.length === 0) return undefined;
  return claimError('CLAIM_IS_LEDGER_MANAGED', claimReference,
    `Claim ${claimReference} is managed by the Ledger: ${touched.join(', ')} change through update_account_ledger_entries_amounts`,
    touched);
}

function scalarUpdates(input: ClaimInput): Partial<UnmanagedClaim> {
  const fields: Record<string, unknown> = {};
  for (const field of ['amount', 'currency', 'currentDueDate', 'originalDueDate', 'primaryDebtor'] as const) {
    if (input[field] !== undefined) fields[field] = input[field];
  }
  return fields as Partial<UnmanagedClaim>;
}

function updatedFees(claimReference: string, claim: UnmanagedClaim, input: ClaimInput): Result<FeeState, ClaimError> {
  if (input.fees !== undefined) return ok(feesFromInput(input.fees, undefined));
  if (input.totalFees === undefined) return ok({ fees: claim.fees, totalFees: claim.totalFees });
  if (input.totalFees < sumFees(claim.fees)) {
    return err(claimError('TOTAL_FEES_BELOW_NAMED_FEES', claimReference,
      `totalFees ${input.totalFees} is below the sum of the named fees ${sumFees(claim.fees)}`, ['totalFees']));
  }
  return ok({ fees: claim.fees, totalFees: input.totalFees });
}

/** Status fields shared by managed and unmanaged claims. */
export interface ResolvableClaim {
  readonly status: ClaimStatus;
  readonly resolutionReason?: ClaimResolutionReason | null;
}

/** Decides the claim after resolve_claims: an ACTIVE claim (managed or not) becomes RESOLVED with the reason. */
export function resolveClaim<T extends ResolvableClaim>(
  claimReference: string,
  existing: T | undefined,
  reason: unknown,
): Result<T, ClaimError> {
  if (!isClaimResolutionReason(reason)) {
    return err(claimError('INVALID_RESOLUTION_REASON', claimReference, `Invalid resolution reason ${String(reason)}`, ['reason']));
  }
  const allowed = transitionClaim(claimReference, existing === undefined ? 'ABSENT' : existing.status, 'RESOLVE');
  if (!allowed.ok) return allowed;
  return ok({ ...(existing as T), status: allowed.value, resolutionReason: reason });
}
