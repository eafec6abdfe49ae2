/** Every way a Cover use case can refuse, as values; each wire protocol maps them to its documented body. */
export type CoverError =
  | { readonly code: 'BUYER_NOT_FOUND' }
  | { readonly code: 'COVER_EXISTS' }
  | { readonly code: 'INVALID_AMOUNT'; readonly field: string }
  | { readonly code: 'SUPERSEDE_NOT_ALLOWED' }
  | { readonly code: 'ACTION_REFUSED' }
  | { readonly code: 'INVALID_VALUE'; readonly field: string; readonly detail: string }
  | { readonly code: 'REQUIRED'; readonly field: string }
  | { readonly code: 'INVALID_DATE'; readonly field: string }
  | { readonly code: 'INVALID_STATE'; readonly status: string }
  | { readonly code: 'NO_COVER' }
  | { readonly code: 'POLICY_NOT_LIVE' }
  | { readonly code: 'CUSTOMER_FORBIDDEN' }
  | { readonly code: 'POLICY_FORBIDDEN' }
  | { readonly code: 'COVER_NOT_FOUND' }
  | { readonly code: 'CURRENCY_NOT_ALLOWED'; readonly currency: string }
  | { readonly code: 'CAPACITY_EXCEEDED' };

export type CoverErrorCode = CoverError['code'];

export const AMOUNT_RULE_TEXT = 'Must be positive number greater than zero and a multiple of 1000.';
