import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstHeader } from '../../platform/http/face.js';
import { formatMoney } from '../communications/format.js';
import type { Language } from '../communications/language.js';
import { ACTION_TEXTS } from '../landing/action-texts.js';
import { csrfToken } from '../landing/csrf.js';
import { epcPayload, epcQrSvg } from '../landing/epc-qr.js';
import { landingLanguage } from '../landing/language.js';
import { PAYMENT_TEXTS } from '../landing/payment-texts.js';
import { LANDING_WEB_DIR } from '../landing/render.js';
import { printedCreditorReference } from '../landing/rf-reference.js';
import { LANDING_TEXTS } from '../landing/texts.js';
import { accountOptions, accountView, pageFrame } from '../landing/view.js';
import { answerSecondFactor } from '../use-cases/landing/answer-second-factor.js';
import { type PreparedBankTransfer, prepareBankTransfer } from '../use-cases/landing/prepare-bank-transfer.js';
import { type LandingVisit, visitLandingPage } from '../use-cases/landing/visit-landing-page.js';
import { landingActionRoutes, type LandingUploads } from './landing-actions.js';
import {
  backToPage, checkedPost, formFields, isSameOrigin, type LandingRequest, landingRequest, notice, renderPage, requestLanguage, SESSION_COOKIE, sessionCookie,
} from './landing-http.js';

/*
 * The debtor's page behind the link (/c/{token}). The token in the URL only finds the account; personal data is
 * shown after the second factor, which opens a session held in an HttpOnly, SameSite=Strict cookie scoped to the
 * link's path. Every form after it carries the session's CSRF token and posts back to the same origin only (Origin
 * / Sec-Fetch-Site checked); pages are never cached, never framed, and send no Referer outside the site. Every
 * asset is served from here. The other things a debtor can do are in landing-actions.ts.
 */

const CSS = readFileSync(join(LANDING_WEB_DIR, 'landing.css'), 'utf8');

/** The claims a posted form chose (`claim` once or many times). */
function chosenClaims(body: unknown): string[] {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).claim : undefined;
  const values = Array.isArray(value) ? value : [value];
  return values.filter((item): item is string => typeof item === 'string' && item !== '');
}

/** The transfer as the page shows it: amounts formatted, the reference in groups, the EPC QR code for euro transfers. */
async function transferView(transfer: PreparedBankTransfer, lang: Language) {
  const payee = transfer.payee;
  const qrSvg = payee && transfer.currency === 'EUR'
    ? await epcQrSvg(epcPayload({ beneficiaryName: payee.beneficiaryName, iban: payee.iban, bic: payee.bic, amountMinor: transfer.amount, reference: transfer.reference }), PAYMENT_TEXTS[lang].qrLabel)
    : null;
  return {
    amount: formatMoney(transfer.amount, transfer.currency, lang), reference: transfer.reference, printedReference: printedCreditorReference(transfer.reference),
    payee, qrSvg, items: transfer.items.map((item) => ({ claimReference: item.claimReference, outstanding: formatMoney(item.outstanding, item.currency, lang) })),
  };
}

type VerifiedVisit = Extract<LandingVisit, { verified: true }>;

function renderAccount(reply: FastifyReply, status: number, page: LandingRequest, visit: VerifiedVisit, session: string, error: string | null): FastifyReply {
  const lang = landingLanguage(page.chosenLanguage, page.acceptLanguage, visit.account.debtor);
  const account = accountView(visit.account.debtor, visit.account.claims, lang, page.path, visit.arrangements);
  return renderPage(reply, status, 'account', {
    frame: pageFrame(lang, account.heading, page.path), account, p: PAYMENT_TEXTS[lang], a: ACTION_TEXTS[lang], payAction: `${page.path}/pay`,
    csrf: csrfToken(session), options: accountOptions(lang, page.path), error,
  });
}

