/*
 * The staff console's framework: what a screen needs to mount itself under /console.
 *
 *   await mountConsole(app, { navigation: [{ href: '/console/reports', roles: ['admin'], label: { en: 'Reports', sv: 'Rapporter' } }] },
 *     (consoleScope) => {
 *       consoleScope.screen({ path: '/reports', roles: ['admin'], render: async (ctx) => ({
 *         title: ctx.language === 'sv' ? 'Rapporter' : 'Reports',
 *         body: ctx.render('reports/index', { rows }),   // web/console/reports/index.eta, autoescaped
 *       }) });
 *       consoleScope.action({ path: '/reports/subscriptions', roles: ['admin'], perform: async (ctx, uow) => {
 *         …call the use case with uow (one transaction, audited as the staff credential)…
 *         return { redirect: '/console/reports', notice: 'saved' };
 *       } });
 *       consoleScope.scope.get('/reports/x.csv', consoleScope.guard(['admin']), async (request, reply) => …);
 *     });
 *
 * - `mountConsole` opens an encapsulated Fastify scope with prefix /console: @fastify/cookie, the session hook (a
 *   request without a live session is sent to /console/sign-in, or answered 401 for a POST), the HTML error pages.
 *   Call it from any module's routes(); each call is its own scope, and navigation entries join the one menu.
 * - `screen` registers a GET page that renders `{ title, body }` inside web/console/layout.eta (header with tenant and
 *   user, navigation, skip link, main landmark, language from Accept-Language). Roles: `admin` may open everything.
 * - `action` registers a POST: the CSRF token (form field `_csrf` or header `X-CSRF-Token`) is checked, the body is
 *   parsed with the optional zod schema (a refusal re-opens the referring page with notice `invalid_input`), and
 *   `perform` runs in one transaction whose unit of work acts as the staff credential, like the back-office API
 *   (a generic audit row is written when the use case wrote none). It answers a 303 to `redirect` with `?notice=`.
 *   Throw `ConsoleRefusal(noticeKey, redirect)` to roll back and go back with a notice instead.
 * - `ctx.render(template, data)` renders web/console/<template>.eta with `it` = data plus `it.t` (the texts in the
 *   user's language), `it.lang`, `it.csrf`, `it.now`. Notices are text keys of texts.ts (`notice.<key>`), never
 *   free text from the URL.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import { Eta } from 'eta';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/record.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Database } from '../../platform/db/database.js';
import { retryOnConflict } from '../../platform/db/retry-on-conflict.js';
import { preferredLanguage } from '../../platform/http/routes/home.js';
import { clockFor } from '../../platform/services.js';
import { unitOfWork, type UnitOfWork } from '../../platform/unit-of-work.js';
import type { StaffRole } from '../face.js';
import { resumeSession, type ConsoleSession } from './sessions.js';
import { textsFor, type ConsoleTexts, type Language } from './texts.js';

export type { Language } from './texts.js';
export type ConsoleRole = StaffRole;

export const CONSOLE_PREFIX = '/console';
export const SESSION_COOKIE = 'tc_console';
export const WEB_CONSOLE_DIR = fileURLToPath(new URL('../../../web/console/', import.meta.url));

const eta = new Eta({ views: WEB_CONSOLE_DIR, autoEscape: true, autoTrim: false, cache: true });

/** Renders web/console/<template>.eta outside a signed-in screen (the sign-in page). */
export function renderTemplate(template: string, data: object): string {
  return eta.render(`./${template}`, data);
}

export interface NavigationEntry {
  href: string;
  roles: readonly ConsoleRole[];
  label: Record<Language, string>;
}

export interface ScreenContext {
  request: FastifyRequest;
  reply: FastifyReply;
  session: ConsoleSession;
  actor: Actor;
  language: Language;
  t: ConsoleTexts;
  db: Database;
  /** The tenant's clock, read once for the request. */
  now: Date;
  render(template: string, data?: object): string;
}

export interface ScreenPage {
  title: string;
  body: string;
  status?: number;
}

export interface ActionOutcome {
  redirect: string;
  notice?: string;
}

export interface ScreenDefinition {
  path: string;
  roles: readonly ConsoleRole[];
  render(ctx: ScreenContext): Promise<ScreenPage>;
}

export interface ActionDefinition<Body> {
  path: string;
  roles: readonly ConsoleRole[];
  body?: z.ZodType<Body>;
  perform(ctx: ScreenContext, uow: UnitOfWork, body: Body): Promise<ActionOutcome>;
}

export interface ConsoleScope {
  /** The encapsulated Fastify scope (prefix /console), for routes that are neither a page nor a form action (a CSV). */
  scope: FastifyInstance;
  screen(definition: ScreenDefinition): void;
  action<Body>(definition: ActionDefinition<Body>): void;
  /** Route options that require a session with one of `roles` (for `scope.get` routes of your own). */
  guard(roles: readonly ConsoleRole[]): RouteShorthandOptions;
}

