import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { StrategyError } from '../../domain/strategy/errors.js';
import { transition } from '../../domain/strategy/lifecycle.js';
import { findStrategyVersion, updateStrategyVersion, type StrategyRow } from '../../store/strategies.js';
import { contentHash, readStrategyDocument } from './read-strategy-document.js';
import { recordStrategyChange } from './shared.js';

/** Rewrites a draft in place (same key and version); a published or retired version never changes. */
export async function replaceStrategyDraft(uow: UnitOfWork, key: string, version: number, input: unknown): Promise<Result<StrategyRow, StrategyError>> {
  const row = await findStrategyVersion(uow.tx, uow.tenant.id, key, version, { lock: true });
  if (!row) return err({ code: 'STRATEGY_NOT_FOUND', key, version });
  if (transition(row.status, 'replace') === null) return err({ code: 'INVALID_TRANSITION', key, version, status: row.status, action: 'replace' });
  const read = readStrategyDocument(input);
  if (!read.ok) return err({ code: 'INVALID_DOCUMENT', problems: read.error });
  if (read.value.key !== key) return err({ code: 'KEY_MISMATCH', expected: key, found: read.value.key });
  const updated = await updateStrategyVersion(uow.tx, row, { document: read.value, name: read.value.name, contentHash: contentHash(read.value), updatedAt: uow.now });
  await recordStrategyChange(uow, updated, 'strategy.draft_replaced');
  return ok(updated);
}
