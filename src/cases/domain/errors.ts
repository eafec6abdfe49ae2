/** Every way a Non-Payments use case can refuse, as values; http/atradius-non-payments.ts maps them to spec §7. */
export type CaseError =
  | { readonly code: 'REQUIRED'; readonly field: string }
  | { readonly code: 'INVALID_VALUE'; readonly field: string; readonly detail: string }
  | { readonly code: 'INVALID_DATE'; readonly field: string; readonly detail: string }
  | { readonly code: 'INVALID_AMOUNT'; readonly field: string }
  | { readonly code: 'CASE_NOT_FOUND' }
  | { readonly code: 'LETTER_NOT_FOUND' }
  | { readonly code: 'CUSTOMER_FORBIDDEN' }
  | { readonly code: 'POLICY_FORBIDDEN' }
  | { readonly code: 'NO_COVER' }
  | { readonly code: 'POLICY_NOT_LIVE' }
  | { readonly code: 'INVALID_STATE'; readonly status: string }
  | { readonly code: 'OPEN_CASE_EXISTS'; readonly caseId: string }
  | { readonly code: 'CLAIM_BELOW_THRESHOLD' }
  | { readonly code: 'INVALID_TRANSITION'; readonly machine: 'case' | 'claim'; readonly from: string; readonly event: string };

export type CaseErrorCode = CaseError['code'];

/** A field error with a JSON pointer below `prefix` (e.g. `/transactions/0/dueDate`). */
export function fieldError(code: 'REQUIRED', field: string): CaseError;
export function fieldError(code: 'INVALID_VALUE' | 'INVALID_DATE', field: string, detail: string): CaseError;
export function fieldError(code: 'REQUIRED' | 'INVALID_VALUE' | 'INVALID_DATE', field: string, detail = ''): CaseError {
  return code === 'REQUIRED' ? { code, field } : { code, field, detail };
}
