import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { adjustExposureWrite, buyerByNumber } from '../../risk/api.js';
import type { CoverContext } from '../context.js';
import { halfInWholeUnits } from '../domain/amounts.js';
import { type ApplicationInput, checkApplication } from '../domain/application.js';
import type { CoverError } from '../domain/errors.js';
import { type CoverVersionRow, insertVersion, lockLiveVersions } from '../store.js';
import { giveInsurerNotice } from './give-insurer-notice.js';
import { changeWrites, eventTypeOf, heldOnBook, outcomeColumns, todayOf, usablePolicy } from './shared.js';
import { fastWriteAll } from '../../platform/db/fast-query.js';
import { underwriteOnBook } from './underwrite-on-book.js';

export interface NewApplication extends ApplicationInput {
  readonly customerId: number;
  readonly policyId: number;
  readonly buyerId: number;
}

/** `POST /covers`: a first-time application on a buyer, decided at once (201) or referred to an underwriter (202). */
export async function applyForCover(uow: UnitOfWork, ctx: CoverContext, input: NewApplication): Promise<Result<CoverVersionRow, CoverError>> {
  const policy = await usablePolicy(uow, ctx, input.customerId, input.policyId, true);
  if (!policy.ok) return policy;
  const buyer = await buyerByNumber(uow.tx, input.buyerId);
  if (!buyer) return err({ code: 'BUYER_NOT_FOUND' });
  const today = todayOf(uow, ctx);
  const application = checkApplication(input, policy.value, today);
  if (!application.ok) return application;
  const decision = await underwriteOnBook(uow, buyer, policy.value, application.value.coverType, application.value.requested);
  if ((await lockLiveVersions(uow.tx, uow.tenant.id, input.policyId, input.buyerId)).length > 0) return err({ code: 'COVER_EXISTS' });
  const columns = outcomeColumns(decision.outcome, uow.now);
  const held = heldOnBook(columns, application.value.coverType, application.value.currency);
  const version = await insertVersion(uow.tx, {
    tenantId: uow.tenant.id, customerId: input.customerId, policyId: input.policyId, buyerId: input.buyerId,
    buyerCountry: buyer.country, buyerRegistryId: buyer.registryId, bookId: decision.bookId, buyerRatingAtApplication: buyer.rating,
    coverType: application.value.coverType, currency: application.value.currency, requestedAmount: application.value.requested,
    customerRefNumber: application.value.customerRefNumber, applicationDate: uow.now, effectFromDate: application.value.effectFromDate,
    updatedAt: uow.now, ...columns, exposureHeld: held,
  });
  // The capacity it takes, its event and audit row in one round trip.
  await fastWriteAll(uow.tx, [
    ...(held === 0 ? [] : [adjustExposureWrite(version.bookId, version.buyerCountry, version.buyerRegistryId, { exposure: held })]),
    ...changeWrites(uow, eventTypeOf(version), 'cover.applied', version, { requestedAmount: version.requestedAmount }),
  ]);
  if (!decision.reductionNotice) return ok(version);
  return giveInsurerNotice(uow, ctx, version.coverId, { newAmount: halfInWholeUnits(version.firstAmount, version.currency), notes: 'Sandbox scenario: insurer reduction notice' });
}
