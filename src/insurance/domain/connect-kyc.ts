// The identity confirmation of a new Connect seller: who represents the company, their personal identity number,
// their e-mail, and their affirmation that they may sign for it. Messages are shown next to the form fields.
import { type Result, err, ok } from '../../risk/result.js';
import { parseChar, parseEmail } from './drf-fields.js';
import { parsePersonnummer } from './personnummer.js';

export interface KycForm {
  readonly representativeName: string;
  readonly personalNumber: string;
  readonly email: string;
}

export type FormErrors = Record<string, string>;

const PERSONNUMMER_MESSAGES = {
  format: 'Enter the personal identity number as YYYYMMDD-NNNN.',
  date: 'The personal identity number does not contain a valid date of birth.',
  check_digit: 'The personal identity number is not valid (check digit).',
} as const;

export function field(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

export function validateKycForm(form: Record<string, unknown>, today: string): Result<KycForm, FormErrors> {
  const errors: FormErrors = {};
  const name = parseChar(field(form, 'representative_name'), 200);
  if (!name.ok) errors.representative_name = 'Enter the full name of the person who represents the company.';
  const personal = parsePersonnummer(field(form, 'personal_number'), today);
  if (!personal.ok) errors.personal_number = PERSONNUMMER_MESSAGES[personal.error];
  const email = parseEmail(field(form, 'email'));
  if (!email.ok) errors.email = 'Enter a valid e-mail address.';
  if (field(form, 'authority') !== 'yes') errors.authority = 'Confirm that you are authorised to sign for the company.';
  if (Object.keys(errors).length > 0 || !name.ok || !personal.ok || !email.ok) return err(errors);
  return ok({ representativeName: name.value, personalNumber: personal.value, email: email.value });
}

export interface SignatureForm {
  readonly name: string;
  readonly email: string;
}

export function validateSignatureForm(form: Record<string, unknown>): Result<SignatureForm, FormErrors> {
  const errors: FormErrors = {};
  const name = parseChar(field(form, 'name'), 200);
  if (!name.ok) errors.name = 'Enter your full name.';
  const email = parseEmail(field(form, 'email'));
  if (!email.ok) errors.email = 'Enter a valid e-mail address.';
  if (field(form, 'accept') !== 'yes') errors.accept = 'Accept the policy to sign it.';
  if (Object.keys(errors).length > 0 || !name.ok || !email.ok) return err(errors);
  return ok({ name: name.value, email: email.value });
}
