import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/processes.js';
import { startTestService, type TestService } from '../support/service.js';

const GUIDES = readdirSync(path.join(ROOT, 'docs')).filter((file) => file.endsWith('.md')).sort();

/** The page a newcomer lands on when they open the URL the server prints. */
describe('home page', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine: 'pglite' });
  });
  afterAll(async () => service?.stop());

  async function open(pathname: string, acceptLanguage?: string) {
    const response = await fetch(`${service.url}${pathname}`, { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} });
    return { status: response.status, headers: response.headers, html: await response.text() };
  }

  function links(html: string): string[] {
    return [...html.matchAll(/<a href="([^"]+)"/g)].map((match) => match[1]!);
  }

  it('answers an HTML page in English that says what this is and links to /docs, every guide and the operations endpoints', async () => {
    const page = await open('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-language')).toBe('en');
    expect(page.headers.get('vary')).toContain('Accept-Language');
    expect(page.html).toContain('<html lang="en">');
    expect(page.html).toContain('Tradecredit runs the trade-credit lifecycle');
    expect(page.html).toContain('work in the staff console');
    const dashboard = service.app.hasRoute({ method: 'GET', url: '/app/connect/dashboard' }) ? ['/app/connect/dashboard'] : [];
    expect(links(page.html)).toEqual(['/docs', '/openapi.json', ...GUIDES.map((file) => `/guides/${file}`), '/console', ...dashboard, '/healthz', '/readyz', '/metrics']);
  });

  it('every link on the page answers', async () => {
    for (const link of links((await open('/')).html)) {
      const response = await fetch(`${service.url}${link}`);
      expect(response.status, link).toBe(200);
      await response.arrayBuffer();
    }
  });

  it('speaks Swedish to a browser that prefers it, by the weights of Accept-Language', async () => {
    const swedish = await open('/', 'sv-SE,sv;q=0.9,en;q=0.8');
    expect(swedish.headers.get('content-language')).toBe('sv');
    expect(swedish.html).toContain('<html lang="sv">');
    expect(swedish.html).toContain('Tradecredit sköter hela kundkreditens livscykel');
    expect(swedish.html).toContain('Guider (på engelska)');
    expect(links(swedish.html)).toEqual(links((await open('/')).html));
    expect((await open('/', 'en;q=0.9,sv;q=0.5')).headers.get('content-language')).toBe('en');
    expect((await open('/', 'de-DE,sv;q=0.3')).headers.get('content-language')).toBe('sv');
    expect((await open('/', 'fr, de;q=0.8')).headers.get('content-language')).toBe('en');
    expect((await open('/', 'sv;q=0, en;q=0.1')).headers.get('content-language')).toBe('en');
  });

  it('renders each guide from docs/ as an HTML page with its title and a way home', async () => {
    const guide = await open('/guides/getting-started.md');
    expect(guide.status).toBe(200);
    expect(guide.html).toContain('<title>Getting started: first calls with curl</title>');
    expect(guide.html).toContain('<h1>Getting started: first calls with curl</h1>');
    expect(guide.html).toMatch(/<pre tabindex="0"><code class="language-sh">BASE=http:\/\/localhost:8080/);
    expect(links(guide.html)[0]).toBe('/');
  });

  it('answers 404 in HTML for a guide that does not exist, and never reads outside docs/', async () => {
    for (const pathname of ['/guides/nothing.md', '/guides/..%2Fpackage.json', '/guides/%2e%2e%2fREADME.md', '/guides/README']) {
      const missing = await open(pathname, 'sv');
      expect(missing.status, pathname).toBe(404);
      expect(missing.html, pathname).toContain('Den guiden finns inte.');
      expect(missing.html, pathname).not.toContain('tradecredit@');
    }
  });

  it('stays out of the OpenAPI document', async () => {
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((key) => key === '/' || key.startsWith('/guides'))).toEqual([]);
  });
});
