// The page a person lands on when they open the URL the server prints: what this is, where the API reference and
// the guides are, the staff console and the seller dashboard. English or Swedish by Accept-Language; no scripts, no
// assets from elsewhere. The guides are the repository's docs/*.md, rendered once at start.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { marked } from 'marked';

const DOCS_FOLDER = fileURLToPath(new URL('../../../../docs', import.meta.url));
const GUIDE_FILE = /^[a-z0-9-]+\.md$/;
const SELLER_DASHBOARD = '/app/connect/dashboard';

type Language = 'en' | 'sv';
const LANGUAGES: readonly Language[] = ['en', 'sv'];

interface Guide {
  file: string;
  title: string;
  html: string;
}

const TEXTS = {
  en: {
    title: 'Tradecredit',
    intro: 'Tradecredit runs the trade-credit lifecycle as one service: credit limits on buyers, insurance of single invoices, non-payment claims and collection cases, and the servicing and collection of the debt that follows.',
    faces: 'It speaks the wire protocols of four vendor APIs, so clients written against them work unchanged:',
    faceList: ['Debt servicing (Receeve API)', 'Invoice insurance (Credable Connect, Reinsure and Insure)', 'Credit cover (Atradius-style Cover API)', 'Non-payment cases (Atradius-style Non-Payments API)'],
    startHeading: 'Start here',
    docs: 'API reference',
    docsNote: 'every operation, with its request and answer, to try in the browser',
    openapi: 'OpenAPI document',
    credentials: 'On its first start the server creates a sandbox demo tenant and prints its credentials for every API in its output.',
    guidesHeading: 'Guides',
    guidesNote: '',
    noGuides: 'The guides are not installed with this copy of the service.',
    consoleHeading: 'Console',
    console: 'Insurer staff (underwriters, claims handlers, collections managers) work in the staff console, signed in with a staff API key; the same back office answers programs under /backoffice/v1, described in the API reference.',
    consoleLink: 'Staff console',
    dashboardLink: 'Seller dashboard',
    dashboardNote: 'Credable Connect sellers see their insured invoices, receipts and claims, signed in by a link e-mailed to them',
    operationsHeading: 'Operations',
    operations: [['/healthz', 'liveness'], ['/readyz', 'readiness: database reachable, migrations current'], ['/metrics', 'Prometheus metrics']],
    home: 'Tradecredit home',
    missing: 'There is no such guide.',
  },
  sv: {
    title: 'Tradecredit',
    intro: 'Tradecredit sköter hela kundkreditens livscykel i en tjänst: kreditlimiter på köpare, försäkring av enskilda fakturor, skadeanmälningar och inkassoärenden vid utebliven betalning, och förvaltning och indrivning av skulden som följer.',
    faces: 'Tjänsten talar fyra leverantörers API-protokoll, så klienter som skrivits mot dem fungerar oförändrade:',
    faceList: ['Skuldförvaltning (Receeves API)', 'Fakturaförsäkring (Credable Connect, Reinsure och Insure)', 'Kreditlimiter (Cover-API i Atradius stil)', 'Obetalda fordringar (Non-Payments-API i Atradius stil)'],
    startHeading: 'Börja här',
    docs: 'API-referens',
    docsNote: 'alla anrop med fråga och svar, att prova direkt i webbläsaren',
    openapi: 'OpenAPI-dokument',
    credentials: 'Vid första starten skapar servern en demokund i sandlådeläge och skriver ut dess inloggningsuppgifter för varje API i sin utskrift.',
    guidesHeading: 'Guider',
    guidesNote: ' (på engelska)',
    noGuides: 'Guiderna är inte installerade med den här kopian av tjänsten.',
    consoleHeading: 'Konsol',
    console: 'Försäkringsbolagets personal (handläggare, skadereglerare, inkassoansvariga) arbetar i personalkonsolen och loggar in med en API-nyckel för personal; samma backoffice svarar program under /backoffice/v1, som beskrivs i API-referensen.',
    consoleLink: 'Personalkonsolen',
    dashboardLink: 'Säljarnas översikt',
    dashboardNote: 'säljare i Credable Connect ser sina försäkrade fakturor, kvitton och skador och loggar in med en länk som e-postas till dem',
    operationsHeading: 'Drift',
    operations: [['/healthz', 'tjänsten lever'], ['/readyz', 'redo: databasen nås, migreringarna är aktuella'], ['/metrics', 'mätvärden för Prometheus']],
    home: 'Tradecredits startsida',
    missing: 'Den guiden finns inte.',
  },
} satisfies Record<Language, unknown>;

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a;background:#fff}'
  + 'a{color:#0645ad}pre{overflow-x:auto;background:#f4f4f4;padding:.75rem}code{font-size:.95em}table{border-collapse:collapse}'
  + 'th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  const guides = loadGuides();
  const route = { config: { public: true }, schema: { hide: true } } as const;
  app.get('/', route, async (request, reply) => {
    const language = preferredLanguage(request);
    // The seller dashboard is linked when this server serves it.
    const dashboard = app.hasRoute({ method: 'GET', url: SELLER_DASHBOARD });
    return sendPage(reply, 200, language, TEXTS[language].title, homeBody(language, guides, dashboard));
  });
  app.get<{ Params: { file: string } }>('/guides/:file', route, async (request, reply) => {
    const guide = guides.get(request.params.file);
    if (guide) return sendPage(reply, 200, 'en', guide.title, `<nav><a href="/">${TEXTS.en.home}</a></nav><main>${guide.html}</main>`);
    const language = preferredLanguage(request);
    return sendPage(reply, 404, language, TEXTS[language].missing, `<main><h1>${TEXTS[language].missing}</h1><p><a href="/">${TEXTS[language].home}</a></p></main>`);
  });
}

