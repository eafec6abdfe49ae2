import { randomUUID } from 'node:crypto';
import { appendEvent } from '../../../platform/events/append.js';
import { recordAudit } from '../../../platform/audit/record.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { StrategyRow } from '../../store/strategies.js';

/** The events a strategy's life emits (webhooks and the event feed carry them). */
export const STRATEGY_PUBLISHED = 'strategy.published';
export const STRATEGY_RETIRED = 'strategy.retired';
export const STRATEGY_EVENT_TYPES = [STRATEGY_PUBLISHED, STRATEGY_RETIRED] as const;

export function newStrategyId(): string {
  return randomUUID();
}

/** `default@3`: how events, audit rows and messages name one version. */
export function versionName(row: Pick<StrategyRow, 'key' | 'version'>): string {
  return `${row.key}@${row.version}`;
}

/** A change of a version's status: its event (for publish and retire) and its audit row, in the use case's transaction. */
export async function recordStrategyChange(uow: UnitOfWork, row: StrategyRow, action: string, eventType?: string): Promise<void> {
  const data = { id: row.id, key: row.key, version: row.version, name: row.name, status: row.status, contentHash: row.contentHash };
  if (eventType) await appendEvent(uow, { type: eventType, entityType: 'strategy', entityId: row.id, data });
  await recordAudit(uow, { action, entityType: 'strategy', entityId: row.id, details: { key: row.key, version: row.version, contentHash: row.contentHash } });
}
