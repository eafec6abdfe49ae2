import { recordAudit } from '../../../platform/audit/record.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { AssignmentRules } from '../../domain/strategy/document.js';
import type { StrategyError } from '../../domain/strategy/errors.js';
import { findStrategyVersion, saveAssignmentRules, type AssignmentRulesRow } from '../../store/strategies.js';
import { readAssignmentRules } from './read-strategy-document.js';

/**
 * Replaces the tenant's assignment rules. Every strategy they name must be published now (the version a rule pins, or
 * at least one version for `latest-published` and the default), so a claim that becomes ACTIVE always finds one.
 */
export async function setAssignmentRules(uow: UnitOfWork, input: unknown): Promise<Result<AssignmentRulesRow, StrategyError>> {
  const read = readAssignmentRules(input);
  if (!read.ok) return err({ code: 'INVALID_ASSIGNMENT_RULES', problems: read.error });
  const missing = await unpublishedReferences(uow, read.value);
  if (missing.length > 0) return err({ code: 'INVALID_ASSIGNMENT_RULES', problems: missing });
  const row = await saveAssignmentRules(uow.tx, uow.tenant.id, read.value, uow.now);
  await recordAudit(uow, { action: 'strategy.assignment_rules_set', entityType: 'strategy_assignment_rules', entityId: uow.tenant.id, details: { revision: row.revision, rules: read.value.rules.length } });
  return ok(row);
}

async function unpublishedReferences(uow: UnitOfWork, rules: AssignmentRules): Promise<string[]> {
  const references = [
    ...rules.rules.map((rule, index) => ({ at: `rules[${index}]`, key: rule.strategyKey, version: rule.version })),
    { at: 'defaultStrategyKey', key: rules.defaultStrategyKey, version: 'latest-published' as const },
  ];
  const problems: string[] = [];
  for (const reference of references) {
    const found = await findStrategyVersion(uow.tx, uow.tenant.id, reference.key, reference.version);
    if (!found || found.status !== 'published') {
      problems.push(`${reference.at}: no published ${reference.version === 'latest-published' ? 'version' : `version ${reference.version}`} of strategy "${reference.key}"`);
    }
  }
  return problems;
}
