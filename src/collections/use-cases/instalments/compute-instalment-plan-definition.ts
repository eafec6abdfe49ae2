import { randomUUID } from 'node:crypto';
import { businessDateAt, compareDates, isBusinessDate } from '../../../platform/dates.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { debtorRecordError, type DebtorRecordError } from '../../domain/debtor-record-errors.js';
import {
  amountsAdjustedToTotal, amountsFromPercentages, computeInstalmentPlan, type InstalmentSchedule,
} from '../../domain/instalments/compute.js';
import { parseInterval, programmaticTermsOf, type InstalmentPlanDefinition } from '../../domain/instalments/definitions.js';
import { dueDateOf } from '../../domain/instalments/schedule-dates.js';
import { readDebtorRecordSettings } from '../../store/debtor-settings.js';
import { insertComputation } from '../../store/instalment-plans.js';
import { resolvePlanScope, wireScope, type PlanScope } from './scope.js';

/*
 * #37 compute_instalment_plan_definition: a tenant's definition turned into a computed one for the claims in scope
 * (the spec's proposed steps): `null` when the definition is missing, disabled or there is nothing to pay; `choice`
 * until formData.choice names a choice; otherwise the schedule, stored for #38 until its TTL.
 * formData may carry `choice` (a choice id), `instalments` (fewer than the terms allow) and `startDate` (not before
 * today; today when absent).
 */

export interface ComputeDefinitionInput {
  instalmentPlanDefinitionId: string;
  accountReference?: string;
  externalClaimReferences?: string[];
  formData?: Record<string, unknown>;
}

export interface ComputeContext {
  timeZone: string;
}

/** What #38 reads back: the schedule and the scope it was computed on. */
export interface StoredSchedule {
  type: string;
  definitionId: string;
  accountReference: string;
  currency: string;
  scope: Record<string, unknown>;
  claimReferences: string[];
  total: number;
  totalAmount: number;
  instalments: { dueDate: string; amount: number }[];
  configuration: Record<string, unknown>[];
  rules: Record<string, unknown>[];
}

