// The reports screen of the staff console (/console/reports): choose a report, its grouping and a date; see the
// table and a chart drawn in the browser with uPlot from /console/reports/data (the same JSON the CSV download is
// made of). Reads through drawReport, exactly like the back-office API; a report the user's roles do not allow is
// neither listed nor drawn.
import { createRequire } from 'node:module';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { businessDateAt } from '../../../platform/dates.js';
import { clockFor } from '../../../platform/services.js';
import { CONSOLE_PREFIX, type ConsoleScope, type Language, WEB_CONSOLE_DIR, mayUse, readAsset } from '../../console/console-kit.js';
import type { StaffRole } from '../../face.js';
import { REPORTS, type ReportDefinition } from '../catalogue.js';
import { drawReport } from '../draw-report.js';
import type { ReportError } from '../domain/errors.js';
import type { ReportTable } from '../domain/report-table.js';
import { answerTable } from './report-wire.js';

const require = createRequire(import.meta.url);
const ASSETS = {
  'uPlot.iife.min.js': { type: 'text/javascript; charset=utf-8', body: readAsset(require.resolve('uplot/dist/uPlot.iife.min.js')) },
  'uPlot.min.css': { type: 'text/css; charset=utf-8', body: readAsset(require.resolve('uplot/dist/uPlot.min.css')) },
  'report-chart.js': { type: 'text/javascript; charset=utf-8', body: readAsset(`${WEB_CONSOLE_DIR}reports/report-chart.js`) },
};

/** Everyone who may draw at least one report. */
export const REPORT_SCREEN_ROLES: readonly StaffRole[] = [...new Set(REPORTS.flatMap((report) => report.roles))];

const TEXTS = {
  en: {
    title: 'Reports', intro: 'Every report shows the book as it stood at the close of the chosen day. The CSV holds exactly the rows of the table.',
    report: 'Report', asOf: 'As of', show: 'Show', asOfDate: 'as of', download: 'Download CSV', json: 'JSON',
    empty: 'Nothing to report on this date. Pick a later date, or come back once covers, cases or claims have been recorded.',
    chartLabel: 'Chart of', chartCaption: 'The chart is drawn from the same data as the table and the CSV.',
    parameters: { by: 'Group by' } as Record<string, string>,
    values: { buyer: 'Buyer', country: 'Country', rating: 'Rating', product: 'Product' } as Record<string, string>,
    errors: { invalid_date: 'Enter a date as YYYY-MM-DD.', future_date: 'The date must not be after today.', invalid_parameter: 'Choose one of the listed groupings.' } as Record<string, string>,
    titles: {} as Record<string, string>,
  },
  sv: {
    title: 'Rapporter', intro: 'Varje rapport visar beståndet som det var vid dagens slut. CSV-filen innehåller exakt tabellens rader.',
    report: 'Rapport', asOf: 'Per', show: 'Visa', asOfDate: 'per', download: 'Ladda ned CSV', json: 'JSON',
    empty: 'Inget att rapportera per detta datum. Välj ett senare datum eller kom tillbaka när limiter, ärenden eller fordringar har registrerats.',
    chartLabel: 'Diagram över', chartCaption: 'Diagrammet ritas från samma data som tabellen och CSV-filen.',
    parameters: { by: 'Gruppera efter' } as Record<string, string>,
    values: { buyer: 'Köpare', country: 'Land', rating: 'Rating', product: 'Produkt' } as Record<string, string>,
    errors: { invalid_date: 'Ange ett datum som ÅÅÅÅ-MM-DD.', future_date: 'Datumet får inte vara senare än i dag.', invalid_parameter: 'Välj en av grupperingarna i listan.' } as Record<string, string>,
    titles: {
      exposure: 'Försäkrad exponering', 'loss-ratio': 'Premier och ersättningar per månad (skadekvot)', ageing: 'Åldersanalys av fordringar och DSO',
      cases: 'Ärenden och skadeanmälningar per status och ålder', promises: 'Hållna betalningslöften per förfallomånad', 'split-arms': 'Resultat per gren i en strategis uppdelning',
      recovery: 'Återvinningskurvor per överlämningsmånad',
    } as Record<string, string>,
  },
} satisfies Record<Language, unknown>;

