// The sign-policy page behind the Insure `sign-policy-page` link: shows the current policy and the insured invoice,
// records the signature (name, e-mail, time, IP, policy version) and activates the cover. The unguessable quote id
// in the link is the capability (as Credable's link is); no API key is involved because the seller opens it.
// The page speaks the browser's language (Accept-Language: Swedish or English, else English; sign-views.ts); the
// signature records the policy version, which is the same for every language of the policy.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { findRegisteredBuyer } from '../../risk/api.js';
import type { InsuranceContext } from '../context.js';
import { field, validateSignatureForm } from '../domain/connect-kyc.js';
import type { ConnectLanguage } from '../domain/connect-request.js';
import { isInsuranceFailure } from '../domain/errors.js';
import { currentPolicy } from '../policy.js';
import type { QuoteRow } from '../store.js';
import { readQuoteToSign } from '../use-cases/read-quote-to-sign.js';
import { signPolicy } from '../use-cases/sign-policy.js';
import { browserLanguage, formFields, sendHtml } from './html.js';
import { type SignFormView, closedPage, notFoundPage, signFormPage } from './sign-views.js';

async function formPage(app: FastifyInstance, row: QuoteRow, language: ConnectLanguage, form: Pick<SignFormView, 'errors' | 'values'>): Promise<string> {
  const buyer = await findRegisteredBuyer(app.platform.db, row.buyerCountry, row.buyerIdentifier);
  return signFormPage({ row, language, buyerName: buyer?.name ?? null, policy: currentPolicy(), ...form });
}

/** The page's answers: HTML that depends on the browser's language, so caches must key on it. */
const html = (reply: FastifyReply, status: number, body: string) => sendHtml(reply.header('vary', 'Accept-Language'), status, body);

export function signPageRoutes(ctx: InsuranceContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/app/sign-policy/:id', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const language = browserLanguage(request);
      const loaded = await readQuoteToSign(app.platform, (request.params as { id: string }).id, ctx);
      if (!loaded) return html(reply, 404, notFoundPage(language));
      const { row } = loaded;
      if (row.status !== 'activation.pending') return html(reply, 200, closedPage(row, language));
      const name = [row.signerFirstName, row.signerLastName].filter(Boolean).join(' ');
      return html(reply, 200, await formPage(app, row, language, { errors: {}, values: { name, email: row.signerEmail ?? '' } }));
    });

    app.post('/app/sign-policy/:id', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const language = browserLanguage(request);
      const loaded = await readQuoteToSign(app.platform, (request.params as { id: string }).id, ctx);
      if (!loaded) return html(reply, 404, notFoundPage(language));
      const { row, tenant } = loaded;
      if (row.status !== 'activation.pending') return html(reply, 409, closedPage(row, language));
      const form = formFields(request.body);
      const signature = validateSignatureForm(form);
      if (!signature.ok) {
        const values = { name: field(form, 'name'), email: field(form, 'email') };
        return html(reply, 400, await formPage(app, row, language, { errors: signature.error, values }));
      }
      try {
        const signed = await signPolicy(app.platform, tenant, row.id, { ...signature.value, ip: request.ip }, ctx);
        return html(reply, 200, closedPage(signed, language));
      } catch (error) {
        if (isInsuranceFailure(error) && error.error.kind === 'not_signable') return html(reply, 409, closedPage(row, language));
        if (isInsuranceFailure(error) && error.error.kind === 'not_found') return html(reply, 404, notFoundPage(language));
        throw error;
      }
    });
  };
}
