import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { findAssignmentRules, saveAssignmentRules, type StrategyRow } from '../../store/strategies.js';
import { recordAudit } from '../../../platform/audit/record.js';
import { publishStrategyFile } from './publish-strategy-file.js';
import { DEFAULT_STRATEGY_KEY } from './strategy-for-claim.js';

/**
 * A new tenant starts with the shipped default strategy published (key `default`, version 1) and assignment rules
 * that give it to every claim, so claims are worked from the first day; the tenant changes either at will.
 */
export async function installDefaultStrategy(uow: UnitOfWork, text: string): Promise<StrategyRow> {
  const published = await publishStrategyFile(uow, text);
  if (!published.ok) throw new Error(`The shipped default strategy is invalid: ${JSON.stringify(published.error)}`);
  if (!(await findAssignmentRules(uow.tx, uow.tenant.id))) {
    const row = await saveAssignmentRules(uow.tx, uow.tenant.id, { rules: [], defaultStrategyKey: DEFAULT_STRATEGY_KEY }, uow.now);
    await recordAudit(uow, { action: 'strategy.assignment_rules_set', entityType: 'strategy_assignment_rules', entityId: uow.tenant.id, details: { revision: row.revision, rules: 0 } });
  }
  return published.value.row;
}
