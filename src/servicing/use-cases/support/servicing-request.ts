import { auditWrite } from '../../../platform/audit/record.js';
import { fastWriteAll, type FastWrite } from '../../../platform/db/fast-query.js';
import { groupCommit } from '../../../platform/db/group-commit.js';
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
  /**
   * Writes a use case deferred (see `deferWrite`): sent with the next `flushWrites`, or with the events and the audit
   * row at the end of the request, in one round trip.
   */
  readonly pendingWrites: FastWrite[];
  /**
   * The request runs as one statement outside a transaction (`runSingleStatement`): reads take no locks, every
   * write waits for the end, and the rows the decision rests on are compare-and-set there (account and claim row
   * versions). A use case that cannot keep to that throws `NeedsTransaction`.
   */
  readonly singleStatement: boolean;
}

/** Thrown by a request running as one statement (`ServicingRequest.singleStatement`) that must run as a transaction. */
export class NeedsTransaction extends Error {
  constructor(reason: string) {
    super(`needs a transaction: ${reason}`);
  }
}

/**
 * Defers writes of the request's transaction to one round trip with later writes. Only for writes that no read of
 * the request before the next `flushWrites` depends on: a use case that defers flushes before such a read.
 */
export function deferWrite(ctx: ServicingRequest, writes: readonly FastWrite[]): void {
  ctx.pendingWrites.push(...writes);
}

/** Sends the deferred writes now (before a read that must see them). */
export async function flushWrites(ctx: ServicingRequest): Promise<void> {
  if (ctx.pendingWrites.length === 0) return;
  if (ctx.singleStatement) throw new NeedsTransaction('a read after a write');
  await fastWriteAll(ctx.uow.tx, ctx.pendingWrites.splice(0));
}

export interface BatchOptions {
  triggerName?: string;
  forceAmountCheck?: boolean;
  /** Run as one statement outside a transaction (see `ServicingRequest.singleStatement`); not with a triggerName. */
  singleStatement?: boolean;
}

/** A batch use case: every item of one request, in body order, in the request's transaction. */
export type BatchUseCase<B> = (ctx: ServicingRequest, body: B) => Promise<Record<string, ItemResult>>;

export function openRequest(uow: UnitOfWork, options: { forceAmountCheck?: boolean; singleStatement?: boolean } = {}): ServicingRequest {
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
    pendingWrites: [],
    singleStatement: options.singleStatement ?? false,
  };
}

/**
 * Runs a batch use case in the unit of work and writes what every servicing write ends with: its events, the
 * custom trigger executions (spec A7) and the audit row. A sum out of range refuses the whole request.
 */
export async function runBatch<B>(
  uow: UnitOfWork, name: string, useCase: BatchUseCase<B>, body: B, options: BatchOptions,
): Promise<Record<string, ItemResult>> {
  if (options.singleStatement && options.triggerName) throw new NeedsTransaction('triggerName');
  const ctx = openRequest(uow, { forceAmountCheck: options.forceAmountCheck, singleStatement: options.singleStatement });
  let results: Record<string, ItemResult>;
  try {
    results = await useCase(ctx, body);
  } catch (error) {
    if (error instanceof MoneyError) throw new ServicingRefusal({ code: 'AMOUNTS_OUT_OF_RANGE', message: error.message });
    throw error;
  }
  const writes = [...ctx.pendingWrites.splice(0), ...await dispatchAwareEventsWrites(uow.tx, uow, ctx.events)];
  if (options.triggerName) {
    await fastWriteAll(uow.tx, writes.splice(0));
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
  // One statement outside a transaction commits alone: under load, with those of other requests (group commit).
  if (ctx.singleStatement) await groupCommit(uow.tx, { writes, keys: [...ctx.touchedAccounts] });
  else await fastWriteAll(uow.tx, writes);
  return results;
}
