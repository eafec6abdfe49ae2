import type { Executor } from '../../../platform/db/database.js';
import { listStrategyVersions, type StrategyListFilter } from '../../store/strategies.js';

/** The tenant's strategy versions (without their documents), by key and version. */
export async function listStrategies(db: Executor, tenantId: string, filter: StrategyListFilter) {
  return listStrategyVersions(db, tenantId, filter);
}
