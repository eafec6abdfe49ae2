import { randomUUID } from 'node:crypto';
import type { DebtorRecordError } from '../../domain/debtor-record-errors.js';

/*
 * The outcome of one item of a Receeve batch (spec §1.5) as collections' batch use cases return it: success,
 * messages, message ids and optional data. Items of an array body with the same account are merged into one entry.
 */

export interface ItemOutcome {
  success: boolean;
  messages: string[];
  messageIds: string[];
  data?: unknown;
}

export const GENERIC_SUCCESS = 'Successfully processed action';

export function itemSucceeded(data?: unknown): ItemOutcome {
  return { success: true, messages: [GENERIC_SUCCESS], messageIds: [randomUUID()], ...(data === undefined ? {} : { data }) };
}

export function itemFailed(error: DebtorRecordError): ItemOutcome {
  return { success: false, messages: [error.message], messageIds: [randomUUID()] };
}

/** Array items merged per key (spec §1.5): success only if all succeeded, messages and ids joined, data arrays joined. */
export function mergeItemsByKey(items: readonly { key: string; outcome: ItemOutcome }[]): Record<string, ItemOutcome> {
  const merged: Record<string, ItemOutcome> = {};
  for (const { key, outcome } of items) {
    const existing = merged[key];
    if (!existing) {
      merged[key] = { ...outcome, messages: [...outcome.messages], messageIds: [...outcome.messageIds] };
      continue;
    }
    existing.success = existing.success && outcome.success;
    existing.messages.push(...outcome.messages);
    existing.messageIds.push(...outcome.messageIds);
    if (Array.isArray(outcome.data)) existing.data = [...(Array.isArray(existing.data) ? existing.data : []), ...outcome.data];
  }
  return merged;
}
