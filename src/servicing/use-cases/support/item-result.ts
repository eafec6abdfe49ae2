import { randomUUID } from 'node:crypto';
import type { ServicingError } from '../../domain/errors.js';

/*
 * The outcome of one item of a batch (spec §1.5): success, human messages, message ids and optional data. A failed
 * item carries the message of its domain error; the whole request still succeeds.
 */

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

export function failed(error: ServicingError): ItemResult {
  return { success: false, messages: [error.message], messageIds: [randomUUID()] };
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

/** The same results with each successful item's data replaced by `present(data)` (data given, else left out). */
export function mapItemData<T>(results: Record<string, ItemResult>, present: (data: T) => unknown): Record<string, ItemResult> {
  for (const result of Object.values(results)) {
    if (result.success && result.data !== undefined) result.data = present(result.data as T);
  }
  return results;
}
