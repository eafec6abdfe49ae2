// Decision: a buyer is identified by (country, canonical registry id); the key `SE:5567104046` is what exposure,
// deny lists and the registry index use. Names are trimmed, non-blank and at most 255 characters.
import { type IdentifierError, normaliseRegistryId } from './identifiers.js';
import { type Rating, isRating } from './ratings.js';
import { type Result, err, ok } from '../../platform/result.js';

export interface Buyer {
  readonly country: string;
  readonly registryId: string;
  readonly name: string;
  readonly rating: Rating;
}

export type BuyerKey = string;

export type BuyerError =
  | { readonly field: 'registry_id'; readonly error: IdentifierError }
  | { readonly field: 'name'; readonly error: { readonly code: 'blank' | 'too_long' } }
  | { readonly field: 'rating'; readonly error: { readonly code: 'invalid_rating' } };

export interface BuyerInput {
  readonly country: string;
  readonly registryId: string;
  readonly name: string;
  readonly rating: unknown;
}

export const MAX_BUYER_NAME_LENGTH = 255;

export function buyerKey(country: string, registryId: string): BuyerKey {
  return `${country}:${registryId}`;
}

/** Validates and normalises a buyer; returns every problem at once. */
export function createBuyer(input: BuyerInput): Result<Buyer, BuyerError[]> {
  const errors: BuyerError[] = [];
  const identifier = normaliseRegistryId(input.country, input.registryId);
  if (!identifier.ok) errors.push({ field: 'registry_id', error: identifier.error });
  const name = input.name.trim();
  if (name === '') errors.push({ field: 'name', error: { code: 'blank' } });
  if (name.length > MAX_BUYER_NAME_LENGTH) errors.push({ field: 'name', error: { code: 'too_long' } });
  if (!isRating(input.rating)) errors.push({ field: 'rating', error: { code: 'invalid_rating' } });
  if (!identifier.ok || errors.length > 0 || !isRating(input.rating)) return err(errors);
  return ok({ ...identifier.value, name, rating: input.rating });
}

export type BuyerIndex = ReadonlyMap<BuyerKey, Buyer>;

/** Later entries replace earlier ones with the same key (an import updates the registry). */
export function indexBuyers(buyers: readonly Buyer[]): BuyerIndex {
  return new Map(buyers.map((buyer) => [buyerKey(buyer.country, buyer.registryId), buyer]));
}

/** Looks a buyer up by any accepted spelling of its identifier (e.g. `556710-4046`). */
export function findBuyer(index: BuyerIndex, country: string, rawRegistryId: string): Buyer | null {
  const identifier = normaliseRegistryId(country, rawRegistryId);
  if (!identifier.ok) return null;
  return index.get(buyerKey(country, identifier.value.registryId)) ?? null;
}
