import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { StrategyError } from '../../domain/strategy/errors.js';
import { transition } from '../../domain/strategy/lifecycle.js';
import { findStrategyVersion, lockStrategyKey, updateStrategyVersion, type StrategyRow } from '../../store/strategies.js';
import { readStrategyDocument } from './read-strategy-document.js';
import { recordStrategyChange, STRATEGY_PUBLISHED } from './shared.js';

/**
 * Publishes a draft: from now on it is immutable, and `latest-published` names it until a newer version is published.
 * Runs already under way stay on the version they started with. The document is validated again, so a draft stored
 * before a rule was added cannot be published past it.
 */
export async function publishStrategy(uow: UnitOfWork, key: string, version: number): Promise<Result<StrategyRow, StrategyError>> {
  await lockStrategyKey(uow.tx, uow.tenant.id, key);
  const row = await findStrategyVersion(uow.tx, uow.tenant.id, key, version, { lock: true });
  if (!row) return err({ code: 'STRATEGY_NOT_FOUND', key, version });
  const status = transition(row.status, 'publish');
  if (status === null) return err({ code: 'INVALID_TRANSITION', key, version, status: row.status, action: 'publish' });
  const read = readStrategyDocument(row.document);
  if (!read.ok) return err({ code: 'INVALID_DOCUMENT', problems: read.error });
  const published = await updateStrategyVersion(uow.tx, row, { status, publishedAt: uow.now, updatedAt: uow.now });
  await recordStrategyChange(uow, published, 'strategy.published', STRATEGY_PUBLISHED);
  return ok(published);
}
