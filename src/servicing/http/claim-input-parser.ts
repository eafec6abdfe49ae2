import { isCalendarDate } from '../domain/primitives.js';

/*
 * A hand-written parser for the common shape of a claim item (create/update/recreate/import_claims): the result of
 * the zod claim schemas in schemas.ts, at a fraction of the cost per 1,000 items. It only takes what it can decide
 * exactly; anything else (a field it does not handle, a number where a string may stand, an invalid value) answers
 * `undefined`, and the caller runs the zod schema, which stays the definition and reports the issues.
 * The output is built the way zod builds it: keys in the order of the schema's shape, unknown keys of loose objects
 * after them in input order with their values as sent, and a fresh object for every object zod copies.
 */

type Json = Record<string, unknown>;
type FieldParser = (value: unknown) => unknown;

/** Marks a value the fast parser will not decide. */
const UNDECIDED = Symbol('undecided');

const MAX_TEXT = 10_000;
const MAX_REFERENCE = 500;
const MAX_AMOUNT = 10 ** 13;

const text: FieldParser = (value) => (typeof value === 'string' && value.length <= MAX_TEXT ? value : UNDECIDED);
const reference: FieldParser = (value) => (typeof value === 'string' && value.length >= 1 && value.length <= MAX_REFERENCE ? value : UNDECIDED);
const amount: FieldParser = (value) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT ? value : UNDECIDED);
const currency: FieldParser = (value) => (typeof value === 'string' && /^[A-Z]{3}$/.test(value) ? value : UNDECIDED);
const calendarDate: FieldParser = (value) => (isCalendarDate(value) ? value : UNDECIDED);
/** Strings only: a number in a `stringish` field is converted by zod, so it is left to zod. */
const stringish: FieldParser = text;
const nullOnly: FieldParser = (value) => (value === null ? null : UNDECIDED);
const debtorType: FieldParser = (value) => (value === 'natural' || value === 'legal' ? value : UNDECIDED);
const undecided: FieldParser = () => UNDECIDED;

function isPlainObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/*
 * Keys are walked with for…in rather than Object.keys (no array per object): on a parsed JSON object it visits the
 * same own keys in the same order, as nothing inherited is enumerable.
 */

/** `z.record(z.string(), z.unknown())`: a copy with the same keys and values. */
const metadata: FieldParser = (value) => {
  if (!isPlainObject(value)) return UNDECIDED;
  const copy: Json = {};
  for (const key in value) copy[key] = value[key];
  return copy;
};

/** `z.object` (unknown keys stripped) or `z.looseObject` (kept, after the shape's keys) of optional fields. */
function objectOf(shape: Readonly<Record<string, FieldParser>>, options: { loose: boolean; required?: readonly string[] }): FieldParser {
  const shapeKeys = Object.keys(shape);
  return (value) => {
    if (!isPlainObject(value)) return UNDECIDED;
    const out: Json = {};
    let known = 0;
    for (const key of shapeKeys) {
      if (!Object.hasOwn(value, key)) continue;
      known += 1;
      const parsed = (shape[key] as FieldParser)(value[key]);
      if (parsed === UNDECIDED) return UNDECIDED;
      out[key] = parsed;
    }
    for (const key of options.required ?? []) if (!Object.hasOwn(out, key)) return UNDECIDED;
    let keyCount = 0;
    for (const _key in value) keyCount += 1;
    if (known === keyCount) return out;
    if (!options.loose) return UNDECIDED;
    for (const key in value) if (!Object.hasOwn(shape, key)) out[key] = value[key];
    return out;
  };
}

const contactInformation = objectOf({
  country: text, city: text, mobileNumber: text, postalCode: stringish, houseNumber: stringish, addressLine1: text,
  addressLine2: text, addressLine3: text, landLine: text, state: text, email: text, additionalContactInformation: undecided,
}, { loose: true });

const baseDebtor = objectOf({
  birthday: calendarDate, gender: text, firstName: text, lastName: text, middleName: text, title: text, companyName: text,
  debtorReference: reference, SSN: text, type: debtorType, contactInformation,
}, { loose: true });

const options = objectOf({ forceAmountCheck: (value) => (typeof value === 'boolean' ? value : UNDECIDED) }, { loose: false });

/** The fields of `baseClaimFields` in schemas.ts, in its order; the rarer complex ones are left to zod. */
const CLAIM_FIELDS: Readonly<Record<string, FieldParser>> = {
  amount, currency, product: undecided, portfolioReference: text, productReference: reference, creditorReference: text,
  totalFees: amount, currentDueDate: calendarDate, originalDueDate: calendarDate, scores: undecided, reason: text,
  paymentReference: text, accountNumber: undecided, accountReference: reference, meta: metadata, fees: undecided,
  linkGroupId: nullOnly, primaryDebtor: baseDebtor, options,
};

const baseClaim = objectOf(CLAIM_FIELDS, { loose: false });
const fullClaim = objectOf(CLAIM_FIELDS, { loose: false, required: ['currentDueDate', 'originalDueDate'] });

/** `baseClaimInputSchema`'s result for a claim item it can decide, else undefined. */
export function parseBaseClaimInput(value: unknown): Json | undefined {
  const parsed = baseClaim(value);
  return parsed === UNDECIDED ? undefined : (parsed as Json);
}

/** `fullClaimInputSchema`'s result (both due dates required) for a claim item it can decide, else undefined. */
export function parseFullClaimInput(value: unknown): Json | undefined {
  const parsed = fullClaim(value);
  return parsed === UNDECIDED ? undefined : (parsed as Json);
}
