import { z } from 'zod';
import { isCalendarDate } from '../domain/primitives.js';
import { CLAIM_RESOLUTION_REASONS } from '../domain/claim.js';
import { MATCH_STRATEGIES } from '../domain/matching.js';
import { parseBaseClaimInput, parseFullClaimInput } from './claim-input-parser.js';

/*
 * Schema-level rules of the Receeve wire shapes (spec §6): a violation answers 400 for the whole request (A4).
 * Prose-only rules (debtor names and country, claim required fields, existence, currencies) are item failures and
 * are checked by the domain. Unknown fields are kept (loose objects) where the entity is echoed or stored.
 */

/** The stated maximum number of items in one batch request (map keys or array elements). */
export const MAX_BATCH_ITEMS = 1000;
/** Bound on nested lists inside one item (ledger entries of a new account, elements of an amounts update). */
export const MAX_NESTED_ITEMS = 10_000;

const text = z.string().max(10_000);
const reference = z.string().min(1).max(500);
/** Decision: one amount is at most 10^13 cents (100 billion); sums that still overflow are refused whole (400). */
export const MAX_AMOUNT = 10 ** 13;
export const amountSchema = z.number().int().min(0).max(MAX_AMOUNT);
const relativeAmount = z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT);
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');
export const dateSchema = z.string().refine(isCalendarDate, 'must be a date in YYYY-MM-DD format');
const epochMillis = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const metadataSchema = z.record(z.string(), z.unknown());
/** A18: some string fields arrive as numbers in the examples; accept both and keep a string. */
const stringish = z.union([z.string().max(10_000), z.number()]).transform(String);

const contactChannel = z.union([
  z.looseObject({ email: text }),
  z.looseObject({ mobileNumber: text }),
  z.looseObject({ landLine: text }),
  z.looseObject({ workPhoneNumber: text }),
]);

export const contactInformationSchema = z.looseObject({
  country: text.optional(),
  city: text.optional(),
  mobileNumber: text.optional(),
  postalCode: stringish.optional(),
  houseNumber: stringish.optional(),
  addressLine1: text.optional(),
  addressLine2: text.optional(),
  addressLine3: text.optional(),
  landLine: text.optional(),
  state: text.optional(),
  email: text.optional(),
  additionalContactInformation: z.array(contactChannel).max(100).optional(),
});

const baseDebtorFields = {
  birthday: dateSchema.optional(),
  gender: text.optional(),
  firstName: text.optional(),
  lastName: text.optional(),
  middleName: text.optional(),
  title: text.optional(),
  companyName: text.optional(),
  debtorReference: reference.optional(),
  SSN: text.optional(),
  type: z.enum(['natural', 'legal']).optional(),
};

/** BaseDebtor: every field optional (claims' primaryDebtor). */
export const baseDebtorSchema = z.looseObject({ ...baseDebtorFields, contactInformation: contactInformationSchema.optional() });
/** Debtor: contactInformation required. */
export const debtorSchema = z.looseObject({ ...baseDebtorFields, contactInformation: contactInformationSchema });

export const productSchema = z.looseObject({
  productReference: reference,
  paymentReference: text.optional(),
  type: text.optional(),
  name: text.optional(),
  code: stringish.optional(),
  meta: metadataSchema.optional(),
});

export const SCORE_TYPES = ['INTERNAL', 'EXTERNAL', 'COLLECTION', 'BEHAVIORAL'] as const;
export const scoreSchema = z.object({
  type: z.enum(SCORE_TYPES),
  value: z.union([z.string().max(10_000), metadataSchema, z.null()]),
  meta: metadataSchema.optional(),
});

const feeSchema = z.object({ name: z.string().min(1).max(500), amount: amountSchema });

// ---------------------------------------------------------------------------------------------------------------
// Ledger entries (§6.3): exactly one *Details key decides the type.

const optionalTargetContext = z.object({ productReference: reference.optional(), ledgerEntryReference: reference.optional() });
const requiredTargetContext = z.object({ productReference: reference.optional(), ledgerEntryReference: reference });
const invoiceContext = z.object({ productReference: reference.optional(), externalDebtorReference: reference.optional() });
const reportingContext = z.object({ productReference: reference.optional() });
const createdAt = epochMillis.optional();
const meta = metadataSchema.optional();

const DETAILS = {
  invoiceDetails: z.object({ amount: amountSchema, dueDate: dateSchema, createdAt, paymentReference: text.optional(), meta }),
  feeDetails: z.object({ type: z.string().min(1).max(500).optional(), amount: amountSchema, createdAt, meta }),
  paymentDetails: z.object({ amount: amountSchema, paymentReference: text.optional(), paymentProvider: text.optional(), createdAt, meta }),
  adjustmentDetails: z.object({ reason: text.optional(), amount: relativeAmount, dueDate: dateSchema.optional(), createdAt, meta }),
  chargebackDetails: z.object({ amount: amountSchema, createdAt, meta }),
  discountDetails: z.object({ amount: amountSchema, createdAt, meta }),
  reportingDetails: z.object({ amount: amountSchema, createdAt, meta }),
} as const;
const DETAILS_KEYS = Object.keys(DETAILS) as (keyof typeof DETAILS)[];

