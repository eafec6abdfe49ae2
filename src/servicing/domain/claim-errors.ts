/** Typed failures of the claim endpoints (item-level failures, spec §1.5); `message` is the human text. */

export type ClaimErrorCode =
  | 'CLAIM_NOT_FOUND'
  | 'CLAIM_ALREADY_EXISTS'
  | 'CLAIM_NOT_DELETED'
  | 'CLAIM_NOT_ACTIVE'
  | 'CLAIM_IS_LEDGER_MANAGED'
  | 'MISSING_REQUIRED_FIELDS'
  | 'INVALID_AMOUNT'
  | 'INVALID_CURRENCY'
  | 'CURRENCY_MISMATCH'
  | 'INVALID_DATE'
  | 'INVALID_FEES'
  | 'TOTAL_FEES_BELOW_NAMED_FEES'
  | 'INVALID_DEBTOR'
  | 'INVALID_RESOLUTION_REASON'
  | 'INVALID_ORIGINATOR'
  | 'INVALID_DISTRIBUTION_PRIORITY'
  | 'SELF_LINK'
  | 'LINK_TARGET_NOT_FOUND';

export interface ClaimError {
  readonly code: ClaimErrorCode;
  readonly claimReference: string;
  readonly message: string;
  /** The fields at fault, where the error is about fields. */
  readonly fields?: readonly string[];
}

/** Builds a claim error value. */
export function claimError(
  code: ClaimErrorCode,
  claimReference: string,
  message: string,
  fields?: readonly string[],
): ClaimError {
  return fields === undefined ? { code, claimReference, message } : { code, claimReference, message, fields };
}