/** A use case refused the action: the transaction rolls back and the user goes back to `redirect` with the notice. */
export class ConsoleRefusal extends Error {
  constructor(readonly notice: string, readonly redirect: string) {
    super(notice);
    this.name = 'ConsoleRefusal';
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    consoleSession?: ConsoleSession;
  }
  interface FastifyContextConfig {
    /** A console route open without a session (sign-in, assets). */
    consolePublic?: boolean;
    /** The roles a console route needs (`admin` always may). */
    consoleRoles?: readonly ConsoleRole[];
  }
}

/** The menu of every mount, by platform: a screen's request runs in a child scope, whose instance is not the app. */
const navigationByPlatform = new WeakMap<object, NavigationEntry[]>();
const mountedApps = new WeakSet<FastifyInstance>();

export function mayUse(actor: Actor, roles: readonly ConsoleRole[]): boolean {
  return actor.scopes.includes('admin') || roles.some((role) => actor.scopes.includes(role));
}

/** A path inside the console to come back to after signing in; anything else (another site, `//x`) is refused. */
export function safeConsolePath(path: unknown): string | undefined {
  if (typeof path !== 'string' || path.length > 500) return undefined;
  return /^\/console(\/[A-Za-z0-9\-._~%/?=&:]*)?$/.test(path) && !path.includes('//') ? path : undefined;
}

function isHtmx(request: FastifyRequest): boolean {
  return request.headers['hx-request'] === 'true';
}

function seeOther(request: FastifyRequest, reply: FastifyReply, location: string): FastifyReply {
  if (isHtmx(request)) return reply.code(200).header('HX-Redirect', location).send('');
  return reply.code(303).header('location', location).send('');
}

function withNotice(location: string, notice: string | undefined): string {
  if (notice === undefined) return location;
  return `${location}${location.includes('?') ? '&' : '?'}notice=${encodeURIComponent(notice)}`;
}

/** The layout around a screen's body. */
export function renderLayout(request: FastifyRequest, page: ScreenPage, session: ConsoleSession | undefined): string {
  const language = preferredLanguage(request);
  const t = textsFor(language);
  const path = request.url.split('?', 1)[0] ?? '';
  const navigation = session
    ? (navigationByPlatform.get(request.server.platform) ?? []).filter((entry) => mayUse(session.actor, entry.roles)).map((entry) => ({
        href: entry.href, label: entry.label[language], current: path === entry.href || path.startsWith(`${entry.href}/`),
      }))
    : [];
  const query = request.query as Record<string, unknown> | undefined;
  const noticeKey = typeof query?.notice === 'string' ? query.notice : undefined;
  const notice = noticeKey === undefined ? undefined : t.notice[noticeKey as keyof ConsoleTexts['notice']];
  return eta.render('./layout', {
    lang: language, t, title: page.title, body: page.body, navigation, notice,
    session: session ? { tenant: session.actor.tenant.name, mode: session.actor.tenant.mode, user: session.label, roles: session.actor.scopes, csrf: session.csrfToken } : undefined,
  });
}

export function sendPage(request: FastifyRequest, reply: FastifyReply, page: ScreenPage, session: ConsoleSession | undefined): FastifyReply {
  return reply.code(page.status ?? 200).header('vary', 'Accept-Language').header('cache-control', 'no-store')
    .header('content-language', preferredLanguage(request)).type('text/html; charset=utf-8').send(renderLayout(request, page, session));
}

function screenContext(request: FastifyRequest, reply: FastifyReply): ScreenContext {
  const session = request.consoleSession;
  if (!session) throw new Error('console route without a session');
  const language = preferredLanguage(request);
  const t = textsFor(language);
  const now = clockFor(request.server.platform, session.actor.tenant).now();
  return {
    request, reply, session, actor: session.actor, language, t, db: request.server.platform.db, now,
    render: (template, data = {}) => eta.render(`./${template}`, { ...data, t, lang: language, csrf: session.csrfToken, now }),
  };
}

