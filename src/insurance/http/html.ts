import type { FastifyReply, FastifyRequest } from 'fastify';
import { firstHeader } from '../../platform/http/face.js';
import { escapeHtml } from '../domain/connect-email.js';
import { preferredLanguage } from '../domain/connect-locale.js';
import type { ConnectLanguage } from '../domain/connect-request.js';

export { escapeHtml };

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5}'
  + 'dt{font-weight:600}label{display:block;margin:.5rem 0}input[type=text],input[type=email]{width:100%;padding:.4rem}'
  + '.error{color:#a00}ol.steps li.current{font-weight:600}';

/** A complete server-rendered page (no scripts). */
export function page(title: string, body: string, lang = 'en'): string {
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** A page that says what happened (`<p id="result">`), with more after it when given. */
export function resultPage(title: string, message: string, lang: string, after = ''): string {
  return page(title, `<p id="result">${escapeHtml(message)}</p>${after}`, lang);
}

export function sendHtml(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

/** What is wrong with one form field, next to it (the id lets a test or a screen reader find it). */
export function fieldError(name: string, message: string): string {
  return ` <span class="error" id="error-${escapeHtml(name)}" role="alert">${escapeHtml(message)}</span>`;
}

/** The language the browser asks for (Accept-Language, by weight) among those the pages speak, else English. */
export function browserLanguage(request: FastifyRequest): ConnectLanguage {
  return preferredLanguage(firstHeader(request.headers['accept-language']));
}

/** A posted form's fields as strings (a field sent as anything else reads as empty); not an object: no fields. */
export function formFields(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([key, value]) => [key, typeof value === 'string' ? value : '']));
}
