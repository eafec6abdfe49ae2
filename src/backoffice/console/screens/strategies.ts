// Collection strategies for collections managers: every version by key, a line diff between two versions, and a
// preview of the run one version would give a claim (the engine's own `simulate`, nothing written).
import { z } from 'zod';
import { type ClaimFacts, type StrategyDocument, diffStrategyVersions, getStrategyVersion, listStrategies, simulate } from '../../../collections/api.js';
import { MoneyError, parseDecimalAmount } from '../../../platform/money.js';
import { CONSOLE_PREFIX, type ConsoleScope, type ScreenContext } from '../console-kit.js';
import { instant } from '../format.js';

const ROLES = ['collections_manager'] as const;
const LIST_LIMIT = 500;
const DAY_MS = 86_400_000;

const TEXTS = {
  en: {
    title: 'Collection strategies', intro: 'Each key is a strategy; each version is immutable once published. Open a key to compare versions and preview a run.',
    empty: 'This tenant has no strategy yet. Publish one with `tradecredit strategies publish` or POST /management/v1/strategies, then come back to compare and preview.',
    key: 'Key', version: 'Version', status: 'Status', name: 'Name', published: 'Published', versions: 'Versions', open: 'Open',
    notFound: 'There is no strategy with this key in this tenant.',
    compare: 'Compare two versions', from: 'From version', to: 'To version', show: 'Show the difference', identical: 'The two versions are identical.',
    preview: 'Preview a run', previewIntro: 'What this version would do with one claim, from today, if the debtor never answers. Nothing is sent or stored.',
    previewVersion: 'Version', amount: 'Outstanding amount', currency: 'Currency', daysPastDue: 'Days past due', horizon: 'Days to preview',
    contacts: 'The debtor can be reached by', email: 'e-mail', phone: 'phone', post: 'post', run: 'Preview',
    timeline: 'Timeline', at: 'When', action: 'Action', step: 'Step', detail: 'Detail', noActions: 'The run takes no action within the horizon.',
    log: 'Why', reason: 'Reason', badInput: 'Check the preview fields: an amount with at most two decimals, whole days.',
  },
  sv: {
    title: 'Inkassostrategier', intro: 'Varje nyckel är en strategi; varje version är oföränderlig när den publicerats. Öppna en nyckel för att jämföra versioner och förhandsvisa ett förlopp.',
    empty: 'Kunden har ingen strategi ännu. Publicera en med `tradecredit strategies publish` eller POST /management/v1/strategies och kom sedan tillbaka för att jämföra och förhandsvisa.',
    key: 'Nyckel', version: 'Version', status: 'Status', name: 'Namn', published: 'Publicerad', versions: 'Versioner', open: 'Öppna',
    notFound: 'Det finns ingen strategi med den nyckeln hos kunden.',
    compare: 'Jämför två versioner', from: 'Från version', to: 'Till version', show: 'Visa skillnaden', identical: 'Versionerna är identiska.',
    preview: 'Förhandsvisa ett förlopp', previewIntro: 'Vad versionen skulle göra med en fordran, från i dag, om gäldenären aldrig svarar. Inget skickas eller sparas.',
    previewVersion: 'Version', amount: 'Utestående belopp', currency: 'Valuta', daysPastDue: 'Dagar efter förfallodag', horizon: 'Antal dagar att visa',
    contacts: 'Gäldenären nås via', email: 'e-post', phone: 'telefon', post: 'post', run: 'Förhandsvisa',
    timeline: 'Tidslinje', at: 'När', action: 'Åtgärd', step: 'Steg', detail: 'Detalj', noActions: 'Förloppet gör inget inom perioden.',
    log: 'Varför', reason: 'Skäl', badInput: 'Kontrollera fälten: ett belopp med högst två decimaler, hela dagar.',
  },
};

const keyQuery = z.object({
  from: z.coerce.number().int().min(1).max(1_000_000).optional(),
  to: z.coerce.number().int().min(1).max(1_000_000).optional(),
  preview: z.coerce.number().int().min(1).max(1_000_000).optional(),
  amount: z.string().trim().max(20).default('1000.00'),
  currency: z.string().regex(/^[A-Z]{3}$/).default('EUR'),
  daysPastDue: z.coerce.number().int().min(0).max(3650).default(0),
  horizon: z.coerce.number().int().min(1).max(365).default(60),
  email: z.string().optional(), phone: z.string().optional(), post: z.string().optional(),
});

async function renderList(ctx: ScreenContext) {
  const s = TEXTS[ctx.language];
  const rows = await listStrategies(ctx.db, ctx.actor.tenant.id, { limit: LIST_LIMIT });
  const keys = new Map<string, { key: string; href: string; versions: { version: number; status: string; name: string; published: string }[] }>();
  for (const row of rows) {
    const entry = keys.get(row.key) ?? { key: row.key, href: `${CONSOLE_PREFIX}/strategies/${encodeURIComponent(row.key)}`, versions: [] };
    entry.versions.push({ version: row.version, status: row.status, name: row.name, published: instant(row.publishedAt) });
    keys.set(row.key, entry);
  }
  return { title: s.title, body: ctx.render('strategies', { s, keys: [...keys.values()] }) };
}

