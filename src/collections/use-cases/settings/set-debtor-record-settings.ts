import { recordAudit } from '../../../platform/audit/record.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { debtorRecordError, type DebtorRecordError } from '../../domain/debtor-record-errors.js';
import { programmaticTermsOf, type InstalmentPlanDefinition, type InstalmentSettings } from '../../domain/instalments/definitions.js';
import type { PromiseBounds } from '../../domain/promises/promise.js';
import { readDebtorRecordSettings, writeDebtorRecordSettings, type DebtorRecordSettings } from '../../store/debtor-settings.js';

/*
 * A tenant sets its promise bounds and its instalment settings (grace days, computation TTL, definitions). What it
 * leaves out keeps the default. Every programmatic or choice definition must compute (its terms parse), and ids are
 * unique, so #37 never meets a definition it cannot use. Recorded in the audit log.
 */

export interface DebtorRecordSettingsInput {
  promise?: Partial<PromiseBounds>;
  instalments?: Partial<InstalmentSettings>;
}

function checkDefinitions(definitions: readonly InstalmentPlanDefinition[]): DebtorRecordError | undefined {
  const ids = new Set<string>();
  for (const definition of definitions) {
    if (ids.has(definition.id)) return debtorRecordError('INVALID_PLAN', `Definition id ${definition.id} is used twice`);
    ids.add(definition.id);
    if (definition.type !== 'programmatic' && definition.type !== 'choice') continue;
    const unusable = definition.configuration.findIndex((configuration) => !programmaticTermsOf(configuration, definition.rules));
    if (unusable >= 0 || definition.configuration.length === 0) {
      return debtorRecordError('INVALID_PLAN', `Definition ${definition.id}: configuration[${Math.max(0, unusable)}] has no valid instalments, interval, minimumInstalment, maximumDurationDays, downPayment or fee rule`);
    }
  }
  return undefined;
}

export async function setDebtorRecordSettings(uow: UnitOfWork, input: DebtorRecordSettingsInput): Promise<Result<DebtorRecordSettings, DebtorRecordError>> {
  const refused = input.instalments?.definitions ? checkDefinitions(input.instalments.definitions) : undefined;
  if (refused) return err(refused);
  await writeDebtorRecordSettings(uow.tx, uow.tenant.id, input as Record<string, unknown>, uow.now);
  await recordAudit(uow, { action: 'collections.set_debtor_record_settings', entityType: 'tenant', entityId: uow.tenant.id, details: { settings: input } });
  return ok(await readDebtorRecordSettings(uow.tx, uow.tenant.id));
}