function loadGuides(): Map<string, Guide> {
  let files: string[];
  try {
    files = readdirSync(DOCS_FOLDER).filter((file) => GUIDE_FILE.test(file)).sort();
  } catch {
    return new Map();
  }
  return new Map(files.map((file) => {
    const markdown = readFileSync(`${DOCS_FOLDER}/${file}`, 'utf8');
    const title = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? file;
    // A code block wider than the page scrolls: tabindex lets a keyboard user scroll it too.
    const html = marked.parse(markdown, { async: false }).replaceAll('<pre>', '<pre tabindex="0">');
    return [file, { file, title, html }];
  }));
}

function homeBody(language: Language, guides: Map<string, Guide>, dashboard: boolean): string {
  const t = TEXTS[language];
  const guideItems = [...guides.values()].map((guide) => `<li><a href="/guides/${guide.file}" hreflang="en">${escapeHtml(guide.title)}</a></li>`).join('');
  return `<main><h1>${t.title}</h1><p>${t.intro}</p><p>${t.faces}</p><ul>${t.faceList.map((face) => `<li>${face}</li>`).join('')}</ul>`
    + `<h2>${t.startHeading}</h2><ul><li><a href="/docs">${t.docs}</a>: ${t.docsNote}</li><li><a href="/openapi.json">${t.openapi}</a> (OpenAPI 3.1)</li></ul><p>${t.credentials}</p>`
    + `<h2>${t.guidesHeading}${t.guidesNote}</h2>${guideItems ? `<ul>${guideItems}</ul>` : `<p>${t.noGuides}</p>`}`
    + `<h2>${t.consoleHeading}</h2><p>${t.console}</p><ul><li><a href="/console">${t.consoleLink}</a></li>`
    + `${dashboard ? `<li><a href="${SELLER_DASHBOARD}">${t.dashboardLink}</a>: ${t.dashboardNote}</li>` : ''}</ul>`
    + `<h2>${t.operationsHeading}</h2><ul>${t.operations.map(([path, what]) => `<li><a href="${path}"><code>${path}</code></a>: ${what}</li>`).join('')}</ul></main>`;
}

function sendPage(reply: FastifyReply, status: number, language: Language, title: string, body: string): FastifyReply {
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
  return reply.code(status).header('vary', 'Accept-Language').header('content-language', language).type('text/html; charset=utf-8').send(html);
}

/** The first language of the Accept-Language header the page has texts for (by weight), else English. */
export function preferredLanguage(request: FastifyRequest): Language {
  const header = request.headers['accept-language'];
  const ranked = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((entry, index) => {
    const [tag = '', ...parameters] = entry.trim().split(';');
    const weight = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find((q) => q !== undefined);
    return { primary: tag.split('-')[0]!.toLowerCase(), weight: weight === undefined ? 1 : Number(weight), index };
  }).filter((entry) => entry.weight > 0).sort((a, b) => b.weight - a.weight || a.index - b.index);
  return (ranked.find((entry) => (LANGUAGES as readonly string[]).includes(entry.primary))?.primary as Language | undefined) ?? 'en';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