/** Checks the session and the route's roles before the handler runs. */
async function requireSession(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const config = request.routeOptions.config;
  if (config?.consolePublic) return undefined;
  const sessionId = request.cookies[SESSION_COOKIE];
  const platform = request.server.platform;
  const session = sessionId === undefined ? undefined : await resumeSession(platform.db, sessionId, platform.clock.now());
  if (!session) {
    if (sessionId !== undefined) reply.clearCookie(SESSION_COOKIE, { path: CONSOLE_PREFIX });
    if (request.method === 'GET' || request.method === 'HEAD') {
      const next = safeConsolePath(request.url);
      return seeOther(request, reply, `${CONSOLE_PREFIX}/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    }
    const t = textsFor(preferredLanguage(request));
    return sendPage(request, reply, { status: 401, title: t.errors.signedOutTitle, body: `<h1>${t.errors.signedOutTitle}</h1><p><a href="${CONSOLE_PREFIX}/sign-in">${t.signIn.title}</a></p>` }, undefined);
  }
  request.consoleSession = session;
  request.actor = session.actor;
  if (config?.consoleRoles && !mayUse(session.actor, config.consoleRoles)) {
    const t = textsFor(preferredLanguage(request));
    return sendPage(request, reply, { status: 403, title: t.errors.forbiddenTitle, body: `<h1>${t.errors.forbiddenTitle}</h1><p>${t.errors.forbidden}</p>` }, session);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD' && !csrfTokenMatches(request, session)) {
    const t = textsFor(preferredLanguage(request));
    return sendPage(request, reply, { status: 403, title: t.errors.csrfTitle, body: `<h1>${t.errors.csrfTitle}</h1><p>${t.errors.csrf}</p>` }, session);
  }
  return undefined;
}

function csrfTokenMatches(request: FastifyRequest, session: ConsoleSession): boolean {
  const body = request.body as Record<string, unknown> | undefined;
  const presented = request.headers['x-csrf-token'] ?? (typeof body === 'object' && body !== null ? body._csrf : undefined);
  return typeof presented === 'string' && constantTimeEqual(presented, session.csrfToken) && sameOrigin(request);
}

export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

/** A browser's Origin, when it sends one, names this host: a form posted from another site is refused. */
export function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return origin === undefined;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function errorPage(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const t = textsFor(preferredLanguage(request));
  const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
  if (status >= 500) request.log.error({ err: error }, 'console error');
  const title = status === 404 ? t.errors.notFoundTitle : status < 500 ? t.errors.badRequestTitle : t.errors.internalTitle;
  const text = status === 404 ? t.errors.notFound : status < 500 ? t.errors.badRequest : t.errors.internal;
  return sendPage(request, reply, { status: status < 500 ? status : 500, title, body: `<h1>${title}</h1><p>${text}</p>` }, request.consoleSession);
}

/**
 * Mounts console routes in an encapsulated scope under /console (see the top of this file). The first call also sets
 * the console's unknown-route page.
 */
export async function mountConsole(
  app: FastifyInstance,
  options: { navigation?: readonly NavigationEntry[] },
  routes: (consoleScope: ConsoleScope) => Promise<void> | void,
): Promise<void> {
  const navigation = navigationByPlatform.get(app.platform) ?? [];
  navigationByPlatform.set(app.platform, navigation);
  navigation.push(...(options.navigation ?? []));
  const first = !mountedApps.has(app);
  mountedApps.add(app);
  await app.register(async (scope) => {
    await scope.register(cookie);
    scope.addHook('preHandler', requireSession);
    scope.setErrorHandler((error, request, reply) => errorPage(request, reply, error));
    if (first) scope.setNotFoundHandler((request, reply) => errorPage(request, reply, { statusCode: 404 }));
    await routes(consoleScopeOf(scope));
  }, { prefix: CONSOLE_PREFIX });
}

function consoleScopeOf(scope: FastifyInstance): ConsoleScope {
  const guard = (roles: readonly ConsoleRole[]): RouteShorthandOptions => ({ config: { consoleRoles: roles }, schema: { hide: true } });
  return {
    scope,
    guard,
    screen(definition) {
      scope.get(definition.path, guard(definition.roles), async (request, reply) => {
        const ctx = screenContext(request, reply);
        return sendPage(request, reply, await definition.render(ctx), ctx.session);
      });
    },
    action(definition) {
      scope.post(definition.path, guard(definition.roles), async (request, reply) => {
        const ctx = screenContext(request, reply);
        const back = safeConsolePath(refererPath(request)) ?? CONSOLE_PREFIX;
        const parsed = definition.body ? definition.body.safeParse(withoutCsrf(request.body)) : { success: true as const, data: undefined as never };
        if (!parsed.success) return seeOther(request, reply, withNotice(back, 'invalid_input'));
        const outcome = await performAction(ctx, definition, parsed.data).catch((error: unknown) => {
          if (error instanceof ConsoleRefusal) return { redirect: error.redirect, notice: error.notice };
          throw error;
        });
        return seeOther(request, reply, withNotice(outcome.redirect, outcome.notice));
      });
    },
  };
}

async function performAction<Body>(ctx: ScreenContext, definition: ActionDefinition<Body>, body: Body): Promise<ActionOutcome> {
  const { request, actor } = ctx;
  const clock = clockFor(request.server.platform, actor.tenant);
  return retryOnConflict(() => ctx.db.transaction(async (tx) => {
    const uow = unitOfWork({ tx, tenant: actor.tenant, clock, actor: { type: 'credential', id: actor.credentialId }, requestId: request.id });
    const outcome = await definition.perform(ctx, uow, body);
    if (!uow.audited) await recordAudit(uow, { action: `console ${request.method} ${request.routeOptions.url ?? request.url}`, entityType: 'request', entityId: request.id });
    return outcome;
  }));
}

function refererPath(request: FastifyRequest): string | undefined {
  const referer = request.headers.referer;
  if (referer === undefined) return undefined;
  try {
    const url = new URL(referer);
    return url.host === request.headers.host ? `${url.pathname}${url.search.replace(/([?&])notice=[^&]*&?/, '$1').replace(/[?&]$/, '')}` : undefined;
  } catch {
    return undefined;
  }
}

function withoutCsrf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body ?? {};
  const { _csrf: _ignored, ...rest } = body as Record<string, unknown>;
  return rest;
}

/** A file of the console's assets, read once at start. */
export function readAsset(path: string): Buffer {
  return readFileSync(path);
}