const screenQuery = z.object({
  report: z.string().max(64).optional(),
  asOf: z.string().max(10).optional(),
  by: z.string().max(32).optional(),
});
const dataQuery = screenQuery.extend({ report: z.string().min(1).max(64), format: z.enum(['json', 'csv']).default('json') });

function allowed(request: FastifyRequest): ReportDefinition[] {
  const actor = request.consoleSession?.actor;
  return actor ? REPORTS.filter((report) => mayUse(actor, report.roles)) : [];
}

function tenantOf(request: FastifyRequest) {
  const tenant = request.consoleSession!.actor.tenant;
  const platform = request.server.platform;
  return { id: tenant.id, now: clockFor(platform, tenant).now(), timeZone: platform.config.BUSINESS_TIME_ZONE };
}

function dataHref(table: ReportTable, format: 'json' | 'csv'): string {
  const { customerId: _customer, ...parameters } = table.parameters;
  return `${CONSOLE_PREFIX}/reports/data?${new URLSearchParams({ report: table.report, ...parameters, asOf: table.asOf, format }).toString()}`;
}

function errorText(language: Language, error: ReportError): string {
  return TEXTS[language].errors[error.kind] ?? TEXTS[language].errors.invalid_parameter!;
}

export function reportScreens(consoleScope: ConsoleScope): void {
  const { scope } = consoleScope;
  for (const [name, asset] of Object.entries(ASSETS)) {
    scope.get(`/assets/${name}`, { config: { consolePublic: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body));
  }

  consoleScope.screen({
    path: '/reports',
    roles: REPORT_SCREEN_ROLES,
    async render(ctx) {
      const s = TEXTS[ctx.language];
      const reports = allowed(ctx.request);
      const query = screenQuery.safeParse(ctx.request.query);
      const given = query.success ? query.data : {};
      const definition = reports.find((report) => report.id === given.report) ?? reports[0]!;
      const tenant = tenantOf(ctx.request);
      const today = businessDateAt(tenant.now, tenant.timeZone);
      const drawn = await drawReport(ctx.db, tenant, { report: definition.id, asOf: given.asOf ?? today, parameters: { by: given.by } });
      const table = drawn.ok ? { ...drawn.value, title: s.titles[definition.id] ?? drawn.value.title } : undefined;
      const parameters = Object.fromEntries(Object.entries(definition.parameters).map(([name, values]) => [name, given[name as 'by'] ?? values[0]!]));
      return {
        title: s.title,
        status: drawn.ok ? 200 : 400,
        body: ctx.render('reports/reports', {
          s, today, table, error: drawn.ok ? undefined : errorText(ctx.language, drawn.error),
          reports: reports.map((report) => ({ id: report.id, title: s.titles[report.id] ?? report.title })),
          parameterChoices: definition.parameters,
          selected: { report: definition.id, asOf: drawn.ok ? drawn.value.asOf : given.asOf ?? today, parameters },
          csvHref: table ? dataHref(table, 'csv') : '', jsonHref: table ? dataHref(table, 'json') : '',
        }),
      };
    },
  });

  scope.get('/reports/data', consoleScope.guard(REPORT_SCREEN_ROLES), async (request: FastifyRequest, reply: FastifyReply) => {
    const query = dataQuery.safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: { code: 'validation', message: 'Invalid report query' } });
    const definition = allowed(request).find((report) => report.id === query.data.report);
    if (!definition) return reply.code(404).send({ error: { code: 'unknown_report', message: `No report ${query.data.report} for your roles` } });
    const drawn = await drawReport(request.server.platform.db, tenantOf(request), { report: definition.id, asOf: query.data.asOf, parameters: { by: query.data.by } });
    if (!drawn.ok) return reply.code(400).send({ error: { code: drawn.error.kind, message: 'The report cannot be drawn with these parameters' } });
    return answerTable(reply, drawn.value, query.data.format);
  });
}
