// Buyer search (`/credit-insurance/organisation-management/v1`, spec §2 and §5.1): the registry buyers the Cover API
// applies on, by identifier, by number, and the caller's own buyers with their rating health.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../../platform/http/mutation.js';
import type { Result } from '../../platform/result.js';
import type { NumberedBuyer } from '../../risk/api.js';
import { alpha2Of, alpha3Of, UID_TYPES, type UidType } from '../domain/countries.js';
import type { CoverError } from '../domain/errors.js';
import { findCustomer } from '../store.js';
import { findBuyer, findBuyerByIdentifier, type HealthChange, myBuyers } from '../use-cases/find-buyers.js';
import {
  dateParameter, integerParameter, onlyQuery, queryError, ratingClassOf, throwCoverError, uniqueIdentifiersOf,
} from './atradius-wire.js';

const TAGS = ['Buyer search (Atradius-style)'];

function unwrap<T>(result: Result<T, CoverError>): T {
  if (!result.ok) throwCoverError(result.error);
  return result.value;
}

export function renderBuyer(buyer: NumberedBuyer, healthChange?: HealthChange) {
  return {
    buyerId: buyer.buyerId, buyerName: buyer.name, buyerCountryCode: alpha3Of(buyer.country),
    uniqueIdentifiers: uniqueIdentifiersOf(buyer.registryId),
    currentBuyerRating: String(buyer.rating), currentBuyerRatingClass: ratingClassOf(buyer.rating),
    buyerRatingUpdatedDate: buyer.updatedAt.toISOString(),
    ...(healthChange === undefined ? {} : { healthChange: healthChange === 'none' ? null : healthChange }),
  };
}

function required(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  if (typeof value !== 'string' || value.trim() === '') return queryError(400, 'REQUIRED', `${name} is required`, name);
  if (value.length > 64) return queryError(400, 'INVALID_VALUE', `${name} is too long`, name);
  return value;
}

async function searchByIdentifier(request: FastifyRequest) {
  const query = request.query as Record<string, unknown>;
  const countryText = required(query, 'country');
  const country = alpha2Of(countryText);
  if (!country) queryError(400, 'INVALID_VALUE', 'country must be an ISO 3166 alpha-3 code (e.g. SWE)', 'country');
  const uid = required(query, 'uid');
  const uidType = required(query, 'uidType');
  if (!Object.hasOwn(UID_TYPES, uidType)) queryError(400, 'INVALID_VALUE', `uidType must be one of ${Object.keys(UID_TYPES).join(', ')}`, 'uidType');
  const buyer = unwrap(await findBuyerByIdentifier(request.server.platform.db, country, uid, uidType as UidType));
  return { data: [renderBuyer(buyer)] };
}

async function listMyBuyers(request: FastifyRequest) {
  const query = request.query as Record<string, unknown>;
  const tenantId = requireActor(request).tenant.id;
  const customerId = integerParameter(query.customerId, 'customerId');
  if (customerId !== undefined && !(await findCustomer(request.server.platform.db, tenantId, customerId))) throwCoverError({ code: 'CUSTOMER_FORBIDDEN' });
  const healthChange = query.healthChange;
  if (healthChange !== undefined && healthChange !== 'up' && healthChange !== 'down') queryError(400, 'INVALID_VALUE', 'healthChange must be up or down', 'healthChange');
  const after = dateParameter(query.buyerRatingUpdatedAfter, 'buyerRatingUpdatedAfter');
  const before = dateParameter(query.buyerRatingUpdatedBefore, 'buyerRatingUpdatedBefore');
  const buyers = (await myBuyers(request.server.platform.db, tenantId, customerId)).filter((item) =>
    (healthChange === undefined || item.healthChange === healthChange)
    && (after === undefined || item.buyer.updatedAt >= after) && (before === undefined || item.buyer.updatedAt <= before));
  return { data: buyers.map((item) => renderBuyer(item.buyer, item.healthChange)) };
}

export async function buyerRoutes(scope: FastifyInstance): Promise<void> {
  scope.get('/buyers', { schema: { tags: TAGS, summary: 'Find a buyer by country (alpha-3) and identifier' }, preValidation: onlyQuery('country', 'uid', 'uidType') }, searchByIdentifier);
  scope.get('/buyers/my-buyers', {
    schema: { tags: TAGS, summary: 'Buyers the caller holds live cover on, with rating health changes' },
    preValidation: onlyQuery('customerId', 'policyId', 'healthChange', 'buyerRatingUpdatedAfter', 'buyerRatingUpdatedBefore'),
  }, listMyBuyers);
  scope.get('/buyers/:buyerId', {
    schema: { tags: TAGS, summary: 'One buyer (as a one-element array, like the real service)', params: z.object({ buyerId: z.string().max(20) }) },
    preValidation: onlyQuery(),
  }, async (request) => {
    const raw = (request.params as { buyerId: string }).buyerId;
    if (!/^\d{1,15}$/.test(raw)) throwCoverError({ code: 'BUYER_NOT_FOUND' });
    return { data: [renderBuyer(unwrap(await findBuyer(request.server.platform.db, Number(raw))))] };
  });
}
