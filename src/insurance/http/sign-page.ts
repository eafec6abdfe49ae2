// The sign-policy page behind the Insure `sign-policy-page` link: shows the current policy and the insured invoice,
// records the signature (name, e-mail, time, IP, policy version) and activates the cover. The unguessable quote id
// in the link is the capability (as Credable's link is); no API key is involved because the seller opens it.
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { tenants } from '../../platform/db/schema.js';
import { isApiError } from '../../platform/http/api-error.js';
import { formatDecimalAmount } from '../../platform/money.js';
import { clockFor } from '../../platform/services.js';
import type { Tenant } from '../../platform/tenants/tenant.js';
import { findRegisteredBuyer } from '../../risk/store.js';
import { parseChar, parseEmail } from '../domain/drf-fields.js';
import { currentPolicy } from '../policy.js';
import { insuranceQuotes } from '../schema.js';
import { type InsuranceContext, readQuote, signPolicy } from '../service.js';
import { escapeHtml, page } from './html.js';
import type { QuoteRow } from '../store.js';

async function loadQuote(app: FastifyInstance, id: string, ctx: InsuranceContext): Promise<{ row: QuoteRow; tenant: Tenant } | null> {
  if (id.length > 64) return null;
  const [found] = await app.platform.db.select({ tenantId: insuranceQuotes.tenantId, product: insuranceQuotes.product })
    .from(insuranceQuotes).where(eq(insuranceQuotes.id, id));
  if (!found || found.product !== 'insure') return null;
  const [tenant] = await app.platform.db.select().from(tenants).where(eq(tenants.id, found.tenantId));
  if (!tenant) return null;
  const row = await readQuote(app.platform, tenant as Tenant, 'insure', id, ctx);
  return { row, tenant: tenant as Tenant };
}

async function renderForm(app: FastifyInstance, row: QuoteRow, error: string | null, values: { name: string; email: string }): Promise<string> {
  const policy = currentPolicy();
  const terms = policy.texts.en;
  const buyer = await findRegisteredBuyer(app.platform.db, row.buyerCountry, row.buyerIdentifier);
  const premium = row.premiumAmount === null ? '—' : `${formatDecimalAmount(row.premiumAmount, row.premiumCurrency ?? row.invoiceCurrency)} ${row.premiumCurrency ?? ''}`;
  return page('Sign the insurance policy', [
    `<p>Policy version <strong>${escapeHtml(policy.version)}</strong>: ${escapeHtml(terms.title)}</p>`,
    `<section id="policy">${terms.body.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</section>`,
    '<dl>',
    `<dt>Seller</dt><dd>${escapeHtml(row.sellerCountry)} ${escapeHtml(row.sellerIdentifier)}</dd>`,
    `<dt>Buyer</dt><dd>${escapeHtml(buyer?.name ?? '')} (${escapeHtml(row.buyerCountry)} ${escapeHtml(row.buyerIdentifier)})</dd>`,
    `<dt>Invoice</dt><dd>${escapeHtml(formatDecimalAmount(row.invoiceAmount, row.invoiceCurrency))} ${escapeHtml(row.invoiceCurrency)}, due ${escapeHtml(row.invoiceDueDate)}</dd>`,
    `<dt>Premium</dt><dd>${escapeHtml(premium)}</dd>`,
    '</dl>',
    error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '',
    `<form method="post"><label>Full name <input type="text" name="name" required maxlength="200" value="${escapeHtml(values.name)}"></label>`,
    `<label>E-mail <input type="email" name="email" required maxlength="255" value="${escapeHtml(values.email)}"></label>`,
    '<label><input type="checkbox" name="accept" value="yes" required> I have read and accept the policy</label>',
    '<button type="submit">Sign and activate</button></form>',
  ].join(''));
}

const html = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);

export function signPageRoutes(ctx: InsuranceContext) {
  return async (app: FastifyInstance): Promise<void> => {
    const notFound = page('Not found', '<p>This signing link is not valid.</p>');
    const closed = (row: QuoteRow) => page('Policy signing', row.status === 'cover.activated'
      ? '<p id="result">The policy is signed and the cover is active.</p>'
      : `<p id="result">This quote cannot be signed any more (status ${escapeHtml(row.status)}).</p>`);

    app.get('/app/sign-policy/:id', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const loaded = await loadQuote(app, (request.params as { id: string }).id, ctx);
      if (!loaded) return html(reply, 404, notFound);
      const { row } = loaded;
      if (row.status !== 'activation.pending') return html(reply, 200, closed(row));
      const name = [row.signerFirstName, row.signerLastName].filter(Boolean).join(' ');
      return html(reply, 200, await renderForm(app, row, null, { name, email: row.signerEmail ?? '' }));
    });

    app.post('/app/sign-policy/:id', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const loaded = await loadQuote(app, (request.params as { id: string }).id, ctx);
      if (!loaded) return html(reply, 404, notFound);
      const { row, tenant } = loaded;
      if (row.status !== 'activation.pending') return html(reply, 409, closed(row));
      const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
      const name = parseChar(form.name ?? '', 200);
      const email = parseEmail(form.email ?? '');
      const values = { name: typeof form.name === 'string' ? form.name : '', email: typeof form.email === 'string' ? form.email : '' };
      const problem = !name.ok ? 'Please enter your full name.' : !email.ok ? 'Please enter a valid e-mail address.'
        : form.accept !== 'yes' ? 'Please accept the policy to sign it.' : null;
      if (problem || !name.ok || !email.ok) return html(reply, 400, await renderForm(app, row, problem, values));
      try {
        const now = clockFor(app.platform, tenant).now();
        const signed = await app.platform.db.transaction((tx) =>
          signPolicy(tx, tenant, row.id, { name: name.value, email: email.value, ip: request.ip }, now, ctx));
        return html(reply, 200, closed(signed));
      } catch (error) {
        if (isApiError(error) && error.kind === 'invalid_state') return html(reply, 409, closed(row));
        throw error;
      }
    });
  };
}
