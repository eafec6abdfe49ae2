import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ServicingClient } from '../servicing/support.js';

/** A debtor's browser on one landing-page link, over plain HTTP: the session cookie and the page's CSRF token. */
export interface DebtorBrowser {
  path: string;
  cookie: string;
  csrf: string;
  get(suffix?: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; text: string; bytes: Buffer }>;
  post(suffix: string, form: Record<string, string | string[]>, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; text: string }>;
  postMultipart(suffix: string, form: FormData, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
}

export function formBody(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  return params.toString();
}

/** Opens the claim's link, answers the second factor, and reads the CSRF token from the account page. */
export async function openDebtorBrowser(client: ServicingClient, claimReference: string, answer: string): Promise<DebtorBrowser> {
  const base = client.service.url;
  const path = new URL((await client.get('get_landing_page_url', { claimReference })).body.URL).pathname;
  const verified = await fetch(`${base}${path}/verify`, {
    method: 'POST', redirect: 'manual', body: formBody({ answer }), headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (verified.status !== 303) throw new Error(`second factor refused: ${verified.status}`);
  const cookie = (verified.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const browser: DebtorBrowser = {
    path, cookie, csrf: '',
    async get(suffix = '', headers = {}) {
      const response = await fetch(`${base}${path}${suffix}`, { redirect: 'manual', headers: { cookie, ...headers } });
      const bytes = Buffer.from(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, text: bytes.toString('utf8'), bytes };
    },
    async post(suffix, form, headers = {}) {
      const response = await fetch(`${base}${path}${suffix}`, {
        method: 'POST', redirect: 'manual', body: formBody(form), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
      });
      return { status: response.status, headers: response.headers, text: await response.text() };
    },
    async postMultipart(suffix, form, headers = {}) {
      const response = await fetch(`${base}${path}${suffix}`, { method: 'POST', redirect: 'manual', body: form, headers: { cookie, ...headers } });
      return { status: response.status, text: await response.text() };
    },
  };
  browser.csrf = /name="csrf" value="([^"]+)"/.exec((await browser.get()).text)?.[1] ?? '';
  if (browser.csrf === '') throw new Error('no CSRF token on the account page');
  return browser;
}

/** The text of every page of a PDF, pages joined by newlines (pdfjs-dist, as a PDF reader extracts it). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n');
}
