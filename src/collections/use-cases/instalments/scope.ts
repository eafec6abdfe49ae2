import { readAccountClaimBalances, readClaimBalances, type ClaimBalance } from '../../../servicing/api.js';
import type { Executor } from '../../../platform/db/database.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { debtorRecordError, type DebtorRecordError } from '../../domain/debtor-record-errors.js';

/** The claims an instalment plan covers (spec #37 step 2): the named claims, else every ACTIVE claim of the account. */
export interface PlanScope {
  accountReference: string;
  currency: string;
  claims: ClaimBalance[];
  total: number;
}

export async function resolvePlanScope(
  db: Executor, tenantId: string, input: { accountReference?: string; externalClaimReferences?: readonly string[] },
): Promise<Result<PlanScope, DebtorRecordError>> {
  const named = input.externalClaimReferences ?? [];
  let claims: ClaimBalance[];
  if (named.length > 0) {
    const found = await readClaimBalances(db, tenantId, named);
    const missing = named.filter((reference) => !found.has(reference));
    if (missing.length > 0) return err(debtorRecordError('CLAIM_NOT_FOUND', `Claim ${missing.join(', ')} not found`));
    claims = [...new Set(named)].map((reference) => found.get(reference) as ClaimBalance);
  } else if (input.accountReference !== undefined) {
    claims = await readAccountClaimBalances(db, tenantId, input.accountReference);
  } else {
    return err(debtorRecordError('INVALID_PLAN', 'accountReference or externalClaimReferences is required'));
  }
  const inactive = claims.filter((claim) => claim.status !== 'ACTIVE');
  if (inactive.length > 0) return err(debtorRecordError('CLAIM_NOT_ACTIVE', `Claim ${inactive.map((c) => c.claimReference).join(', ')} is not ACTIVE`));
  const accounts = new Set(claims.map((claim) => claim.accountReference ?? ''));
  if (input.accountReference !== undefined) accounts.add(input.accountReference);
  if (accounts.size > 1 || accounts.has('')) {
    return err(debtorRecordError('CLAIM_NOT_ON_ACCOUNT', 'The claims of an instalment plan must all belong to one account'));
  }
  const currencies = new Set(claims.map((claim) => claim.currency));
  if (currencies.size > 1) return err(debtorRecordError('CURRENCY_MISMATCH', 'The claims of an instalment plan must share one currency'));
  const accountReference = [...accounts][0] ?? input.accountReference ?? '';
  return ok({
    accountReference, currency: [...currencies][0] ?? '', claims, total: claims.reduce((sum, claim) => sum + claim.outstanding, 0),
  });
}

/** The wire `scope` of a plan (spec §6.7). */
export function wireScope(scope: PlanScope): Record<string, unknown> {
  return {
    externalClaimReferences: scope.claims.map((claim) => claim.claimReference),
    externalClaimAmounts: scope.claims.map((claim) => ({ amount: claim.amount, totalFees: claim.totalFees, fees: claim.fees })),
  };
}
