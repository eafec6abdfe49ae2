import type { MinorUnits } from '../../platform/money.js';
import type { LedgerEntryType } from './primitives.js';

/*
 * Every error of the servicing domain, as typed values: each carries a `code` and the human `message` that a
 * Receeve batch answer shows for a failed item (spec §1.5). Domain rules return them in a `Result`; use cases
 * return them as item failures or throw a `ServicingRefusal` for a whole request; `http/receeve.ts` maps those.
 */

export type ServicingError = ClaimError | AccountError | LedgerEntryError | LedgerBatchError | MatchError | EntryAmountUpdateError | DebtorError;

// ---------------------------------------------------------------------------------------------------------------
// Claims (spec #15–#22).

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


// ---------------------------------------------------------------------------------------------------------------
// Accounts and their debtors, products and scores (spec #3, #4, #6–#9).

export type AccountErrorCode =
  | 'ACCOUNT_NOT_FOUND'
  | 'ACCOUNT_ALREADY_EXISTS'
  | 'DUPLICATE_DEBTOR_REFERENCE'
  | 'DUPLICATE_PRODUCT_REFERENCE'
  | 'DEBTOR_NOT_FOUND'
  | 'PRODUCT_ALREADY_EXISTS'
  | 'PRODUCT_NOT_FOUND';

export interface AccountError {
  readonly code: AccountErrorCode;
  readonly accountReference: string;
  readonly message: string;
}

export function accountError(code: AccountErrorCode, accountReference: string, message: string): AccountError {
  return { code, accountReference, message };
}

export function accountNotFound(accountReference: string): AccountError {
  return accountError('ACCOUNT_NOT_FOUND', accountReference, `Account ${accountReference} not found`);
}

export interface DebtorError {
  readonly code: 'INVALID_DEBTOR';
  readonly problems: readonly string[];
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Ledger entries (spec #5, §4.1).

interface LedgerErrorBase {
  readonly ledgerEntryReference: string;
  readonly message: string;
}

export type LedgerEntryError =
  | (LedgerErrorBase & { readonly code: 'INVALID_LEDGER_ENTRY_REFERENCE' })
  | (LedgerErrorBase & { readonly code: 'DETAILS_COUNT'; readonly detailsFound: number })
  | (LedgerErrorBase & { readonly code: 'DUPLICATE_LEDGER_ENTRY_REFERENCE' })
  | (LedgerErrorBase & { readonly code: 'INVALID_AMOUNT'; readonly amount: unknown })
  | (LedgerErrorBase & { readonly code: 'INVALID_DATE'; readonly field: string; readonly value: unknown })
  | (LedgerErrorBase & { readonly code: 'INVALID_CREATED_AT'; readonly value: unknown })
  | (LedgerErrorBase & { readonly code: 'TARGET_REQUIRED' })
  | (LedgerErrorBase & { readonly code: 'TARGET_NOT_FOUND'; readonly target: string })
  | (LedgerErrorBase & { readonly code: 'INVALID_TARGET_TYPE'; readonly target: string; readonly targetType: LedgerEntryType })
  | (LedgerErrorBase & { readonly code: 'CHARGEBACK_EXCEEDS_PAYMENT'; readonly target: string; readonly reversible: MinorUnits })
  | (LedgerErrorBase & { readonly code: 'ACCOUNT_HAS_NO_DEBTOR' });

export type LedgerEntryErrorCode = LedgerEntryError['code'];

/** A batch of entries that cannot be appended as a whole: an invoice twice, or an invoice whose claim exists. */
export type LedgerBatchError =
  | { readonly code: 'DUPLICATE_INVOICE_REFERENCE'; readonly message: string }
  | { readonly code: 'CLAIM_ALREADY_EXISTS'; readonly claimReference: string; readonly message: string };

// ---------------------------------------------------------------------------------------------------------------
// Payments (spec #12, §4.4) and entry amount updates (spec #13, §4.5).

export interface CurrencyMismatchError {
  readonly code: 'CURRENCY_MISMATCH';
  readonly expected: string;
  readonly actual: string;
  readonly message: string;
}

export type MatchError =
  | CurrencyMismatchError
  | { readonly code: 'INVALID_AMOUNT'; readonly amount: unknown; readonly message: string }
  | { readonly code: 'INVALID_MATCH_STRATEGY'; readonly matchStrategy: unknown; readonly message: string }
  | { readonly code: 'FEE_ORDER_REQUIRED'; readonly message: string };

interface ElementError {
  /** Index of the failing element in `ledgerEntries`. */
  readonly index: number;
  readonly ledgerEntryReference: string;
  readonly message: string;
}

export type EntryAmountUpdateError =
  | { readonly code: 'NO_LEDGER_ENTRIES'; readonly message: string }
  | (ElementError & { readonly code: 'REASON_REQUIRED' })
  | (ElementError & { readonly code: 'INVALID_AMOUNT'; readonly amount: unknown })
  | (ElementError & { readonly code: 'LEDGER_ENTRY_NOT_FOUND' })
  | (ElementError & { readonly code: 'NOT_INVOICE_OR_FEE' })
  | (ElementError & { readonly code: 'DIRECTION_CONFLICT'; readonly current: MinorUnits; readonly target: MinorUnits });

// ---------------------------------------------------------------------------------------------------------------
// Whole-request refusals: the batch as a whole cannot run (spec §1.5 leaves item-level answers for the rest).

export type RefusalCode =
  /** A claim the request creates was created by a concurrent request after this one read; retrying succeeds. */
  | 'CONCURRENT_CHANGE'
  /** A sum of amounts leaves the safe integer range. */
  | 'AMOUNTS_OUT_OF_RANGE';

export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
}

/** Thrown by a use case when the whole request is refused; nothing of it is written. */
export class ServicingRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'ServicingRefusal';
  }
}