const ledgerEntryShape = {
  ledgerEntryReference: reference,
  context: z.object({
    productReference: reference.optional(),
    ledgerEntryReference: reference.optional(),
    externalDebtorReference: reference.optional(),
  }),
  ...Object.fromEntries(DETAILS_KEYS.map((key) => [key, DETAILS[key].optional()])) as {
    [K in keyof typeof DETAILS]: z.ZodOptional<(typeof DETAILS)[K]>;
  },
};

function checkOneDetails(entry: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const present = DETAILS_KEYS.filter((key) => entry[key] !== undefined);
  if (present.length !== 1) {
    ctx.addIssue({ code: 'custom', message: `exactly one of ${DETAILS_KEYS.join(', ')} is required, found ${present.length}` });
    return;
  }
  const key = present[0] as keyof typeof DETAILS;
  const context = entry.context as Record<string, unknown>;
  const contextSchema = key === 'chargebackDetails' || key === 'discountDetails' ? requiredTargetContext
    : key === 'invoiceDetails' ? invoiceContext
      : key === 'reportingDetails' ? reportingContext : optionalTargetContext;
  const checked = contextSchema.safeParse(context);
  if (!checked.success) ctx.addIssue({ code: 'custom', path: ['context'], message: `context of a ${key} entry: ${checked.error.issues[0]?.message ?? 'invalid'}` });
}

/** Drops the context fields a type does not use, so the stored entry is the one the domain reads. */
function tidyEntry<T extends Record<string, unknown>>(entry: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) if (value !== undefined) out[key] = value;
  return out as T;
}

export const ledgerEntrySchema = z.object(ledgerEntryShape).superRefine(checkOneDetails).transform(tidyEntry);
export const accountLedgerEntrySchema = z.object({ accountReference: reference, ...ledgerEntryShape })
  .superRefine(checkOneDetails).transform(tidyEntry);
export type WireLedgerEntry = z.infer<typeof ledgerEntrySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Batch bodies.

/** Item schema of each map-body schema built by `mapBody`, for `parseMapBodyFast`. */
const MAP_ITEM_SCHEMAS = new WeakMap<z.ZodType, z.ZodType>();

/** A map body `{ <reference>: item }` with between 1 and MAX_BATCH_ITEMS keys. */
export function mapBody<T extends z.ZodType>(item: T) {
  const schema = z.record(z.string().min(1).max(500), item).superRefine((value, ctx) => {
    const count = Object.keys(value).length;
    if (count === 0) ctx.addIssue({ code: 'custom', message: 'the body must contain at least one item' });
    if (count > MAX_BATCH_ITEMS) ctx.addIssue({ code: 'custom', message: `at most ${MAX_BATCH_ITEMS} items per request, got ${count}` });
  });
  MAP_ITEM_SCHEMAS.set(schema, item);
  return schema;
}

/**
 * The parsed value of a valid map body, checked item by item: the same result as `schema.safeParse` on a body that
 * passes, at about half the cost for 1,000 items (the record wrapper's own pass was as dear as the items). Returns
 * undefined for anything unusual or invalid, so the caller runs the full schema and reports its exact issues.
 */
export function parseMapBodyFast(schema: z.ZodType, raw: unknown): { value: unknown } | undefined {
  const item = MAP_ITEM_SCHEMAS.get(schema);
  if (!item || raw === null || typeof raw !== 'object' || Object.getPrototypeOf(raw) !== Object.prototype) return undefined;
  const keys = Object.keys(raw);
  if (keys.length === 0 || keys.length > MAX_BATCH_ITEMS) return undefined;
  const value: Record<string, unknown> = {};
  for (const key of keys) {
    if (key.length === 0 || key.length > 500 || key === '__proto__') return undefined;
    const itemValue = (raw as Record<string, unknown>)[key];
    const fast = FAST_ITEM_PARSERS.get(item)?.(itemValue);
    if (fast !== undefined) {
      value[key] = fast;
      continue;
    }
    const parsed = item.safeParse(itemValue);
    if (!parsed.success) return undefined;
    value[key] = parsed.data;
  }
  return { value };
}

/** An array body of 1..MAX_BATCH_ITEMS items. */
export function arrayBody<T extends z.ZodType>(item: T) {
  return z.array(item).min(1, 'the body must contain at least one item').max(MAX_BATCH_ITEMS, `at most ${MAX_BATCH_ITEMS} items per request`);
}

export const createAccountInputSchema = z.object({
  currency: currencySchema,
  paymentReference: text.optional(),
  portfolioReference: text.optional(),
  meta: metadataSchema.optional(),
  scores: z.array(scoreSchema).max(100).optional(),
  debtors: z.array(debtorSchema).max(1000).optional(),
  products: z.array(productSchema).max(1000).optional(),
  ledgerEntries: z.array(ledgerEntrySchema).max(MAX_NESTED_ITEMS).optional(),
});

