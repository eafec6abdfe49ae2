import { checkDebtor, type Debtor } from './debtor.js';
import type { DebtorError } from './errors.js';
import type { Json } from './primitives.js';

/*
 * Rules of an account's debtors, products and scores (spec #3, #6–#9, #11).
 * Decisions: debtors and products are stored as sent (get_account returns them so, as its example shows); the
 * add_* responses echo them with the documented defaults (`type: natural`, `meta: {}`). A debtorReference appears
 * at most once per account (A32); an update's product `meta` replaces it; scores overwrite by type.
 */

/** A debtor as stored: as sent, without accountReference. */
export function normalizeDebtor(input: Json): Json {
  const { accountReference: _account, ...debtor } = input;
  return debtor;
}

/** The debtor as the add_account_debtors response shows it: `type` defaulted to natural. */
export function debtorWithType(debtor: Json): Json {
  return { ...debtor, type: debtor.type ?? 'natural' };
}

/** What makes an account's debtor unacceptable, or undefined. */
export function debtorProblem(debtor: Json): DebtorError | undefined {
  const problem = checkDebtor(debtor as Debtor);
  if (!problem) return undefined;
  const named = debtor.debtorReference ? ` ${String(debtor.debtorReference)}` : '';
  return { ...problem, message: `Invalid debtor${named}: ${problem.problems.join('; ')}` };
}

/** Scores after `updates`: one score per type, a new one replacing the old. */
export function overwriteScores(scores: readonly Json[], updates: readonly Json[]): Json[] {
  const result = [...scores];
  for (const update of updates) {
    const { accountReference: _account, ...score } = update;
    const index = result.findIndex((existing) => existing.type === score.type);
    if (index >= 0) result[index] = score;
    else result.push(score);
  }
  return result;
}

/** A product as stored: as sent, without accountReference. */
export function productAsSent(product: Json): Json {
  const { accountReference: _account, ...rest } = product;
  return rest;
}

/** The product as the add/update_account_products responses show it (A24): `meta` defaulted to {}. */
export function withProductMeta(product: Json): Json {
  return { ...product, meta: product.meta ?? {} };
}

/** update_account_debtors: shallow merge, contactInformation merged, additionalContactInformation replaced. */
export function mergeDebtor(current: Json, update: Json): Json {
  const { accountReference: _account, ...fields } = update;
  const contact = fields.contactInformation === undefined
    ? current.contactInformation
    : { ...(current.contactInformation as Json | undefined), ...(fields.contactInformation as Json) };
  return { ...current, ...fields, contactInformation: contact };
}
