import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Platform } from './platform/services.js';
import { ApiError } from './platform/http/api-error.js';
import { registerFace } from './platform/http/register-face.js';
import { anonymousPlatformFace, managementFace, sandboxFace } from './platform/http/faces/platform-api.js';
import { appEdge } from './platform/http/edge.js';
import { parseFormBody } from './platform/http/hostile-input.js';
import { receeveFace } from './platform/http/faces/receeve.js';
import { coverFace } from './platform/http/faces/atradius.js';
import { installMetrics } from './platform/http/metrics.js';
import { healthRoutes } from './platform/http/routes/health.js';
import { homeRoutes } from './platform/http/routes/home.js';
import { managementRoutes } from './platform/http/routes/management.js';
import { sandboxRoutes } from './platform/http/routes/sandbox.js';
import { receeveTokenRoute } from './platform/http/routes/receeve-token.js';
import { atradiusTokenRoutes } from './platform/http/routes/atradius-token.js';
import { installJsonBodyParser } from './platform/http/json-body.js';
import { OneLinePerRequest } from './platform/http/request-log.js';
import { installSecurityHeaders } from './platform/http/security-headers.js';
import { FACE_BASE_PATHS } from './platform/tenants/credential-sheet.js';
import './platform/http/fastify-types.js';

export interface AppOptions {
  /** Extra faces or routes (business modules plug in here). */
  modules?: ((app: FastifyInstance) => Promise<void>)[];
}

/** Builds the HTTP app on a running platform; used by the server and by tests alike. */
export async function buildApp(platform: Platform, options: AppOptions = {}): Promise<FastifyInstance> {
  const edge = appEdge(anonymousPlatformFace);
  const app = Fastify({
    ...edge.serverOptions,
    loggerInstance: platform.logger,
    bodyLimit: platform.config.BODY_LIMIT_BYTES,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    return503OnClosing: true,
    logController: new OneLinePerRequest(),
  }) as unknown as FastifyInstance;
  app.decorate('platform', platform);
  installJsonBodyParser(app, platform.config.BODY_LIMIT_BYTES);
  edge.install(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Once shutdown begins, answers close their connection, so keep-alive sockets of in-flight requests do not hold it up.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  installSecurityHeaders(app);
  await app.register(formbody, { bodyLimit: platform.config.BODY_LIMIT_BYTES, parser: parseFormBody });
  await registerRateLimit(app, platform);
  await registerDocs(app);
  await healthRoutes(app, installMetrics(app, platform.jobs));
  await homeRoutes(app);

  await registerFace(app, receeveFace, { prefix: FACE_BASE_PATHS.servicing }, receeveTokenRoute);
  await registerFace(app, coverFace, { prefix: '/authenticate' }, atradiusTokenRoutes);
  await registerFace(app, managementFace, { prefix: FACE_BASE_PATHS.management }, managementRoutes);
  await registerFace(app, sandboxFace, { prefix: '/sandbox/v1' }, sandboxRoutes);
  for (const module of options.modules ?? []) await module(app);
  return app;
}

async function registerRateLimit(app: FastifyInstance, platform: Platform): Promise<void> {
  const max = platform.config.RATE_LIMIT_PER_MINUTE;
  if (max === 0) return;
  await app.register(rateLimit, {
    global: true,
    max,
    timeWindow: 60_000,
    hook: 'preHandler',
    keyGenerator: (request) => (request.actor ? `credential:${request.actor.credentialId}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new ApiError('rate_limited', `Rate limit of ${context.max} requests per minute exceeded`, { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  });
}

async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tradecredit',
        version: '0.1.0',
        description: 'Trade-credit lifecycle service: Credable-compatible invoice insurance, Atradius-style Cover and Non-Payments, Receeve-compatible debt servicing.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          credableToken: { type: 'apiKey', in: 'header', name: 'Authorization', description: '`Token <api key>`' },
          basic: { type: 'http', scheme: 'basic' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/openapi.json', { config: { public: true, rateLimit: false }, schema: { hide: true } }, async () => app.swagger());
}
