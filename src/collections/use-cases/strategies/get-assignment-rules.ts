import type { Executor } from '../../../platform/db/database.js';
import { findAssignmentRules, type AssignmentRulesRow } from '../../store/strategies.js';

/** The tenant's assignment rules, or undefined when none were ever set. */
export async function getAssignmentRules(db: Executor, tenantId: string): Promise<AssignmentRulesRow | undefined> {
  return findAssignmentRules(db, tenantId);
}
