import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { AssignmentRules } from '../../domain/strategy/document.js';
import type { StrategyError } from '../../domain/strategy/errors.js';
import { transition } from '../../domain/strategy/lifecycle.js';
import { findAssignmentRules, findStrategyVersion, lockStrategyKey, updateStrategyVersion, versionsOfKey, type StrategyRow } from '../../store/strategies.js';
import { recordStrategyChange, STRATEGY_RETIRED } from './shared.js';

/**
 * Retires a published version: no new run starts on it; runs already on it finish on it. Refused while the tenant's
 * assignment rules would then name nothing: a rule pinned to this version, or a rule (or the default) taking the
 * latest published version of a key whose last published version this is.
 */
export async function retireStrategy(uow: UnitOfWork, key: string, version: number): Promise<Result<StrategyRow, StrategyError>> {
  await lockStrategyKey(uow.tx, uow.tenant.id, key);
  const row = await findStrategyVersion(uow.tx, uow.tenant.id, key, version, { lock: true });
  if (!row) return err({ code: 'STRATEGY_NOT_FOUND', key, version });
  const status = transition(row.status, 'retire');
  if (status === null) return err({ code: 'INVALID_TRANSITION', key, version, status: row.status, action: 'retire' });
  const rules = (await findAssignmentRules(uow.tx, uow.tenant.id, { lock: true }))?.rules;
  const othersPublished = (await versionsOfKey(uow.tx, uow.tenant.id, key)).some((other) => other.status === 'published' && other.version !== version);
  const inUse = rules ? whyStillNeeded(rules, key, version, othersPublished) : null;
  if (inUse) return err({ code: 'STRATEGY_IN_USE', key, version, reason: inUse });
  const retired = await updateStrategyVersion(uow.tx, row, { status, retiredAt: uow.now, updatedAt: uow.now });
  await recordStrategyChange(uow, retired, 'strategy.retired', STRATEGY_RETIRED);
  return ok(retired);
}

function whyStillNeeded(rules: AssignmentRules, key: string, version: number, othersPublished: boolean): string | null {
  const pinned = rules.rules.findIndex((rule) => rule.strategyKey === key && rule.version === version);
  if (pinned >= 0) return `assignment rule ${pinned} (priority ${rules.rules[pinned]!.priority}) names version ${version}`;
  if (othersPublished) return null;
  if (rules.defaultStrategyKey === key) return `"${key}" is the default strategy and this is its last published version`;
  const latest = rules.rules.findIndex((rule) => rule.strategyKey === key);
  return latest >= 0 ? `assignment rule ${latest} (priority ${rules.rules[latest]!.priority}) takes the latest published version of "${key}", and this is the last one` : null;
}
