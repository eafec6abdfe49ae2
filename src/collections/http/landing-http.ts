import type { FastifyReply, FastifyRequest } from 'fastify';
import { firstHeader } from '../../platform/http/face.js';
import type { Language } from '../communications/language.js';
import { csrfToken, isValidCsrfToken } from '../landing/csrf.js';
import { landingLanguage } from '../landing/language.js';
import { renderLandingPage, type LandingTemplate } from '../landing/render.js';
import { LANDING_TEXTS } from '../landing/texts.js';
import { pageFrame } from '../landing/view.js';

/*
 * What every route of the debtor's page shares: the session cookie, the security headers, the same-origin and CSRF
 * checks of a post, the notices (not found, expired, locked) and the redirect back to the page.
 */

export const SESSION_COOKIE = 'tc_landing';
const SECURITY_HEADERS = {
  'referrer-policy': 'same-origin', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

export function sessionCookie(request: FastifyRequest): string | undefined {
  const header = firstHeader(request.headers.cookie) ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

/** The form's CSRF token for this visitor's session ('' without one: such a post is refused anyway). */
export function csrfOf(request: FastifyRequest): string {
  const session = sessionCookie(request);
  return session === undefined ? '' : csrfToken(session);
}

/** A posted form's fields as strings (anything else reads as empty). */
export function formFields(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([key, value]) => [key, typeof value === 'string' ? value : '']));
}

export function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).headers(SECURITY_HEADERS).type('text/html; charset=utf-8').send(html);
}

export function sendDocument(reply: FastifyReply, contentType: string, fileName: string, body: string | Buffer): FastifyReply {
  return reply.code(200).headers({ ...SECURITY_HEADERS, 'content-disposition': `attachment; filename="${fileName}"` }).type(contentType).send(body);
}

export function renderPage(reply: FastifyReply, status: number, template: LandingTemplate, data: object): FastifyReply {
  return sendPage(reply, status, renderLandingPage(template, data));
}

export function isSameOrigin(request: FastifyRequest, publicBaseUrl: string): boolean {
  if (firstHeader(request.headers['sec-fetch-site']) === 'cross-site') return false;
  const origin = firstHeader(request.headers.origin);
  if (origin === undefined) return true;
  return origin === new URL(publicBaseUrl).origin || origin === `${request.protocol}://${request.host}`;
}

export function notice(reply: FastifyReply, status: number, lang: Language, path: string, kind: 'notFound' | 'expired' | 'locked'): FastifyReply {
  const t = LANDING_TEXTS[lang];
  const [heading, message] = kind === 'notFound' ? [t.notFoundHeading, t.notFound] : kind === 'expired' ? [t.expiredHeading, t.expired] : [t.lockedHeading, t.locked];
  return renderPage(reply, status, 'notice', { frame: pageFrame(lang, heading, path), heading, message });
}

export interface LandingRequest {
  token: string;
  path: string;
  chosenLanguage: unknown;
  acceptLanguage: string | undefined;
}

export function landingRequest(request: FastifyRequest, chosenLanguage: unknown): LandingRequest {
  const { token } = request.params as { token: string };
  return { token, path: `/c/${token}`, chosenLanguage, acceptLanguage: firstHeader(request.headers['accept-language']) };
}

/** The page's language for a request without the debtor at hand: the switcher, else the browser's, else English. */
export function requestLanguage(page: LandingRequest): Language {
  return landingLanguage(page.chosenLanguage, page.acceptLanguage, null);
}

/** Back to the account page (which asks for the second factor again when the session is gone). */
export function backToPage(reply: FastifyReply, page: LandingRequest, lang: Language): FastifyReply {
  return reply.headers({ 'cache-control': 'no-store' }).redirect(`${page.path}?lang=${lang}`, 303);
}

export interface CheckedPost {
  page: LandingRequest;
  lang: Language;
  form: Record<string, string>;
  session: string | undefined;
}

/**
 * A form post after the second factor: refused (403, the reply sent, null returned) unless it comes from this site
 * and carries the CSRF token of the visitor's session.
 */
export function checkedPost(request: FastifyRequest, reply: FastifyReply, publicBaseUrl: string, fields: Record<string, string>): CheckedPost | null {
  const page = landingRequest(request, fields.lang);
  const lang = requestLanguage(page);
  const session = sessionCookie(request);
  if (!isSameOrigin(request, publicBaseUrl) || (session !== undefined && !isValidCsrfToken(session, fields.csrf))) {
    notice(reply, 403, lang, page.path, 'notFound');
    return null;
  }
  return { page, lang, form: fields, session };
}
