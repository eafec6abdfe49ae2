import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { migrationsAreCurrent } from '../../db/migrate.js';

/** Liveness, readiness (database reachable, migrations current) and Prometheus metrics. */
export async function healthRoutes(app: FastifyInstance, registry: Registry): Promise<void> {
  const config = { public: true, rateLimit: false } as const;
  app.get('/healthz', { config, schema: { tags: ['Operations'], summary: 'Liveness' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config, schema: { tags: ['Operations'], summary: 'Readiness: database reachable and migrations current' } }, async (_request, reply) => {
    const { handle } = app.platform;
    const database = await handle.query('SELECT 1').then(() => 'ok', () => 'unreachable');
    const migrations = database === 'ok' && (await migrationsAreCurrent(handle)) ? 'current' : 'pending';
    const ready = database === 'ok' && migrations === 'current';
    // No engine or version: this answer is public, and the operator has the engine in the start-up log line.
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', database, migrations });
  });

  app.get('/metrics', { config, schema: { tags: ['Operations'], summary: 'Prometheus metrics' } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}