function visitOf(request: FastifyRequest, page: LandingRequest, platform: FastifyInstance['platform']) {
  return visitLandingPage(platform, { token: page.token, sessionValue: sessionCookie(request), userAgent: firstHeader(request.headers['user-agent']) });
}

export async function landingPageRoutes(app: FastifyInstance, uploads: LandingUploads): Promise<void> {
  const publicBaseUrl = app.platform.config.publicBaseUrl;
  const secureCookie = publicBaseUrl.startsWith('https://');

  app.get('/c/assets/landing.css', { config: { public: true }, schema: { hide: true } }, (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(CSS));

  app.get('/c/:token', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const page = landingRequest(request, (request.query as Record<string, unknown> | undefined)?.lang);
    const browserLang = requestLanguage(page);
    const visit = await visitOf(request, page, app.platform);
    if (visit === null) return notice(reply, 404, browserLang, page.path, 'notFound');
    if (visit.standing === 'locked') return notice(reply, 403, browserLang, page.path, 'locked');
    if (visit.standing !== 'open') return notice(reply, 410, browserLang, page.path, 'expired');
    if (!visit.verified) {
      const lang = landingLanguage(page.chosenLanguage, page.acceptLanguage, visit.account.debtor);
      return renderPage(reply, 200, 'ask', { frame: pageFrame(lang, LANDING_TEXTS[lang].askHeading, page.path), action: `${page.path}/verify`, error: null });
    }
    return renderAccount(reply, 200, page, visit, sessionCookie(request) ?? '', null);
  });

  // The second factor: no session yet, so no CSRF token; a cross-site post is refused by its Origin.
  app.post('/c/:token/verify', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const form = formFields(request.body);
    const page = landingRequest(request, form.lang);
    const lang = requestLanguage(page);
    if (!isSameOrigin(request, publicBaseUrl)) return notice(reply, 403, lang, page.path, 'notFound');
    const answer = await answerSecondFactor(app.platform, page.token, form.answer ?? '');
    if (answer === null) return notice(reply, 404, lang, page.path, 'notFound');
    if (answer.kind === 'locked') return notice(reply, 403, lang, page.path, 'locked');
    if (answer.kind === 'wrong') {
      const t = LANDING_TEXTS[lang];
      return renderPage(reply, 400, 'ask', { frame: pageFrame(lang, t.askHeading, page.path), action: `${page.path}/verify`, error: t.wrongAnswer(answer.attemptsLeft) });
    }
    if (answer.kind !== 'passed') return notice(reply, 410, lang, page.path, 'expired');
    const cookie = `${SESSION_COOKIE}=${answer.sessionValue}; Path=${page.path}; Max-Age=${answer.sessionSeconds}; HttpOnly; SameSite=Strict${secureCookie ? '; Secure' : ''}`;
    return reply.header('set-cookie', cookie).headers({ 'cache-control': 'no-store' }).redirect(`${page.path}?lang=${lang}`, 303);
  });

  app.post('/c/:token/pay', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const post = checkedPost(request, reply, publicBaseUrl, formFields(request.body));
    if (!post) return reply;
    const { page, lang, form, session } = post;
    const outcome = await prepareBankTransfer(app.platform, page.token, session, form.choice === 'all' ? 'all' : chosenClaims(request.body));
    if (outcome === null) return backToPage(reply, page, lang);
    const p = PAYMENT_TEXTS[lang];
    if (outcome.kind !== 'prepared') {
      const visit = await visitOf(request, page, app.platform);
      if (visit === null || visit.standing !== 'open' || !visit.verified) return backToPage(reply, page, lang);
      return renderAccount(reply, 400, page, visit, session ?? '', outcome.kind === 'nothing_chosen' ? p.nothingChosen : p.mixedCurrencies);
    }
    const transfer = await transferView(outcome.transfer, lang);
    return renderPage(reply, 200, 'transfer', { frame: pageFrame(lang, p.transferHeading, page.path), p, transfer, back: `${page.path}?lang=${lang}` });
  });

  await landingActionRoutes(app, uploads);
}
