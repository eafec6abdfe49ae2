// The seller dashboard (/app/connect/dashboard): sign-in by a one-time e-mailed link, then the seller's insured
// invoices, receipts and claims. Its own encapsulated Fastify scope registers @fastify/cookie and
// @fastify/csrf-protection, so the console's scope may register them too. The session cookie is HttpOnly,
// SameSite=Lax and scoped to the dashboard's path; every POST carries a CSRF token bound to a secret cookie.
// Pages send no scripts, are never cached or framed, and leave no Referer outside the site.
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectContext } from '../../context.js';
import { type ConnectLanguage, CONNECT_LANGUAGES } from '../../domain/connect-request.js';
import { browserLanguage, formFields } from '../../http/html.js';
import { LINK_LIFETIME_MS, normaliseEmail } from '../rules.js';
import type { SellerSession } from '../session.js';
import { DASHBOARD_PATH } from '../sign-in-mail.js';
import { DASHBOARD_TEXTS, type DashboardTexts } from '../texts.js';
import { checkSignInLink } from '../use-cases/check-sign-in-link.js';
import { listSellerCovers, readSellerCover, readSellerReceipt } from '../use-cases/read-seller-insurance.js';
import { redeemSignInLink } from '../use-cases/redeem-sign-in-link.js';
import { requestSignInLink } from '../use-cases/request-sign-in-link.js';
import { resumeSession } from '../use-cases/resume-session.js';
import { signOut } from '../use-cases/sign-out.js';
import {
  type PageContext, type PageFrame, SELLER_WEB_DIR, dashboardView, frame, href, invoiceFacts, invoiceName, receiptHref, receiptView, renderSellerPage,
} from './views.js';

const SESSION_COOKIE = 'tc_seller_session';
const CSRF_COOKIE = 'tc_seller_csrf';
const SIGN_IN = `${DASHBOARD_PATH}/sign-in`;
const CSS = readFileSync(join(SELLER_WEB_DIR, 'seller.css'), 'utf8');
const SECURITY_HEADERS = {
  'referrer-policy': 'same-origin', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};
const PAGE = { config: { public: true }, schema: { hide: true } } as const;

type MessageKey = 'sent' | 'tooMany' | 'used' | 'expired' | 'unknownLink' | 'signedOut' | 'refused' | 'failure' | 'notFound';

function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).headers(SECURITY_HEADERS).type('text/html; charset=utf-8').send(html);
}

/** The page's language: `?lang=` when it names one we speak, else the seller's, else the browser's. */
function pageContext(request: FastifyRequest, fallback?: ConnectLanguage): PageContext {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  const path = request.url.split('?')[0] ?? request.url;
  if (typeof asked === 'string' && (CONNECT_LANGUAGES as readonly string[]).includes(asked)) return { lang: asked as ConnectLanguage, explicit: true, path };
  return { lang: fallback ?? browserLanguage(request), explicit: false, path };
}

function messageTexts(t: DashboardTexts, key: MessageKey): [string, string] {
  const texts: Record<MessageKey, [string, string]> = {
    sent: [t.sentTitle, t.sent(LINK_LIFETIME_MS / 60_000)], tooMany: [t.tooManyTitle, t.tooMany], used: [t.usedTitle, t.used],
    expired: [t.expiredTitle, t.expired], unknownLink: [t.unknownLinkTitle, t.unknownLink], signedOut: [t.signedOutTitle, t.signedOut],
    refused: [t.refusedTitle, t.refused], failure: [t.failureTitle, t.failure], notFound: [t.notFoundTitle, t.notFound],
  };
  return texts[key];
}

function sendMessage(
  reply: FastifyReply, status: number, page: PageContext, key: MessageKey, link?: { href: string; text: string }, signOut: PageFrame['signOut'] = null,
): FastifyReply {
  const [title, message] = messageTexts(DASHBOARD_TEXTS[page.lang], key);
  return sendPage(reply, status, renderSellerPage('message', { frame: frame(page, title, signOut), message, link: link ?? null }));
}

/** "Not found" for a signed-in seller: the page keeps the way to sign out and leads back to the dashboard. */
function sendNotFound(reply: FastifyReply, page: PageContext, session: SellerSession): FastifyReply {
  return sendMessage(reply, 404, page, 'notFound', { href: href(page, DASHBOARD_PATH), text: DASHBOARD_TEXTS[page.lang].back }, signOutForm(reply, page, session));
}

