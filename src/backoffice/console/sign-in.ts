// Signing in and out of the console, its overview page and its local assets (htmx from node_modules, the CSS).
// The sign-in form carries its own synchronizer token (a short-lived cookie it must match), so a page on another
// site cannot sign a browser into someone else's session either.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { preferredLanguage } from '../../platform/http/routes/home.js';
import {
  CONSOLE_PREFIX, type ConsoleScope, SESSION_COOKIE, WEB_CONSOLE_DIR, constantTimeEqual, mayUse, readAsset, renderTemplate, safeConsolePath,
  sameOrigin, sendPage,
} from './console-kit.js';
import { SESSION_LIFETIME_MS, signIn, signOut } from './sessions.js';
import { textsFor } from './texts.js';

const SIGN_IN_COOKIE = 'tc_console_sign_in';
const signInBody = z.object({ apiKey: z.string().min(1).max(512), _csrf: z.string().min(1).max(100), next: z.string().max(500).optional() });
const PUBLIC = { config: { consolePublic: true }, schema: { hide: true } } as const;

const require = createRequire(import.meta.url);
const HTMX = readAsset(require.resolve('htmx.org/dist/htmx.min.js'));
const CSS = readAsset(`${WEB_CONSOLE_DIR}console.css`);

function secureCookies(request: FastifyRequest): boolean {
  return request.server.platform.config.publicBaseUrl.startsWith('https:');
}

function signInPage(request: FastifyRequest, reply: FastifyReply, status: number, message: string | undefined, next: string | undefined) {
  const t = textsFor(preferredLanguage(request));
  const signInToken = randomBytes(24).toString('base64url');
  reply.setCookie(SIGN_IN_COOKIE, signInToken, { path: `${CONSOLE_PREFIX}/sign-in`, httpOnly: true, sameSite: 'strict', secure: secureCookies(request), maxAge: 3600 });
  return sendPage(request, reply, { status, title: t.signIn.title, body: renderTemplate('sign-in', { t, message, signInToken, next }) }, undefined);
}

export function signInRoutes(consoleScope: ConsoleScope): void {
  const { scope } = consoleScope;

  scope.get('/assets/htmx.min.js', PUBLIC, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(HTMX));
  scope.get('/assets/console.css', PUBLIC, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS));

  scope.get('/sign-in', PUBLIC, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const t = textsFor(preferredLanguage(request));
    const message = query.ended === 'idle' ? t.signIn.expired : query.ended === 'out' ? t.signIn.signedOut : undefined;
    return signInPage(request, reply, 200, message, safeConsolePath(query.next));
  });

  scope.post('/sign-in', PUBLIC, async (request, reply) => {
    const t = textsFor(preferredLanguage(request));
    const parsed = signInBody.safeParse(request.body);
    const expected = request.cookies[SIGN_IN_COOKIE];
    const next = parsed.success ? safeConsolePath(parsed.data.next) : undefined;
    if (!parsed.success || expected === undefined || !constantTimeEqual(parsed.data._csrf, expected) || !sameOrigin(request)) {
      return signInPage(request, reply, parsed.success ? 403 : 400, parsed.success ? t.errors.csrf : t.signIn.refused, next);
    }
    const platform = request.server.platform;
    const signedIn = await signIn(platform.db, parsed.data.apiKey, platform.clock.now());
    if (!signedIn) return signInPage(request, reply, 401, t.signIn.refused, next);
    reply.clearCookie(SIGN_IN_COOKIE, { path: `${CONSOLE_PREFIX}/sign-in` });
    reply.setCookie(SESSION_COOKIE, signedIn.sessionId, {
      path: CONSOLE_PREFIX, httpOnly: true, sameSite: 'strict', secure: secureCookies(request), maxAge: SESSION_LIFETIME_MS / 1000,
    });
    return reply.code(303).header('location', next ?? CONSOLE_PREFIX).send('');
  });

  scope.post('/sign-out', consoleScope.guard(['underwriter', 'claims_handler', 'collections_manager']), async (request, reply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId !== undefined) await signOut(request.server.platform.db, sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: CONSOLE_PREFIX });
    return reply.code(303).header('location', `${CONSOLE_PREFIX}/sign-in?ended=out`).send('');
  });

  consoleScope.screen({
    path: '',
    roles: ['underwriter', 'claims_handler', 'collections_manager'],
    render: async (ctx) => {
      const all = [
        { href: `${CONSOLE_PREFIX}/queues`, label: ctx.t.nav.queues, text: ctx.t.home.queues, roles: ['underwriter', 'claims_handler'] as const },
        { href: `${CONSOLE_PREFIX}/buyers`, label: ctx.t.nav.buyers, text: ctx.t.home.buyers, roles: ['underwriter', 'claims_handler', 'collections_manager'] as const },
        { href: `${CONSOLE_PREFIX}/strategies`, label: ctx.t.nav.strategies, text: ctx.t.home.strategies, roles: ['collections_manager'] as const },
      ];
      return { title: ctx.t.home.title, body: ctx.render('home', { links: all.filter((link) => mayUse(ctx.actor, link.roles)) }) };
    },
  });
}
