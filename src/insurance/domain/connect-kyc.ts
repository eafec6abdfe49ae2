// The identity confirmation of a new Connect seller: who represents the company, their personal identity number,
// their e-mail, and their affirmation that they may sign for it. Errors are codes; the page words them in the
// seller's language next to the form fields.
import { type Result, err, ok } from '../../platform/result.js';
import { isEmailAddress, presentText } from './form-text.js';
import { parsePersonnummer } from './personnummer.js';

export interface KycForm {
  readonly representativeName: string;
  readonly personalNumber: string;
  readonly email: string;
}

export type FormError =
  | 'representative_name_required' | 'personal_number_format' | 'personal_number_date' | 'personal_number_check_digit'
  | 'email_invalid' | 'authority_required' | 'signer_name_required' | 'accept_required' | 'method_required';

/** What is wrong with a form, by field name. */
export type FormErrors = Record<string, FormError>;

export function field(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

/** The form's e-mail field as an address (at most 255 characters), or null. */
function emailOf(form: Record<string, unknown>): string | null {
  const text = presentText(field(form, 'email'), 255);
  return text !== null && isEmailAddress(text) ? text : null;
}

export function validateKycForm(form: Record<string, unknown>, today: string): Result<KycForm, FormErrors> {
  const errors: FormErrors = {};
  const name = presentText(field(form, 'representative_name'), 200);
  if (name === null) errors.representative_name = 'representative_name_required';
  const personal = parsePersonnummer(field(form, 'personal_number'), today);
  if (!personal.ok) errors.personal_number = `personal_number_${personal.error}`;
  const email = emailOf(form);
  if (email === null) errors.email = 'email_invalid';
  if (field(form, 'authority') !== 'yes') errors.authority = 'authority_required';
  if (Object.keys(errors).length > 0 || name === null || !personal.ok || email === null) return err(errors);
  return ok({ representativeName: name, personalNumber: personal.value, email });
}

export interface SignatureForm {
  readonly name: string;
  readonly email: string;
}

export function validateSignatureForm(form: Record<string, unknown>): Result<SignatureForm, FormErrors> {
  const errors: FormErrors = {};
  const name = presentText(field(form, 'name'), 200);
  if (name === null) errors.name = 'signer_name_required';
  const email = emailOf(form);
  if (email === null) errors.email = 'email_invalid';
  if (field(form, 'accept') !== 'yes') errors.accept = 'accept_required';
  if (Object.keys(errors).length > 0 || name === null || email === null) return err(errors);
  return ok({ name, email });
}
