/*
 * The errors of collections' debtor records (promises, mandates, files, instalment plans) as typed values. A batch
 * endpoint shows one as its item's `success: false` message; the non-batched instalment endpoints answer it as a
 * whole-request 400 (spec A50). Messages are for people; clients never parse them.
 */
export type DebtorRecordError =
  | { code: 'ACCOUNT_NOT_FOUND'; message: string }
  | { code: 'CLAIM_NOT_FOUND'; message: string }
  | { code: 'CLAIM_NOT_ACTIVE'; message: string }
  | { code: 'CURRENCY_MISMATCH'; message: string }
  | { code: 'PROMISE_OUT_OF_BOUNDS'; message: string }
  | { code: 'MANDATE_EXISTS'; message: string }
  | { code: 'MANDATE_NOT_FOUND'; message: string }
  | { code: 'DEBTOR_NOT_ON_ACCOUNT'; message: string }
  | { code: 'PRODUCT_NOT_ON_ACCOUNT'; message: string }
  | { code: 'INVALID_IBAN'; message: string }
  | { code: 'CLAIM_NOT_ON_ACCOUNT'; message: string }
  | { code: 'DEFINITION_NOT_FOUND'; message: string }
  | { code: 'COMPUTATION_NOT_USABLE'; message: string }
  | { code: 'PLAN_NOT_FOUND'; message: string }
  | { code: 'NOTHING_TO_PAY'; message: string }
  | { code: 'INVALID_PLAN'; message: string };

export type DebtorRecordErrorCode = DebtorRecordError['code'];

export function debtorRecordError(code: DebtorRecordErrorCode, message: string): DebtorRecordError {
  return { code, message } as DebtorRecordError;
}
