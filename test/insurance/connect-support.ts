import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { addDays } from '../../src/platform/dates.js';
import { connectQuoteRequests } from '../../src/insurance/connect/schema.js';
import type { Engine } from '../../src/platform/db/database.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { credableHeaders } from '../support/faces.js';
import { freePort } from '../support/processes.js';
import { type SmtpOptions, startSmtp, subjectOf, textPart, type ReceivedMail } from '../support/smtp.js';
import { until } from '../support/wait.js';
import { today } from './support.js';

/** The seed's POST example body (spec §4.3) with dates on the tenant's business date (the seed's 2018 dates are past). */
export function connectBody(service: TestService, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const issue = today(service);
  return {
    seller_identifier: '5591293013', seller_country: 'SE', seller_email: 'hello@credable.se', seller_language: 'sv',
    seller_first_name: 'Hello', seller_last_name: 'Credable', buyer_identifier: '5567104046', buyer_country: 'SE',
    invoice_amount: '10000', invoice_amount_currency: 'SEK', invoice_payment_terms: 30,
    invoice_issue_date: issue, invoice_due_date: addDays(issue, 61),
    ...overrides,
  };
}

export function connectApi(service: TestService, tenant: TestTenant) {
  const headers = credableHeaders(tenant, 'connect');
  return {
    headers,
    create: (body: unknown, extra: Record<string, string> = {}) =>
      call(service.url, 'POST', '/connect/v1/quote-requests/', { headers: { ...headers, ...extra }, json: body }),
    get: (id: string) => call(service.url, 'GET', `/connect/v1/quote-requests/${id}`, { headers }),
    /** Polls until the pricing job has run (pending turns false). */
    settled: (id: string) => until(async () => {
      const response = await call(service.url, 'GET', `/connect/v1/quote-requests/${id}`, { headers });
      return response.body.pending === false ? response.body : undefined;
    }),
  };
}

export async function requestRow(service: TestService, id: string) {
  const [row] = await service.platform.db.select().from(connectQuoteRequests).where(eq(connectQuoteRequests.id, id));
  return row!;
}

/** A service whose PUBLIC_BASE_URL is its own listening address (so e-mailed links work) and whose mail goes to a real SMTP server. */
export async function startConnectService(engine: Engine, smtpOptions: SmtpOptions = {}) {
  const smtp = await startSmtp(smtpOptions);
  const port = await freePort();
  const service = await startTestService({
    engine, env: { SMTP_URL: smtp.url, PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, RATE_LIMIT_PER_MINUTE: '0' },
  });
  return {
    service, smtp,
    async stop() {
      await service.stop();
      await smtp.close();
    },
  };
}

export interface Mail {
  raw: string;
  subject: string;
  text: string;
  link: string | undefined;
}

/** Waits for the `n`-th (1-based) message to `to` on the SMTP server and decodes it. */
export async function mailTo(received: ReceivedMail[], to: string, n = 1): Promise<Mail> {
  const message = await until(() => received.filter((mail) => mail.to.includes(to))[n - 1]);
  const text = textPart(message.raw);
  return { raw: message.raw, subject: subjectOf(message.raw), text, link: /https?:\/\/\S+\/app\/connect\/purchase\/[A-Za-z0-9_-]+/.exec(text)?.[0] };
}

/** Posts a purchase-page form the way a browser on the page does (same origin), following the redirect. */
export async function submitForm(link: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const url = new URL(link);
  return call(url.origin, 'POST', url.pathname, { form, headers: { origin: url.origin, ...headers } });
}

export async function openPage(link: string) {
  const url = new URL(link);
  return call(url.origin, 'GET', url.pathname);
}

export const KYC_FORM = { step: 'kyc', representative_name: 'Hanna Credable', personal_number: '19811218-9876', email: 'hanna@credable.se', authority: 'yes' };
export const SIGN_FORM = { step: 'sign', name: 'Hanna Credable', email: 'hanna@credable.se', accept: 'yes' };
export const PAY_FORM = { step: 'pay', method: 'invoice' };

export function expectStep(page: { status: number; text: string }, heading: string) {
  expect(page.status, page.text).toBe(200);
  expect(page.text).toContain(`<h2>${heading}</h2>`);
}

/** What a reader of the page sees: the text between the tags, without the style sheet. */
export function visibleText(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The page declares `language` and reads in it: a Swedish page has none of English's commonest words, an English one has. */
export function expectLanguage(page: { text: string }, language: 'sv' | 'en') {
  expect(page.text).toContain(`<html lang="${language}">`);
  const english = /\b(the|your|this|and|of|to|by)\b/i;
  if (language === 'sv') expect(visibleText(page.text)).not.toMatch(english);
  else expect(visibleText(page.text)).toMatch(english);
}
