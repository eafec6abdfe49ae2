import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { buyerByNumber } from '../../risk/api.js';
import type { CoverContext } from '../context.js';
import { parseApplicationAmount } from '../domain/amounts.js';
import { neutralCodeOf } from '../domain/codes.js';
import { actionAllowed, positionOf } from '../domain/cover-state.js';
import type { CoverError } from '../domain/errors.js';
import type { UnderwritingOutcome } from '../domain/underwriting.js';
import { type CoverVersionRow, insertVersion } from '../store.js';
import {
  continuation, endVersion, eventTypeOf, factsOf, holdGranted, outcomeColumns, type PositionRef, recordChange, targetPosition,
} from './shared.js';
import { underwriteOnBook } from './underwrite-on-book.js';

export interface SupersedeInput extends PositionRef {
  readonly creditLimitAmount?: unknown;
  readonly currencyCode?: string | undefined;
  readonly customerRefNumber?: string | undefined;
}

/**
 * `PUT /covers` `supersede`: an increase (or a re-application after a zero decision) as a new application. Decided:
 * the new version replaces the old one (SCLD); a refusal keeps the old amount as DC05. Referred: the old decision
 * stays valid beside the open application until an underwriter decides it.
 */
export async function supersedeCover(uow: UnitOfWork, ctx: CoverContext, input: SupersedeInput): Promise<Result<CoverVersionRow, CoverError>> {
  const found = await targetPosition(uow, ctx, input, true);
  if (!found.ok) return found;
  const { policy, target, live } = found.value;
  if (live.some((version) => version.coverStatus === 'REFERRED')) return err({ code: 'SUPERSEDE_NOT_ALLOWED' });
  const position = positionOf(factsOf(target));
  if (!actionAllowed('supersede', position) || target.coverType === 'credit-check') return err({ code: 'INVALID_STATE', status: position });
  if (input.currencyCode === undefined) return err({ code: 'REQUIRED', field: 'currencyCode' });
  if (input.currencyCode !== policy.currency) return err({ code: 'CURRENCY_NOT_ALLOWED', currency: input.currencyCode });
  if (input.creditLimitAmount === undefined) return err({ code: 'REQUIRED', field: 'creditLimitAmount' });
  const requested = parseApplicationAmount(input.creditLimitAmount, policy.currency);
  if (requested === null) return err({ code: 'INVALID_AMOUNT', field: 'creditLimitAmount' });
  const current = target.firstAmount + target.secondAmount;
  if (requested <= current) return err({ code: 'INVALID_VALUE', field: 'creditLimitAmount', detail: 'creditLimitAmount must be greater than the current decision' });
  const buyer = await buyerByNumber(uow.tx, target.buyerId);
  if (!buyer) return err({ code: 'BUYER_NOT_FOUND' });
  const decision = await underwriteOnBook(uow, buyer, policy, target.coverType, requested, target.exposureHeld);
  const base = { ...continuation(target, uow.now), requestedAmount: requested, applicationDate: uow.now, buyerRatingAtApplication: buyer.rating, customerRefNumber: input.customerRefNumber ?? target.customerRefNumber };
  if (decision.outcome.outcome === 'referred') {
    const application = await insertVersion(uow.tx, { ...base, ...outcomeColumns(decision.outcome, uow.now), openSupersede: true });
    await recordChange(uow, 'cover.referred', 'cover.superseded', application, { supersedes: target.coverId });
    return ok(application);
  }
  await endVersion(uow, target, 'SCLD');
  const inserted = await insertVersion(uow.tx, { ...base, ...supersedeOutcome(decision.outcome, current, uow.now) });
  const version = await holdGranted(uow, inserted);
  await recordChange(uow, eventTypeOf(version), 'cover.superseded', version, { supersedes: target.coverId });
  return ok(version);
}

/** A decided increase that grants no more than the current cover leaves it unchanged (DC05, spec §5.4). */
export function supersedeOutcome(outcome: Extract<UnderwritingOutcome, { outcome: 'decided' }>, current: number, now: Date) {
  if (current > 0 && outcome.first + outcome.second <= current) {
    return { ...outcomeColumns(outcome, now), decisionCode: 'DC05', neutralCode: neutralCodeOf('DC05'), firstAmount: current, secondAmount: 0, conditions: [] };
  }
  return outcomeColumns(outcome, now);
}
