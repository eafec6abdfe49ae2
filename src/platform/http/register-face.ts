import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ActorCache, listenForAuthChanges } from '../auth/actor-cache.js';
import { resolveBearer, resolveBearerSecret } from '../auth/authenticate.js';
import type { Platform } from '../services.js';
import { ApiError } from './api-error.js';
import { toApiError } from './error-mapping.js';
import type { ErrorFace, FaceAuthServices, WireFace } from './face.js';
import './fastify-types.js';

/** Answers an error in the face's documented shape; unexpected errors are logged with their stack and answered as 500. */
export function sendFaceError(face: ErrorFace, error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const apiError = toApiError(error);
  if (apiError.kind === 'internal') request.log.error({ err: error }, 'unhandled error');
  const { status, body } = face.formatError(apiError, request);
  if (apiError.kind === 'rate_limited' && apiError.options.retryAfterSeconds !== undefined) {
    reply.header('Retry-After', String(apiError.options.retryAfterSeconds));
  }
  return reply.code(status).type(face.contentType ?? 'application/json; charset=utf-8').send(body);
}

export interface FaceOptions {
  prefix: string;
  /** What an unknown route under the prefix answers (the Atradius gateway answers 403). */
  unknownRoute?: ApiError;
}

/**
 * Which face owns which path prefix, so that an error raised before routing (a URL Fastify cannot decode, a request
 * Node cannot parse) and an error of a route outside any face (the pages) still answers in the shape of the face
 * the client was calling.
 */
const facesByPrefix = new WeakMap<FastifyInstance, { prefix: string; face: ErrorFace | WireFace }[]>();

export function claimPathPrefix(app: FastifyInstance, prefix: string, face: ErrorFace | WireFace): void {
  const claimed = facesByPrefix.get(app) ?? [];
  facesByPrefix.set(app, claimed);
  if (claimed.some((entry) => entry.prefix === prefix)) return;
  claimed.push({ prefix, face });
  claimed.sort((a, b) => b.prefix.length - a.prefix.length);
}

/** The face of the longest claimed prefix of the URL's path (a whole segment), if any. */
export function faceAt(app: FastifyInstance, url: string): ErrorFace | WireFace | undefined {
  const path = url.split('?', 1)[0] ?? '';
  const owner = facesByPrefix.get(app)?.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`));
  return owner?.face;
}

/** Prefixes whose unknown-route handler is set: several modules may mount routes on one face, the handler is set once. */
const prefixesWithNotFoundHandler = new WeakMap<FastifyInstance, Set<string>>();

/** One auth cache per app (so per database), with its cross-process listener on PostgreSQL; closed with the app. */
const actorCaches = new WeakMap<FastifyInstance, ActorCache>();

function actorCacheOf(app: FastifyInstance, scope: FastifyInstance, platform: Platform): ActorCache {
  let cache = actorCaches.get(app);
  if (cache) return cache;
  cache = new ActorCache();
  actorCaches.set(app, cache);
  const created = cache;
  if (platform.handle.engine === 'postgres' && platform.config.DATABASE_URL) {
    const listener = listenForAuthChanges(created, platform.config.DATABASE_URL, platform.logger);
    scope.addHook('onClose', async () => listener.stop());
  } else {
    // The embedded database has one owning process: every change happens here and invalidates directly.
    scope.addHook('onClose', async () => created.dispose());
  }
  return created;
}

/** Mounts a wire face under a prefix: authentication, error shape and unknown-route answer for every route it holds. */
export async function registerFace(
  app: FastifyInstance,
  face: WireFace,
  options: FaceOptions,
  routes: (scope: FastifyInstance) => Promise<void> | void,
): Promise<void> {
  claimPathPrefix(app, options.prefix, face);
  await app.register(
    async (scope) => {
      const cache = actorCacheOf(app, scope, scope.platform);
      const services: FaceAuthServices = {
        resolveBearerSecret: (secret) => resolveBearerSecret(scope.platform.db, secret, scope.platform.clock.now(), cache),
        resolveBearer: (secret) => resolveBearer(scope.platform.db, secret, scope.platform.clock.now(), cache),
      };
      scope.addHook('onRequest', async (request, reply) => {
        request.face = face;
        face.decorateReply?.(request, reply);
        if (request.routeOptions.config?.public) return;
        request.actor = await face.authenticate(request, services);
      });
      scope.setErrorHandler((error, request, reply) => sendFaceError(face, error, request, reply));
      const handled = prefixesWithNotFoundHandler.get(app) ?? new Set<string>();
      prefixesWithNotFoundHandler.set(app, handled);
      if (!handled.has(options.prefix)) {
        handled.add(options.prefix);
        scope.setNotFoundHandler((request, reply) =>
          sendFaceError(face, options.unknownRoute ?? new ApiError('not_found', 'Not Found'), request, reply),
        );
      }
      await routes(scope);
    },
    { prefix: options.prefix },
  );
}