/** A page about a link: used, expired or unknown, with the way to ask for a new one. */
function sendLinkProblem(reply: FastifyReply, page: PageContext, key: 'used' | 'expired' | 'unknownLink'): FastifyReply {
  const t = DASHBOARD_TEXTS[page.lang];
  return sendMessage(reply, key === 'unknownLink' ? 404 : 410, page, key, { href: href(page, SIGN_IN), text: t.newLink });
}

function signInForm(reply: FastifyReply, status: number, page: PageContext, form: { email: string; error: string | null; notice: string | null }) {
  const t = DASHBOARD_TEXTS[page.lang];
  return sendPage(reply, status, renderSellerPage('sign-in', {
    frame: frame(page, t.signInTitle), action: href(page, SIGN_IN), csrf: reply.generateCsrf(), ...form,
  }));
}

function cookieOptions(secure: boolean) {
  return { path: DASHBOARD_PATH, httpOnly: true, sameSite: 'lax' as const, secure };
}

/** The signed-in seller, or null after redirecting to the sign-in page. */
async function requireSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<SellerSession | null> {
  const session = await resumeSession(app.platform, request.cookies[SESSION_COOKIE]);
  if (session === null) {
    await reply.headers(SECURITY_HEADERS).redirect(SIGN_IN, 303);
    return null;
  }
  return session;
}

function signOutForm(reply: FastifyReply, page: PageContext, session: SellerSession): PageFrame['signOut'] {
  return { action: `${DASHBOARD_PATH}/sign-out`, csrf: reply.generateCsrf(), who: DASHBOARD_TEXTS[page.lang].signedInAs(session.sellerIdentifier) };
}

function signedInFrame(reply: FastifyReply, page: PageContext, session: SellerSession, title: string) {
  return frame(page, title, signOutForm(reply, page, session));
}

function signInRoutes(scope: FastifyInstance, ctx: ConnectContext, secure: boolean): void {
  const app = scope;
  scope.get(SIGN_IN, PAGE, async (request, reply) => {
    const page = pageContext(request);
    const stale = request.cookies[SESSION_COOKIE] !== undefined && (await resumeSession(app.platform, request.cookies[SESSION_COOKIE])) === null;
    if (stale) reply.clearCookie(SESSION_COOKIE, cookieOptions(secure));
    return signInForm(reply, 200, page, { email: '', error: null, notice: stale ? DASHBOARD_TEXTS[page.lang].sessionEnded : null });
  });

  scope.post(SIGN_IN, { ...PAGE, preHandler: scope.csrfProtection }, async (request, reply) => {
    const page = pageContext(request);
    const typed = formFields(request.body).email ?? '';
    const email = normaliseEmail(typed);
    if (email === null) return signInForm(reply, 400, page, { email: typed.slice(0, 254), error: DASHBOARD_TEXTS[page.lang].invalidEmail, notice: null });
    const outcome = await requestSignInLink(app.platform, ctx, email);
    if (outcome === 'rate_limited') return sendMessage(reply.header('retry-after', '3600'), 429, page, 'tooMany');
    return sendMessage(reply, 200, page, 'sent', { href: href(page, SIGN_IN), text: DASHBOARD_TEXTS[page.lang].askAgain });
  });

  scope.get(`${SIGN_IN}/:token`, PAGE, async (request, reply) => {
    const { token } = request.params as { token: string };
    const link = await checkSignInLink(app.platform, token);
    const page = pageContext(request, link?.language);
    if (link === null) return sendLinkProblem(reply, page, 'unknownLink');
    if (link.state !== 'valid') return sendLinkProblem(reply, page, link.state);
    const t = DASHBOARD_TEXTS[page.lang];
    return sendPage(reply, 200, renderSellerPage('link', {
      frame: frame(page, t.linkTitle), intro: t.linkIntro(link.seller), action: href(page, `${SIGN_IN}/${token}`), csrf: reply.generateCsrf(),
    }));
  });

  scope.post(`${SIGN_IN}/:token`, { ...PAGE, preHandler: scope.csrfProtection }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const redemption = await redeemSignInLink(app.platform, token);
    if (redemption.kind === 'unknown') return sendLinkProblem(reply, pageContext(request), 'unknownLink');
    const page = pageContext(request, redemption.language);
    if (redemption.kind !== 'signed_in') return sendLinkProblem(reply, page, redemption.kind);
    reply.setCookie(SESSION_COOKIE, redemption.sessionId, cookieOptions(secure));
    return reply.headers(SECURITY_HEADERS).redirect(href(page, DASHBOARD_PATH), 303);
  });

  scope.post(`${DASHBOARD_PATH}/sign-out`, { ...PAGE, preHandler: scope.csrfProtection }, async (request, reply) => {
    const session = await resumeSession(app.platform, request.cookies[SESSION_COOKIE]);
    const page = pageContext(request, session?.language);
    if (session) await signOut(app.platform, session);
    reply.clearCookie(SESSION_COOKIE, cookieOptions(secure));
    return sendMessage(reply, 200, page, 'signedOut', { href: href(page, SIGN_IN), text: DASHBOARD_TEXTS[page.lang].signInTitle });
  });
}

