import { asyncRequestError } from './receeve-async.js';
import { OPERATIONS, parseBody } from './receeve-operations.js';

/*
 * The portfolio file of `tradecredit servicing import` (docs/servicing-guide.md §8): one record per JSON line or CSV
 * row, each an item of `create_accounts` or `create_claims`. A record is validated with the same schema as that
 * endpoint, sent alone, and a rejected one carries the message the API would answer for it
 * (`Invalid request body: <reference>.amount: …`), so the failures file reads like the API's answers.
 */

export type PortfolioRecordKind = 'account' | 'claim';

/** A valid record: which endpoint takes it, under which map key, and its parsed item. */
export interface PortfolioRecord {
  readonly line: number;
  readonly kind: PortfolioRecordKind;
  readonly reference: string;
  readonly item: unknown;
}

/** A record refused before it reaches the database: its first line and why. */
export interface RejectedRecord {
  readonly line: number;
  readonly reference?: string;
  readonly message: string;
}

export const OPERATION_OF: Record<PortfolioRecordKind, string> = { account: 'create_accounts', claim: 'create_claims' };

/** The key a record of each kind carries inside its line (the endpoint's map key). */
const KEY_FIELD: Record<PortfolioRecordKind, 'accountReference' | 'claimReference'> = { account: 'accountReference', claim: 'claimReference' };

export function isRejected(record: PortfolioRecord | RejectedRecord): record is RejectedRecord {
  return 'message' in record;
}

/**
 * One JSON line: a `create_claims` item with its `claimReference`, or, with `"record": "account"`, a
 * `create_accounts` item with its `accountReference`.
 */
export function parseJsonRecord(text: string, line: number): PortfolioRecord | RejectedRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, message: `Invalid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { line, message: 'Invalid record: a line must be one JSON object' };
  const { record, ...fields } = value as Record<string, unknown>;
  if (record !== undefined && record !== 'account' && record !== 'claim') {
    return { line, message: `Invalid record: "record" must be "account" or "claim", got ${JSON.stringify(record)}` };
  }
  return validRecord(record === 'account' ? 'account' : 'claim', fields, line);
}

/** A record's fields (key included) validated as its endpoint's one-item body. */
export function validRecord(kind: PortfolioRecordKind, fields: Record<string, unknown>, line: number): PortfolioRecord | RejectedRecord {
  const keyField = KEY_FIELD[kind];
  const { [keyField]: reference, ...item } = fields;
  if (typeof reference !== 'string' || reference === '') return { line, message: `Invalid record: ${keyField} is required` };
  const body = { [reference]: item };
  try {
    const parsed = parseBody(OPERATIONS.get(OPERATION_OF[kind])!, body) as Record<string, unknown>;
    return { line, kind, reference, item: parsed[reference] };
  } catch (error) {
    return { line, reference, message: asyncRequestError(error).message };
  }
}
