// The seller dashboard's test kit: a service whose links point at itself, sellers who bought Connect covers through the
// real purchase pages, links read from the stored `.eml`, and a cookie jar for HTTP sessions.
import { expect } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { withLuhnCheckDigit } from '../../../src/risk/api.js';
import { mailMessages } from '../../../src/platform/db/schema.js';
import type { Engine } from '../../../src/platform/db/database.js';
import { startTestService, type TestService, type TestTenant } from '../../support/service.js';
import { freePort } from '../../support/processes.js';
import { textPart } from '../../support/smtp.js';
import { until } from '../../support/wait.js';
import { call, type JsonResponse } from '../../support/http.js';
import { api, quoteBody } from '../support.js';
import { KYC_FORM, PAY_FORM, SIGN_FORM, connectApi, connectBody, submitForm } from '../connect-support.js';

export const DASHBOARD = '/app/connect/dashboard';

/** A service whose PUBLIC_BASE_URL is its own address, so e-mailed links open on it; mail is only stored. */
export async function startDashboardService(engine: Engine): Promise<TestService> {
  const port = await freePort();
  return startTestService({ engine, env: { PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, RATE_LIMIT_PER_MINUTE: '0' } });
}

const readMail = new Set<string>();

/**
 * A stored message of `kind` to `to` (optionally about `relatedId`) that no earlier call returned, decoded to its text
 * part. (Messages written on a test's fixed clock share their time, so "the newest" would not name one.)
 */
export async function storedMail(service: TestService, kind: string, to: string, relatedId?: string): Promise<{ id: string; text: string; subject: string }> {
  return until(async () => {
    const rows = await service.platform.db.select().from(mailMessages).where(and(
      eq(mailMessages.kind, kind), sql`${mailMessages.toAddresses} @> ${JSON.stringify([to])}::jsonb`,
      ...(relatedId ? [eq(mailMessages.relatedId, relatedId)] : []),
    ));
    const row = rows.find((candidate) => !readMail.has(candidate.id));
    if (!row) return undefined;
    readMail.add(row.id);
    return { id: row.id, text: textPart(row.eml), subject: row.subject };
  });
}

/** A Swedish organisation number (Luhn-valid) no other test uses: 55 + a counter. */
let sellerCounter = 0;
export function newSellerNumber(): string {
  sellerCounter += 1;
  return withLuhnCheckDigit(`55${String(70_000_00 + sellerCounter).padStart(7, '0')}`);
}

export async function storedMailCount(service: TestService, kind: string, to: string): Promise<number> {
  const [row] = await service.platform.db.select({ count: sql<number>`count(*)::int` }).from(mailMessages)
    .where(and(eq(mailMessages.kind, kind), sql`${mailMessages.toAddresses} @> ${JSON.stringify([to])}::jsonb`));
  return Number(row?.count ?? 0);
}

export function linkIn(text: string, path: string): string {
  const link = new RegExp(`https?://\\S+${path.replace(/\//g, '\\/')}/[A-Za-z0-9_-]+`).exec(text)?.[0];
  if (!link) throw new Error(`no ${path} link in:\n${text}`);
  return link;
}

export interface BoughtCover {
  readonly id: string;
  readonly invoiceNumber: string;
}

/**
 * A seller buys a Connect cover through the real purchase pages (identity and signature the first time, then payment),
 * reading the quote e-mail's link from the stored `.eml`.
 */
