// The purchase pages behind the Connect e-mail's link (/app/connect/purchase/{token}). The 256-bit token in the URL is
// the capability; there are no cookies, so no ambient credential a forged cross-site form could ride on. Forms post back
// to the token URL, and a browser POST whose Origin (or Sec-Fetch-Site) shows another site is refused. The pages send
// `Referrer-Policy: same-origin`, so the token never leaves in a Referer and same-origin posts carry their Origin.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { firstHeader } from '../../platform/http/face.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { businessDateAt } from '../../platform/dates.js';
import { findRegisteredBuyer } from '../../risk/api.js';
import type { ConnectContext } from '../context.js';
import { completeKyc } from '../use-cases/connect/complete-kyc.js';
import { type PurchaseStep, nextStep, purchaseLanguage, withPurchase } from '../use-cases/connect/open-purchase.js';
import { payConnectRequest } from '../use-cases/connect/pay-quote-request.js';
import { signConnectPolicy } from '../use-cases/connect/sign-connect-policy.js';
import { type ConnectRequestRow, findConnectPayment, findConnectSeller } from '../connect/store.js';
import { type FormErrors, field, validateKycForm, validateSignatureForm } from '../domain/connect-kyc.js';
import { type ConnectLanguage, communicationLanguage } from '../domain/connect-request.js';
import { findPaymentProvider } from '../payments/registry.js';
import { currentPolicy } from '../policy.js';
import { browserLanguage, formFields, sendHtml } from './html.js';
import { type OfferView, confirmationPage, expiredPage, noticePage, offerPage } from './purchase-views.js';

const PATH = '/app/connect/purchase/:token';

type Outcome = { kind: 'show'; status: number; html: string } | { kind: 'redirect' };

async function loadView(uow: UnitOfWork, row: ConnectRequestRow, ctx: ConnectContext, form?: { errors: FormErrors; values: Record<string, string> }): Promise<OfferView> {
  const step = row.status === 'priced' ? await nextStep(uow, row) : null;
  const seller = await findConnectSeller(uow.tx, uow.tenant.id, row.sellerCountry, row.sellerIdentifier);
  return {
    row, language: communicationLanguage(row.language), step, now: uow.now, timeZone: ctx.config.timers.timeZone,
    newUser: row.newUser, policy: currentPolicy(), providers: ctx.payments,
    buyerName: (await findRegisteredBuyer(uow.tx, row.buyerCountry, row.buyerIdentifier))?.name ?? null,
    payment: (await findConnectPayment(uow.tx, uow.tenant.id, row.id)) ?? null,
    signer: { name: seller?.representativeName ?? '', email: seller?.email ?? '' },
    errors: form?.errors ?? {}, values: form?.values ?? {},
  };
}

function render(view: OfferView, action: string, status = 200): Outcome {
  if (view.row.status === 'priced') return { kind: 'show', status, html: offerPage(view, action) };
  if (view.row.status === 'expired') return { kind: 'show', status: 410, html: expiredPage(view) };
  return { kind: 'show', status: 200, html: confirmationPage(view) };
}

function isSameOrigin(request: FastifyRequest, publicBaseUrl: string): boolean {
  if (firstHeader(request.headers['sec-fetch-site']) === 'cross-site') return false;
  const origin = firstHeader(request.headers.origin);
  if (origin === undefined) return true;
  return origin === new URL(publicBaseUrl).origin || origin === `${request.protocol}://${request.host}`;
}

/** One form submission: act on the step the seller is on, or show the page again with what is wrong. */
async function submit(
  uow: UnitOfWork, row: ConnectRequestRow, form: Record<string, string>, ip: string, ctx: ConnectContext, action: string,
): Promise<Outcome> {
  if (row.status !== 'priced') return { kind: 'redirect' };
  const step = await nextStep(uow, row);
  // A step already done (another tab, the back button): show where the seller is now.
  if (form.step !== step) return { kind: 'redirect' };
  const invalid = async (errors: FormErrors) => render(await loadView(uow, row, ctx, { errors, values: form }), action, 400);
  const done = await perform(uow, row, step, form, ip, ctx);
  return done === null ? { kind: 'redirect' } : invalid(done);
}

/** Performs a step; returns the form's errors, or null when it went through. */
async function perform(
  uow: UnitOfWork, row: ConnectRequestRow, step: PurchaseStep, form: Record<string, string>, ip: string, ctx: ConnectContext,
): Promise<FormErrors | null> {
  if (step === 'kyc') {
    const kyc = validateKycForm(form, businessDateAt(uow.now, ctx.config.timers.timeZone));
    if (!kyc.ok) return kyc.error;
    await completeKyc(uow, row, kyc.value, ip);
  } else if (step === 'sign') {
    const signature = validateSignatureForm(form);
    if (!signature.ok) return signature.error;
    await signConnectPolicy(uow, row, signature.value, ip);
  } else {
    const provider = findPaymentProvider(ctx.payments, field(form, 'method'));
    if (!provider) return { method: 'method_required' };
    await payConnectRequest(uow, row, provider, ctx);
  }
  return null;
}

function headers(reply: FastifyReply): FastifyReply {
  return reply.header('referrer-policy', 'same-origin').header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
}

/** The language of a page shown without the offer (refused post, failure): the request's, else the browser's. */
async function noticeLanguage(app: FastifyInstance, request: FastifyRequest, token: string): Promise<ConnectLanguage> {
  const fromRequest = await purchaseLanguage(app.platform, token).catch(() => null);
  return fromRequest ?? browserLanguage(request);
}

export function purchasePageRoutes(ctx: ConnectContext) {
  return async (app: FastifyInstance): Promise<void> => {
    const respond = async (request: FastifyRequest, reply: FastifyReply, work: (token: string, action: string) => Promise<Outcome | null>) => {
      headers(reply);
      const { token } = request.params as { token: string };
      const action = `/app/connect/purchase/${token}`;
      try {
        const outcome = await work(token, action);
        if (outcome === null) return sendHtml(reply, 404, noticePage('notFound', browserLanguage(request)));
        if (outcome.kind === 'redirect') return reply.redirect(action, 303);
        return sendHtml(reply, outcome.status, outcome.html);
      } catch (error) {
        request.log.error({ err: error }, 'Connect purchase page failed');
        return sendHtml(reply, 500, noticePage('failure', await noticeLanguage(app, request, token)));
      }
    };

    app.get(PATH, { config: { public: true }, schema: { hide: true } }, (request, reply) => respond(request, reply, (token, action) =>
      withPurchase(app.platform, token, ctx, async (uow, row) => render(await loadView(uow, row, ctx), action))));

    app.post(PATH, { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      if (!isSameOrigin(request, ctx.publicBaseUrl)) {
        const { token } = request.params as { token: string };
        return sendHtml(headers(reply), 403, noticePage('crossSite', await noticeLanguage(app, request, token)));
      }
      const form = formFields(request.body);
      return respond(request, reply, (token, action) =>
        withPurchase(app.platform, token, ctx, (uow, row) => submit(uow, row, form, request.ip, ctx, action)));
    });
  };
}
