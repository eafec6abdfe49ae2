// Draws one report for a tenant as of a date: checks the report, its parameters and the date, then reads.
import { customerExists } from '../../cover/api.js';
import { businessDateAt, startOfBusinessDay } from '../../platform/dates.js';
import type { Executor } from '../../platform/db/database.js';
import { err, ok, type Result } from '../../platform/result.js';
import { findReport, type ReportDefinition } from './catalogue.js';
import { resolveAsOf } from './domain/as-of.js';
import type { ReportError } from './domain/errors.js';
import type { ReportTable } from './domain/report-table.js';

export interface DrawRequest {
  report: string;
  asOf?: string;
  parameters: Record<string, string | undefined>;
  customerId?: number;
}

export interface DrawTenant {
  id: string;
  now: Date;
  timeZone: string;
}

/** The report's parameters with their defaults, or the first one whose value is not allowed. */
export function reportParameters(definition: ReportDefinition, given: Record<string, string | undefined>): Result<Record<string, string>, ReportError> {
  const parameters: Record<string, string> = {};
  for (const [name, allowed] of Object.entries(definition.parameters)) {
    const value = given[name] ?? allowed[0]!;
    if (!allowed.includes(value)) return err({ kind: 'invalid_parameter', parameter: name, allowed });
    parameters[name] = value;
  }
  return ok(parameters);
}

export async function drawReport(db: Executor, tenant: DrawTenant, request: DrawRequest): Promise<Result<ReportTable, ReportError>> {
  const definition = findReport(request.report);
  if (!definition) return err({ kind: 'unknown_report', report: request.report });
  if (request.customerId !== undefined && !definition.customerScoped) return err({ kind: 'not_customer_scoped', report: definition.id });
  const parameters = reportParameters(definition, request.parameters);
  if (!parameters.ok) return parameters;
  if (request.customerId !== undefined && !(await customerExists(db, tenant.id, request.customerId))) {
    return err({ kind: 'unknown_customer', customerId: request.customerId });
  }
  const today = businessDateAt(tenant.now, tenant.timeZone);
  const asOf = resolveAsOf(request.asOf, { today }, (date) => startOfBusinessDay(date, tenant.timeZone));
  if (!asOf.ok) return asOf;
  const rows = await definition.rows({
    db, tenantId: tenant.id, asOf: asOf.value, timeZone: tenant.timeZone, customerId: request.customerId, parameters: parameters.value,
  });
  return ok({
    report: definition.id, title: definition.title, asOf: asOf.value.date,
    parameters: { ...parameters.value, ...(request.customerId === undefined ? {} : { customerId: String(request.customerId) }) },
    columns: definition.columns, rows, chart: definition.chart,
  });
}