function insuranceRoutes(scope: FastifyInstance, ctx: ConnectContext): void {
  const app = scope;
  scope.get(DASHBOARD_PATH, PAGE, async (request, reply) => {
    const session = await requireSession(app, request, reply);
    if (!session) return reply;
    const page = pageContext(request, session.language);
    const t = DASHBOARD_TEXTS[page.lang];
    const covers = await listSellerCovers(app.platform.db, session, ctx);
    return sendPage(reply, 200, renderSellerPage('dashboard', {
      frame: signedInFrame(reply, page, session, t.dashboardTitle), ...dashboardView(page, covers),
    }));
  });

  scope.get(`${DASHBOARD_PATH}/invoices/:id`, PAGE, async (request, reply) => {
    const session = await requireSession(app, request, reply);
    if (!session) return reply;
    const page = pageContext(request, session.language);
    const cover = await readSellerCover(app.platform.db, session, (request.params as { id: string }).id, ctx);
    if (!cover) return sendNotFound(reply, page, session);
    const t = DASHBOARD_TEXTS[page.lang];
    return sendPage(reply, 200, renderSellerPage('invoice', {
      frame: signedInFrame(reply, page, session, t.invoiceTitle(invoiceName(cover, t))), facts: invoiceFacts(cover, page.lang),
      receiptHref: receiptHref(page, cover), backHref: href(page, DASHBOARD_PATH),
    }));
  });

  scope.get(`${DASHBOARD_PATH}/invoices/:id/receipt`, PAGE, async (request, reply) => {
    const session = await requireSession(app, request, reply);
    if (!session) return reply;
    const page = pageContext(request, session.language);
    const receipt = await readSellerReceipt(app.platform.db, session, (request.params as { id: string }).id, ctx);
    if (!receipt) return sendNotFound(reply, page, session);
    const t = DASHBOARD_TEXTS[page.lang];
    return sendPage(reply, 200, renderSellerPage('receipt', {
      frame: signedInFrame(reply, page, session, t.receiptTitle), ...receiptView(page, receipt, ctx.config.timers.timeZone),
      backHref: href(page, DASHBOARD_PATH),
    }));
  });

  scope.get(`${DASHBOARD_PATH}/invoices/:id/receipt.eml`, PAGE, async (request, reply) => {
    const session = await requireSession(app, request, reply);
    if (!session) return reply;
    const receipt = await readSellerReceipt(app.platform.db, session, (request.params as { id: string }).id, ctx);
    if (!receipt) return sendNotFound(reply, pageContext(request, session.language), session);
    return reply.headers(SECURITY_HEADERS).header('content-disposition', `attachment; filename="receipt-${receipt.cover.id}.eml"`)
      .type('message/rfc822').send(receipt.eml);
  });
}

/** Refused CSRF tokens, bodies Fastify could not read, and failures: each answered with a page, never a stack. */
function pageErrors(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    const page = pageContext(request);
    if (error.code?.startsWith('FST_CSRF')) return sendMessage(reply, 403, page, 'refused');
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendMessage(reply, status, page, 'refused');
    request.log.error({ err: error }, 'seller dashboard page failed');
    return sendMessage(reply, 500, page, 'failure');
  });
}

export function sellerDashboardRoutes(ctx: ConnectContext) {
  return async (app: FastifyInstance): Promise<void> => {
    const secure = ctx.publicBaseUrl.startsWith('https://');
    await app.register(async (scope) => {
      await scope.register(cookie);
      await scope.register(csrf, { cookieKey: CSRF_COOKIE, cookieOpts: cookieOptions(secure) });
      pageErrors(scope);
      scope.get(`${DASHBOARD_PATH}/assets/seller.css`, PAGE, (_request, reply) =>
        reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(CSS));
      signInRoutes(scope, ctx, secure);
      insuranceRoutes(scope, ctx);
    });
  };
}
