import type { Executor } from '../../../platform/db/database.js';
import { listPlans, loadPlan, type PlanRow } from '../../store/instalment-plans.js';
import { readDebtorRecordSettings } from '../../store/debtor-settings.js';
import type { InstalmentPlanDefinition } from '../../domain/instalments/definitions.js';

/*
 * #36 and #40: the tenant's selectable definitions and an account's plans, filtered (definitions: `enabled`, `types`
 * case-insensitively; plans: `status` and `id` matched literally, A23), a page of `limit` after the cursor.
 */

export interface Page<T> {
  results: T[];
  /** The position after the last result, when more follow. */
  next?: number;
}

function page<T>(items: readonly T[], after: number, limit: number): Page<T> {
  const results = items.slice(after, after + limit);
  return after + limit < items.length ? { results, next: after + limit } : { results };
}

export async function listInstalmentPlanDefinitions(
  db: Executor, tenantId: string, query: { enabled?: boolean; types?: string[]; after: number; limit: number },
): Promise<Page<InstalmentPlanDefinition>> {
  const settings = await readDebtorRecordSettings(db, tenantId);
  const types = query.types?.map((type) => type.toLowerCase());
  const matching = settings.instalments.definitions.filter((definition) => definition.selectable
    && (query.enabled === undefined || definition.enabled === query.enabled)
    && (types === undefined || types.includes(definition.type.toLowerCase())));
  return page(matching, query.after, query.limit);
}

export async function listInstalmentPlans(
  db: Executor, tenantId: string, accountReference: string, query: { status?: string[]; ids?: string[]; after: number; limit: number },
): Promise<Page<PlanRow>> {
  const rows = await listPlans(db, tenantId, accountReference);
  const matching = rows.filter((row) => (query.status === undefined || query.status.includes(row.status))
    && (query.ids === undefined || query.ids.includes(row.id)));
  return page(matching, query.after, query.limit);
}

export async function getInstalmentPlan(db: Executor, tenantId: string, id: string): Promise<PlanRow | undefined> {
  return loadPlan(db, tenantId, id, false);
}
