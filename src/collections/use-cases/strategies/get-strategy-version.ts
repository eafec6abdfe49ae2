import { err, ok, type Result } from '../../../platform/result.js';
import type { Executor } from '../../../platform/db/database.js';
import type { StrategyError } from '../../domain/strategy/errors.js';
import { findStrategyVersion, type StrategyRow, type StrategyVersionRef } from '../../store/strategies.js';

/** One version of a strategy (a number, or `latest-published`); another tenant's is answered as unknown. */
export async function getStrategyVersion(db: Executor, tenantId: string, key: string, version: StrategyVersionRef): Promise<Result<StrategyRow, StrategyError>> {
  const row = await findStrategyVersion(db, tenantId, key, version);
  return row ? ok(row) : err({ code: 'STRATEGY_NOT_FOUND', key, version });
}
