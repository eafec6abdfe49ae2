import { auditWrite } from '../../../platform/audit/record.js';
import { fastWriteAll } from '../../../platform/db/fast-query.js';
import { dispatchAwareEventsWrites, type NewEvent } from '../../../platform/events/append.js';
import { MoneyError } from '../../../platform/money.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { ServicingRefusal } from '../../domain/errors.js';
import { recordTriggerExecutions } from '../../store/trigger-executions.js';
import type { ItemResult } from './item-result.js';

/** What one servicing write request (synchronous or its async job) carries through its use case. */
export interface ServicingRequest {
  readonly uow: UnitOfWork;
  readonly tenantId: string;
  readonly now: Date;
  readonly nowMs: number;
  /** `now` as ISO text, computed once (event envelopes carry it). */
  readonly nowIso: string;
  readonly forceAmountCheck?: boolean;
  /** Claims and accounts the call touched, for `triggerName` (spec A7). */
  readonly touchedClaims: Set<string>;
  readonly touchedAccounts: Set<string>;
  /** Events of the request, appended in one statement before the transaction commits. */
  readonly events: NewEvent[];
}

export interface BatchOptions {
  triggerName?: string;
  forceAmountCheck?: boolean;
}

/** A batch use case: every item of one request, in body order, in the request's transaction. */
export type BatchUseCase<B> = (ctx: ServicingRequest, body: B) => Promise<Record<string, ItemResult>>;

export function openRequest(uow: UnitOfWork, options: { forceAmountCheck?: boolean } = {}): ServicingRequest {
  return {
    uow,
    tenantId: uow.tenant.id,
    now: uow.now,
    nowMs: uow.now.getTime(),
    nowIso: uow.now.toISOString(),
    forceAmountCheck: options.forceAmountCheck,
    touchedClaims: new Set(),
    touchedAccounts: new Set(),
    events: [],
  };
}

/**
 * Runs a batch use case in the unit of work and writes what every servicing write ends with: its events, the
 * custom trigger executions (spec A7) and the audit row. A sum out of range refuses the whole request.
 */
export async function runBatch<B>(
  uow: UnitOfWork, name: string, useCase: BatchUseCase<B>, body: B, options: BatchOptions,
): Promise<Record<string, ItemResult>> {
  const ctx = openRequest(uow, { forceAmountCheck: options.forceAmountCheck });
  let results: Record<string, ItemResult>;
  try {
    results = await useCase(ctx, body);
  } catch (error) {
    if (error instanceof MoneyError) throw new ServicingRefusal({ code: 'AMOUNTS_OUT_OF_RANGE', message: error.message });
    throw error;
  }
  const writes = await dispatchAwareEventsWrites(uow.tx, uow, ctx.events);
  if (options.triggerName) {
    await recordTriggerExecutions(uow.tx, ctx.tenantId, {
      triggerName: options.triggerName, operation: name, requestId: uow.requestId ?? null,
      claimReferences: [...ctx.touchedClaims], accountReferences: [...ctx.touchedAccounts], now: ctx.now,
    });
  }
  const succeededCount = Object.values(results).filter((result) => result.success).length;
  // The events and the audit row go in one statement (one round trip less per request).
  writes.push(auditWrite(uow, {
    action: `servicing.${name}`, entityType: 'servicing_request', entityId: uow.requestId ?? name,
    details: { items: Object.keys(results).length, succeeded: succeededCount, triggerName: options.triggerName ?? null },
  }));
  await fastWriteAll(uow.tx, writes);
  return results;
}
