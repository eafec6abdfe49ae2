import type { Executor } from '../../../platform/db/database.js';
import { chooseStrategy, type StrategyChoice } from '../../domain/strategy/assignment.js';
import type { ClaimFacts } from '../../domain/strategy/document.js';
import { findAssignmentRules, findStrategyVersion, type StrategyRow } from '../../store/strategies.js';

export const DEFAULT_STRATEGY_KEY = 'default';

/**
 * The published strategy version a claim that becomes ACTIVE starts on: the tenant's assignment rules applied to the
 * claim's facts (no rules: the `default` strategy), the version resolved now. Null when the chosen strategy has no
 * published version (the run cannot start; the caller records why).
 */
export async function strategyForClaim(db: Executor, tenantId: string, facts: ClaimFacts): Promise<{ choice: StrategyChoice; strategy: StrategyRow | null }> {
  const rules = (await findAssignmentRules(db, tenantId))?.rules ?? { rules: [], defaultStrategyKey: DEFAULT_STRATEGY_KEY };
  const choice = chooseStrategy(rules, facts);
  const strategy = await findStrategyVersion(db, tenantId, choice.strategyKey, choice.version);
  return { choice, strategy: strategy && strategy.status === 'published' ? strategy : null };
}

/** A version by its id (what a run keeps), published or retired: a run finishes on the version it started with. */
export { findStrategyVersionById } from '../../store/strategies.js';