export const accountProductItemSchema = productSchema.extend({ accountReference: reference });
export const accountDebtorItemSchema = debtorSchema.extend({ accountReference: reference });
export const accountDebtorUpdateItemSchema = baseDebtorSchema.extend({ accountReference: reference, debtorReference: reference });
export const accountScoreItemSchema = scoreSchema.extend({ accountReference: reference });

export const matchPaymentItemSchema = z.object({
  accountReference: reference,
  totalAmount: amountSchema,
  currency: currencySchema,
  matchStrategy: z.enum(MATCH_STRATEGIES),
  providerName: text.optional(),
  trackingId: stringish.optional(),
  paymentReference: text.optional(),
  meta: metadataSchema.optional(),
  context: z.object({
    productReference: reference.optional(),
    feeLedgerEntriesOrder: z.array(z.string().max(500)).max(100).optional(),
  }).optional(),
});

export const entryAmountsItemSchema = z.object({
  accountReference: reference,
  ledgerEntries: z.array(z.object({
    ledgerEntryReference: reference,
    amount: amountSchema,
    reason: z.string().min(1).max(500),
    meta: metadataSchema,
  })).max(MAX_NESTED_ITEMS),
});

/** A14: the declared single object is also accepted and treated as a one-element array. */
export function arrayOrSingle<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? [value] : value), arrayBody(item));
}

const baseClaimFields = {
  amount: amountSchema.optional(),
  currency: currencySchema.optional(),
  product: productSchema.partial().optional(),
  portfolioReference: text.optional(),
  productReference: reference.optional(),
  creditorReference: text.optional(),
  totalFees: amountSchema.optional(),
  currentDueDate: dateSchema.optional(),
  originalDueDate: dateSchema.optional(),
  scores: z.array(scoreSchema).max(100).optional(),
  reason: text.optional(),
  paymentReference: text.optional(),
  accountNumber: stringish.optional(),
  accountReference: reference.optional(),
  meta: metadataSchema.optional(),
  fees: z.array(feeSchema).max(1000).optional(),
  linkGroupId: z.union([z.uuid(), z.null()]).optional(),
  primaryDebtor: baseDebtorSchema.optional(),
  options: z.object({ forceAmountCheck: z.boolean().optional() }).optional(),
};

/** A19: a deprecated `accountNumber` stands in for a missing accountReference. */
function withAccountNumber<T extends { accountNumber?: string; accountReference?: string }>(claim: T): T {
  if (claim.accountReference !== undefined || claim.accountNumber === undefined) return claim;
  return { ...claim, accountReference: claim.accountNumber };
}

/** create_claims and update_claims: every BaseClaim field optional at schema level (prose rules are item failures). */
export const baseClaimInputSchema = z.object(baseClaimFields).transform(withAccountNumber);
/** recreate_claims and import_claims: ClaimInput requires both due dates (§6.4). */
export const fullClaimInputSchema = z.object({ ...baseClaimFields, currentDueDate: dateSchema, originalDueDate: dateSchema })
  .transform(withAccountNumber);

/** Hand-written parsers giving an item schema's result for the common shapes (claim-input-parser.ts). */
const FAST_ITEM_PARSERS = new WeakMap<z.ZodType, (value: unknown) => unknown>([
  [baseClaimInputSchema, parseBaseClaimInput],
  [fullClaimInputSchema, parseFullClaimInput],
]);

export const resolveItemSchema = z.object({ ref: reference, reason: z.enum(CLAIM_RESOLUTION_REASONS) });
/** A12: a flat array, or the example's one extra nesting level. */
export const resolveBodySchema = z.preprocess(
  (value) => (Array.isArray(value) && value.length > 0 && value.every(Array.isArray) ? value.flat() : value),
  arrayBody(resolveItemSchema),
);

const feesMovement = z.union([amountSchema, z.array(feeSchema).max(1000)]);
export const creditInputSchema = z.object({
  amount: amountSchema,
  currency: currencySchema,
  originator: z.enum(['CLIENT', 'DCA']),
  fees: feesMovement.optional(),
  paymentDistributionPriority: z.enum(['AMOUNT_FIRST', 'FEES_FIRST']).optional(),
  date: epochMillis.optional(),
  descriptionText: text.optional(),
});
export const debitInputSchema = z.object({
  amount: amountSchema,
  currency: currencySchema,
  originator: z.enum(['CLIENT', 'DCA']),
  date: epochMillis,
  fees: feesMovement.optional(),
  descriptionText: text.optional(),
});

export const linkTargetSchema = z.union([reference, z.null()]);

// ---------------------------------------------------------------------------------------------------------------
// Query strings.

const flag = z.enum(['true', 'false', '1', '0', '']).transform((value) => value === 'true' || value === '1').optional();

export const batchQuerySchema = z.looseObject({
  triggerName: z.string().min(1).max(500).optional(),
  async: flag,
  sequential: flag,
  forceAmountCheck: flag,
});
export type BatchQuery = z.infer<typeof batchQuerySchema>;

export const clientIdParams = z.object({ clientId: z.string() });
