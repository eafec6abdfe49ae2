// Decision: validation errors use Django REST Framework's `get_full_details()` shape and DRF 3.x default messages
// (spec §2.2, §3, §8), so clients written against Credable see the strings they already handle.
export interface FieldError {
  readonly message: string;
  readonly code: string;
}

/** `{"buyer_identifier":[{"message":"This field is required.","code":"required"}]}`; keys in field order. */
export type FieldErrors = Record<string, FieldError[]>;

export const NON_FIELD_ERRORS = 'non_field_errors';

export const DRF = {
  required: (): FieldError => ({ message: 'This field is required.', code: 'required' }),
  null: (): FieldError => ({ message: 'This field may not be null.', code: 'null' }),
  blank: (): FieldError => ({ message: 'This field may not be blank.', code: 'blank' }),
  notAString: (): FieldError => ({ message: 'Not a valid string.', code: 'invalid' }),
  maxLength: (max: number): FieldError => ({
    message: `Ensure this field has no more than ${max} characters.`, code: 'max_length',
  }),
  invalidChoice: (input: string): FieldError => ({ message: `"${input}" is not a valid choice.`, code: 'invalid_choice' }),
  invalidNumber: (): FieldError => ({ message: 'A valid number is required.', code: 'invalid' }),
  maxStringLength: (): FieldError => ({ message: 'String value too large.', code: 'max_string_length' }),
  maxDigits: (max: number): FieldError => ({
    message: `Ensure that there are no more than ${max} digits in total.`, code: 'max_digits',
  }),
  maxDecimalPlaces: (max: number): FieldError => ({
    message: `Ensure that there are no more than ${max} decimal places.`, code: 'max_decimal_places',
  }),
  maxWholeDigits: (max: number): FieldError => ({
    message: `Ensure that there are no more than ${max} digits before the decimal point.`, code: 'max_whole_digits',
  }),
  greaterThan: (limit: string): FieldError => ({ message: `Ensure this value is greater than ${limit}.`, code: 'min_value' }),
  invalidDate: (): FieldError => ({
    message: 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.', code: 'invalid',
  }),
  invalidEmail: (): FieldError => ({ message: 'Enter a valid email address.', code: 'invalid' }),
  invalidOrganisationNumber: (): FieldError => ({ message: 'Enter a valid organisation number.', code: 'invalid' }),
  notADictionary: (type: string): FieldError => ({
    message: `Invalid data. Expected a dictionary, but got ${type}.`, code: 'invalid',
  }),
} as const;

export function addFieldError(errors: FieldErrors, field: string, error: FieldError): void {
  (errors[field] ??= []).push(error);
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