function previewFacts(query: z.infer<typeof keyQuery>, outstanding: number, dueDate: Date): ClaimFacts {
  return {
    claimReference: 'PREVIEW-1', accountReference: 'PREVIEW', currency: query.currency, amount: outstanding, outstanding,
    dueDate: dueDate.toISOString().slice(0, 10), daysPastDue: query.daysPastDue, debtorCountry: null, debtorLanguage: null, debtorTimeZone: null,
    hasEmail: query.email !== undefined, hasPhone: query.phone !== undefined, hasPostalAddress: query.post !== undefined, scores: {},
    promise: 'none', instalmentPlan: 'none', disputeOpen: false, lastMessageOpened: false, insured: false,
  };
}

function runPreview(ctx: ScreenContext, document: StrategyDocument, query: z.infer<typeof keyQuery>) {
  let outstanding: number;
  try {
    outstanding = parseDecimalAmount(query.amount, query.currency);
  } catch (error) {
    if (error instanceof MoneyError) return { error: true as const };
    throw error;
  }
  const start = ctx.now;
  const until = new Date(start.getTime() + query.horizon * DAY_MS);
  const facts = previewFacts(query, outstanding, new Date(start.getTime() - query.daysPastDue * DAY_MS));
  const result = simulate(document, facts, [], { start: start.toISOString(), until: until.toISOString(), businessTimeZone: ctx.request.server.platform.config.BUSINESS_TIME_ZONE });
  return {
    error: false as const,
    timeline: result.timeline.map((action) => ({
      at: instant(new Date(action.at)), type: action.type, step: 'stepId' in action ? action.stepId : '',
      detail: action.type === 'send' ? `${action.channel} · ${action.template}${action.fallbackFrom ? ` (← ${action.fallbackFrom})` : ''}`
        : action.type === 'escalate' ? action.to : action.type === 'switch' ? action.strategyKey : action.type === 'end' ? `${action.state}: ${action.reason}` : action.reportingDeadline,
    })),
    log: result.log.map((entry) => ({ at: instant(new Date(entry.at)), kind: entry.kind, step: entry.stepId ?? '', reason: entry.reason })),
  };
}

async function renderKey(ctx: ScreenContext) {
  const s = TEXTS[ctx.language];
  const { key } = ctx.request.params as { key: string };
  const tenantId = ctx.actor.tenant.id;
  const versions = key.length > 100 ? [] : await listStrategies(ctx.db, tenantId, { key, limit: LIST_LIMIT });
  if (versions.length === 0) return { status: 404, title: s.title, body: `<h1>${s.title}</h1><p class="empty">${s.notFound} <a href="${CONSOLE_PREFIX}/strategies">${s.title}</a></p>` };
  const parsed = keyQuery.safeParse(ctx.request.query);
  const query = parsed.success ? parsed.data : keyQuery.parse({});
  const last = versions[versions.length - 1]!.version;
  const from = query.from ?? (versions.length > 1 ? versions[versions.length - 2]!.version : last);
  const to = query.to ?? last;
  const diff = await diffStrategyVersions(ctx.db, tenantId, key, from, to);
  const previewVersion = query.preview ?? last;
  const chosen = query.preview === undefined ? undefined : await getStrategyVersion(ctx.db, tenantId, key, previewVersion);
  const preview = !parsed.success ? { error: true as const } : chosen?.ok ? runPreview(ctx, chosen.value.document, query) : undefined;
  return {
    title: `${s.title}: ${key}`,
    body: ctx.render('strategy', {
      s, key, keyHref: `${CONSOLE_PREFIX}/strategies/${encodeURIComponent(key)}`, versions: versions.map((row) => ({ ...row, published: instant(row.publishedAt) })), from, to, previewVersion, query,
      diff: diff.ok ? { identical: diff.value.identical, lines: diff.value.diff.split('\n').map((line) => ({ line, kind: lineKind(line) })) } : undefined,
      preview, contacts: contactsShown(query),
    }),
  };
}

/** The contact boxes as submitted; all ticked before the first preview. */
function contactsShown(query: z.infer<typeof keyQuery>) {
  const first = query.preview === undefined;
  return { email: first || query.email !== undefined, phone: first || query.phone !== undefined, post: first || query.post !== undefined };
}

function lineKind(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return '';
  return line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : '';
}

export function strategyScreens(consoleScope: ConsoleScope): void {
  consoleScope.screen({ path: '/strategies', roles: ROLES, render: renderList });
  consoleScope.screen({ path: '/strategies/:key', roles: ROLES, render: renderKey });
}
