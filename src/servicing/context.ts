import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../platform/events/append.js';
import type { FastWrite } from '../platform/db/fast-query.js';
import { eventWrites } from './store.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';

/** What one servicing request (synchronous or its async job) carries through its use cases. */
export interface ServicingContext {
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

export function createContext(uow: UnitOfWork, options: { forceAmountCheck?: boolean } = {}): ServicingContext {
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

/** The writes of the request's events (sent by the caller with its audit row); the context's list is emptied. */
export async function takeEventWrites(ctx: ServicingContext): Promise<FastWrite[]> {
  const writes = await eventWrites(ctx.uow.tx, ctx.tenantId, ctx.events, ctx.now, ctx.uow.requestId ?? null);
  ctx.events.length = 0;
  return writes;
}

// ---------------------------------------------------------------------------------------------------------------
// Batch results (spec §1.5).

export interface ItemResult {
  success: boolean;
  messages: string[];
  messageIds: string[];
  data?: unknown;
}

export const GENERIC_SUCCESS = 'Successfully processed action';

export function succeeded(messages: string | string[], data?: unknown): ItemResult {
  const result: ItemResult = { success: true, messages: Array.isArray(messages) ? messages : [messages], messageIds: [randomUUID()] };
  if (data !== undefined) result.data = data;
  return result;
}

export function failed(messages: string | string[]): ItemResult {
  return { success: false, messages: Array.isArray(messages) ? messages : [messages], messageIds: [randomUUID()] };
}

/** Thrown inside a use case to fail one item; caught by the batch runner. */
export class ItemFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ItemFailure';
  }
}

/** Items of an array body merged by key: success only if all succeeded, messages and ids concatenated, data arrays joined. */
export function mergeByKey(results: readonly { key: string; result: ItemResult }[]): Record<string, ItemResult> {
  const merged: Record<string, ItemResult> = {};
  for (const { key, result } of results) {
    const existing = merged[key];
    if (!existing) {
      merged[key] = { ...result, messages: [...result.messages], messageIds: [...result.messageIds] };
      if (Array.isArray(result.data)) merged[key].data = [...result.data];
      continue;
    }
    existing.success = existing.success && result.success;
    existing.messages.push(...result.messages);
    existing.messageIds.push(...result.messageIds);
    if (Array.isArray(result.data)) existing.data = [...(Array.isArray(existing.data) ? existing.data : []), ...result.data];
  }
  return merged;
}

/** Groups array items by key, keeping first-appearance order of keys and body order inside a key. */
export function groupByKey<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Removes keys whose value is undefined (wire output never carries `undefined`). */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (field !== undefined) out[key] = field;
  }
  return out as T;
}
