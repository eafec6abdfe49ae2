import type { Executor } from '../../platform/db/database.js';
import { type Result, err, ok } from '../../platform/result.js';
import { buyerByNumber, buyerNumberFor, buyersByNumber, findRegisteredBuyer, normaliseRegistryId, type NumberedBuyer } from '../../risk/api.js';
import type { CoverError } from '../domain/errors.js';
import type { UidType } from '../domain/countries.js';
import { buyerIdsWithLiveCover, liveVersionsOnBuyers } from '../store.js';

/** A VAT number is the registry number with the country prefix (and Sweden's "01" suffix). */
export function registryIdFromUid(country: string, uid: string, uidType: UidType): string {
  const compact = uid.replace(/[\s.-]/g, '').toUpperCase();
  if (uidType !== 'VAT') return uid;
  const bare = compact.startsWith(country) ? compact.slice(country.length) : compact;
  return country === 'SE' && /^\d{12}$/.test(bare) && bare.endsWith('01') ? bare.slice(0, 10) : bare;
}

/** Journey step 2: the registry buyer with this identifier, numbered on first use. */
export async function findBuyerByIdentifier(db: Executor, country: string, uid: string, uidType: UidType): Promise<Result<NumberedBuyer, CoverError>> {
  const identifier = normaliseRegistryId(country, registryIdFromUid(country, uid, uidType));
  if (!identifier.ok) return err({ code: 'BUYER_NOT_FOUND' });
  const buyer = await findRegisteredBuyer(db, identifier.value.country, identifier.value.registryId);
  if (!buyer) return err({ code: 'BUYER_NOT_FOUND' });
  const buyerId = await buyerNumberFor(db, buyer.country, buyer.registryId);
  const numbered = await buyerByNumber(db, buyerId);
  return numbered ? ok(numbered) : err({ code: 'BUYER_NOT_FOUND' });
}

export async function findBuyer(db: Executor, buyerId: number): Promise<Result<NumberedBuyer, CoverError>> {
  const buyer = await buyerByNumber(db, buyerId);
  return buyer ? ok(buyer) : err({ code: 'BUYER_NOT_FOUND' });
}

export type HealthChange = 'up' | 'down' | 'none';

export interface MyBuyer {
  readonly buyer: NumberedBuyer;
  /** Rating now against the rating when its live cover was underwritten (1 is best: a lower number is "up"). */
  readonly healthChange: HealthChange;
}

/** The buyers the tenant (or one customer) holds live cover on, with how their rating moved since underwriting. */
export async function myBuyers(db: Executor, tenantId: string, customerId: number | undefined): Promise<MyBuyer[]> {
  const buyerIds = await buyerIdsWithLiveCover(db, tenantId, customerId);
  const [buyers, versions] = await Promise.all([buyersByNumber(db, buyerIds), liveVersionsOnBuyers(db, tenantId, buyerIds)]);
  return buyers.map((buyer) => {
    const ratings = versions.filter((version) => version.buyerId === buyer.buyerId).map((version) => version.buyerRatingAtApplication);
    const earlier = Math.min(...ratings);
    const healthChange: HealthChange = buyer.rating < earlier ? 'up' : buyer.rating > earlier ? 'down' : 'none';
    return { buyer, healthChange };
  });
}
