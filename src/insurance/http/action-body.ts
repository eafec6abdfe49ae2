// Decision: activate/reject/settle/claim take no body (anything is accepted); sign-and-activate requires the signing
// user's e-mail and names (spec §5.1); bankruptcy_claim takes an optional `bankruptcy_date` (≤ today) and `comment`.
import { type BusinessDate, compareDates } from '../../platform/dates.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { ClientAction } from '../domain/products.js';
import type { ActionFields, BankruptcyClaim, SigningUser } from '../domain/quote-request.js';
import { type FieldError, type FieldErrors, addFieldError, hasErrors } from './drf-errors.js';
import { type FieldResult, isBody, parseChar, parseDate, parseEmail, readField } from './drf-fields.js';
import { notADictionary } from './quote-body.js';

export const MAX_COMMENT_LENGTH = 2000;

export const BANKRUPTCY_DATE_IN_FUTURE: FieldError = {
  message: 'Bankruptcy date cannot be in the future.', code: 'invalid',
};

function collector(errors: FieldErrors) {
  return <T>(name: string, result: FieldResult<T | undefined>): T | undefined => {
    if (!result.ok) addFieldError(errors, name, result.error);
    return result.ok ? result.value : undefined;
  };
}

export function validateSignAndActivateBody(body: unknown): Result<SigningUser, FieldErrors> {
  if (!isBody(body)) return err(notADictionary(body));
  const errors: FieldErrors = {};
  const take = collector(errors);
  const email = take('user_email', readField(body, 'user_email', true, (v) => parseEmail(v)));
  const firstName = take('user_first_name', readField(body, 'user_first_name', true, (v) => parseChar(v)));
  const lastName = take('user_last_name', readField(body, 'user_last_name', true, (v) => parseChar(v)));
  if (hasErrors(errors) || !email || !firstName || !lastName) return err(errors);
  return ok({ email, firstName, lastName });
}

/** An absent body (undefined) is an empty claim. */
export function validateBankruptcyClaimBody(body: unknown, today: BusinessDate): Result<BankruptcyClaim, FieldErrors> {
  if (body === undefined) return ok({ bankruptcyDate: null, comment: null });
  if (!isBody(body)) return err(notADictionary(body));
  const errors: FieldErrors = {};
  const take = collector(errors);
  const bankruptcyDate = take('bankruptcy_date', readField(body, 'bankruptcy_date', false, parseDate));
  const comment = take('comment', readField(body, 'comment', false, (v) => parseChar(v, MAX_COMMENT_LENGTH)));
  if (bankruptcyDate !== undefined && compareDates(bankruptcyDate, today) > 0) {
    addFieldError(errors, 'bankruptcy_date', BANKRUPTCY_DATE_IN_FUTURE);
  }
  if (hasErrors(errors)) return err(errors);
  return ok({ bankruptcyDate: bankruptcyDate ?? null, comment: comment ?? null });
}

/** The body of a client action as Credable reads it; activate, reject, settle and claim take none. */
export function readActionBody(action: ClientAction, body: unknown, today: BusinessDate): Result<ActionFields, FieldErrors> {
  if (action === 'sign_and_activate') {
    const signer = validateSignAndActivateBody(body ?? {});
    return signer.ok ? ok({ signer: signer.value }) : signer;
  }
  if (action === 'bankruptcy_claim') {
    const bankruptcy = validateBankruptcyClaimBody(body, today);
    return bankruptcy.ok ? ok({ bankruptcy: bankruptcy.value }) : bankruptcy;
  }
  return ok({});
}