function common(definition: Pick<InstalmentPlanDefinition, 'version' | 'enabled' | 'selectable' | 'description'>, type: string, now: Date) {
  return {
    id: randomUUID(), type, version: definition.version, enabled: definition.enabled, selectable: definition.selectable,
    description: definition.description, computedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

function nullComputed(definition: InstalmentPlanDefinition | undefined, now: Date): Record<string, unknown> {
  return common(definition ?? { version: '1', enabled: false, selectable: false, description: {} }, 'null', now);
}

function startDateOf(formData: Record<string, unknown>, today: string): Result<string, DebtorRecordError> {
  const wanted = formData.startDate;
  if (wanted === undefined) return ok(today);
  if (typeof wanted !== 'string' || !isBusinessDate(wanted) || compareDates(wanted, today) < 0) {
    return err(debtorRecordError('INVALID_PLAN', 'formData.startDate must be a date (YYYY-MM-DD) not before today'));
  }
  return ok(wanted);
}

interface Computed {
  type: string;
  instalments: { dueDate: string; amount: number }[];
  totalAmount: number;
  extra: Record<string, unknown>;
  configuration: Record<string, unknown>[];
}

function fromSchedule(schedule: InstalmentSchedule, configuration: Record<string, unknown>, startDate: string, currency: string): Computed {
  const instalments = schedule.instalments.map(({ dueDate, amount }) => ({ dueDate, amount }));
  return {
    type: 'programmatic', instalments, totalAmount: schedule.totalAmount, extra: {},
    configuration: [{ ...configuration, startDate, currency, principal: schedule.principal, fee: schedule.fee, totalAmount: schedule.totalAmount, instalments }],
  };
}

function computeByType(
  definition: InstalmentPlanDefinition, configuration: Record<string, unknown>, scope: PlanScope, formData: Record<string, unknown>, startDate: string,
): Result<Computed, DebtorRecordError> {
  const invalid = () => err(debtorRecordError('INVALID_PLAN', `Definition ${definition.id} has an invalid configuration`));
  const interval = parseInterval(configuration.interval) ?? { unit: 'month' as const, every: 1 };
  const dated = (amounts: number[]) => amounts.map((amount, index) => ({ dueDate: dueDateOf(startDate, interval, index), amount }));
  if (definition.type === 'fixedAmounts') {
    const fixed = configuration.amounts;
    if (!Array.isArray(fixed) || fixed.length === 0 || !fixed.every((a) => Number.isSafeInteger(a) && a >= 0)) return invalid();
    const amounts = amountsAdjustedToTotal(scope.total, fixed as number[]);
    return ok({ type: 'fixedAmounts', instalments: dated(amounts), totalAmount: scope.total, extra: { amounts, final: true }, configuration: [{ ...configuration, startDate }] });
  }
  if (definition.type === 'percentageAmounts') {
    const percentages = configuration.percentages;
    if (!Array.isArray(percentages) || percentages.length === 0 || !percentages.every((p) => typeof p === 'number' && p > 0)
      || percentages.reduce((sum: number, p: number) => sum + p, 0) !== 100) return invalid();
    const amounts = amountsFromPercentages(scope.total, percentages as number[]);
    return ok({ type: 'percentageAmounts', instalments: dated(amounts), totalAmount: scope.total, extra: { percentages }, configuration: [{ ...configuration, startDate }] });
  }
  const terms = programmaticTermsOf(configuration, definition.rules);
  if (!terms) return invalid();
  const requested = formData.instalments;
  if (requested !== undefined && (!Number.isSafeInteger(requested) || (requested as number) < 1)) {
    return err(debtorRecordError('INVALID_PLAN', 'formData.instalments must be a whole number of at least 1'));
  }
  const schedule = computeInstalmentPlan({ total: scope.total, startDate, terms, requestedCount: requested as number | undefined });
  return schedule.ok ? ok(fromSchedule(schedule.value, configuration, startDate, scope.currency)) : schedule;
}

export async function computeInstalmentPlanDefinition(
  uow: UnitOfWork, ctx: ComputeContext, input: ComputeDefinitionInput,
): Promise<Result<Record<string, unknown>, DebtorRecordError>> {
  const settings = await readDebtorRecordSettings(uow.tx, uow.tenant.id);
  const definition = settings.instalments.definitions.find((candidate) => candidate.id === input.instalmentPlanDefinitionId);
  if (!definition || !definition.enabled) return ok(nullComputed(definition, uow.now));
  const scope = await resolvePlanScope(uow.tx, uow.tenant.id, input);
  if (!scope.ok) return scope;
  if (scope.value.total <= 0) return ok(nullComputed(definition, uow.now));
  const formData = input.formData ?? {};
  const context = { externalClaimReferences: scope.value.claims.map((claim) => claim.claimReference), accountReference: scope.value.accountReference, formData };
  let configuration = definition.configuration[0] ?? {};
  if (definition.type === 'choice') {
    const choice = definition.configuration.find((candidate) => formData.choice !== undefined && String(candidate.id) === String(formData.choice));
    if (!choice) {
      if (formData.choice !== undefined) return err(debtorRecordError('INVALID_PLAN', `formData.choice ${String(formData.choice)} is not a choice of ${definition.id}`));
      return ok({ ...common(definition, 'choice', uow.now), choices: definition.configuration, defaultChoice: String(definition.configuration[0]?.id ?? ''), context });
    }
    configuration = choice;
  }
  const startDate = startDateOf(formData, businessDateAt(uow.now, ctx.timeZone));
  if (!startDate.ok) return startDate;
  const computed = computeByType(definition, configuration, scope.value, formData, startDate.value);
  if (!computed.ok) return computed;
  const ttl = settings.instalments.computationTtlSeconds;
  const wire: Record<string, unknown> = {
    ...common(definition, computed.value.type, uow.now), ...computed.value.extra,
    ...(computed.value.type === 'programmatic' ? {} : { currency: scope.value.currency }),
    rules: definition.rules, configuration: computed.value.configuration, context,
    accountId: scope.value.accountReference, clientId: uow.tenant.clientId, correlationId: definition.id, parentInstalmentPlanId: definition.id, TTL: ttl,
  };
  const schedule: StoredSchedule = {
    type: computed.value.type, definitionId: definition.id, accountReference: scope.value.accountReference, currency: scope.value.currency,
    scope: wireScope(scope.value),
    claimReferences: context.externalClaimReferences, total: scope.value.total, totalAmount: computed.value.totalAmount,
    instalments: computed.value.instalments, configuration: computed.value.configuration, rules: definition.rules,
  };
  await insertComputation(uow.tx, {
    tenantId: uow.tenant.id, id: String(wire.id), computed: wire, schedule: schedule as unknown as Record<string, unknown>,
    expiresAt: new Date(uow.now.getTime() + ttl * 1000), createdAt: uow.now,
  });
  return ok(wire);
}