export async function buyConnectCover(
  service: TestService, tenant: TestTenant, seller: { identifier: string; email: string; language?: string; invoiceNumber: string; amount?: string },
): Promise<BoughtCover> {
  const connect = connectApi(service, tenant);
  const created = await connect.create(connectBody(service, {
    seller_identifier: seller.identifier, seller_email: seller.email, seller_language: seller.language ?? 'en',
    invoice_number: seller.invoiceNumber, invoice_amount: seller.amount ?? '10000',
  }));
  expect(created.status, created.text).toBe(201);
  const id = created.body.id as string;
  await connect.settled(id);
  const mail = await storedMail(service, 'connect.quote', seller.email, id);
  const link = linkIn(mail.text, '/app/connect/purchase').replace(/^https?:\/\/[^/]+/, service.url);
  for (const form of [{ ...KYC_FORM, email: seller.email }, { ...SIGN_FORM, email: seller.email }, PAY_FORM]) {
    const page = await call(service.url, 'GET', new URL(link).pathname);
    if (!page.text.includes(`name="step" value="${form.step}"`)) continue;
    const done = await submitForm(link, form);
    expect(done.status, done.text).toBe(200);
  }
  const after = await connect.get(id);
  expect(after.status).toBe(200);
  return { id, invoiceNumber: seller.invoiceNumber };
}

/** A Reinsure invoice of the seller, activated and claimed: a claim under review. */
export async function claimedReinsureInvoice(service: TestService, tenant: TestTenant, sellerIdentifier: string, invoiceReference: string): Promise<string> {
  const reinsure = api(service, tenant, 'reinsure');
  const created = await reinsure.create(quoteBody(service, { seller_identifier: sellerIdentifier, invoice_reference: invoiceReference }));
  expect(created.status, created.text).toBe(201);
  const id = created.body.id as string;
  const activated = await reinsure.action(id, 'activate');
  expect(activated.body.status.code, activated.text).toBe('cover.activated');
  const claimed = await reinsure.action(id, 'claim');
  expect(claimed.body.status.code, claimed.text).toBe('claim.pending');
  return id;
}

/** Cookies kept between requests, the way a browser keeps them for one site. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  header(): Record<string, string> {
    return this.#cookies.size === 0 ? {} : { cookie: [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  take(response: JsonResponse): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      const joined = value.join('=');
      if (joined === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.#cookies.delete(name.trim());
      else this.#cookies.set(name.trim(), joined);
    }
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }
}

/** A browser-like client: keeps cookies, does not follow redirects (a test reads each one). */
export function client(service: TestService, jar = new CookieJar()) {
  const request = async (method: string, path: string, form?: Record<string, string>) => {
    const response = await fetch(`${service.url}${path}`, {
      method, redirect: 'manual', headers: { ...jar.header(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const text = await response.text();
    const result: JsonResponse<string> = { status: response.status, headers: response.headers, body: text, text };
    jar.take(result);
    return result;
  };
  return { jar, get: (path: string) => request('GET', path), post: (path: string, form: Record<string, string>) => request('POST', path, form) };
}

export function csrfTokenIn(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF token in:\n${html.slice(0, 500)}`);
  return token;
}

export type Client = ReturnType<typeof client>;

/** Asks for a link as the form does (the form's page first, for its CSRF token); returns the answer. */
export async function askForLink(browser: Client, email: string) {
  const form = await browser.get(`${DASHBOARD}/sign-in`);
  return browser.post(`${DASHBOARD}/sign-in`, { _csrf: csrfTokenIn(form.text), email });
}

/** Opens an e-mailed link and presses "Sign in"; returns the answer to the press. */
export async function useLink(browser: Client, link: string) {
  const path = new URL(link).pathname;
  const page = await browser.get(path);
  expect(page.status, page.text).toBe(200);
  return browser.post(path, { _csrf: csrfTokenIn(page.text) });
}

/** Asks for a link, reads it from the stored `.eml`, and signs in with it. */
export async function signIn(service: TestService, email: string): Promise<Client> {
  const browser = client(service);
  const asked = await askForLink(browser, email);
  expect(asked.status, asked.text).toBe(200);
  const mail = await storedMail(service, 'seller.sign_in_link', email);
  const answer = await useLink(browser, linkIn(mail.text, `${DASHBOARD}/sign-in`));
  expect(answer.status, answer.text).toBe(303);
  return browser;
}
