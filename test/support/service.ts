import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { ManualClock, type Clock } from '../../src/platform/clock.js';
import type { Engine } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logging.js';
import { startService, type Role, type RunningService } from '../../src/service.js';
import type { BusinessModule } from '../../src/platform/module.js';
import { createTenant, type CreatedTenant } from '../../src/platform/tenants/service.js';
import { credentialSheet } from '../../src/platform/tenants/credential-sheet.js';
import { createScratchDatabase } from './engines.js';
import { pgliteTemplateBlob } from './database-templates.js';

export interface TestService extends RunningService {
  app: FastifyInstance;
  url: string;
  clock: ManualClock;
  config: Config;
  logs: string[];
  databaseUrl?: string;
  createTenant(options?: { name?: string; mode?: 'sandbox' | 'live' }): Promise<TestTenant>;
}

export type TestTenant = CreatedTenant & { sheet: ReturnType<typeof credentialSheet> };

export interface TestServiceOptions {
  engine: Engine;
  env?: Record<string, string>;
  role?: Role;
  /** Use this PostgreSQL database instead of a new scratch one (several processes on one database). */
  databaseUrl?: string;
  clock?: ManualClock;
  modules?: ((app: FastifyInstance) => Promise<void>)[];
  /** The business modules to run (all of them unless given): a test module can join the real ones. */
  businessModules?: BusinessModule[];
  webhookRetryDelaySeconds?: number;
}

/** A real service on a random loopback port: in-memory PGlite, or a scratch PostgreSQL database. */
export async function startTestService(options: TestServiceOptions): Promise<TestService> {
  const scratch = options.engine === 'postgres' && !options.databaseUrl ? await createScratchDatabase({ migrated: true }) : undefined;
  const databaseUrl = options.databaseUrl ?? scratch?.url;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SWEEP_INTERVAL_MS: '3600000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '20' } : {}),
    ...options.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const clock = options.clock ?? new ManualClock('2026-11-21T10:00:00Z');
  const service = await startService({
    config,
    logger: createLogger(config.LOG_LEVEL, sink),
    role: options.role ?? 'all',
    clock: clock as Clock,
    inMemory: options.engine === 'pglite',
    ...(options.engine === 'pglite' ? { inMemoryTemplate: pgliteTemplateBlob() } : {}),
    webhookRetryDelaySeconds: options.webhookRetryDelaySeconds ?? 1,
    app: { modules: options.modules },
    ...(options.businessModules ? { modules: options.businessModules } : {}),
  });
  if (!service.app || !service.url) throw new Error('test service did not start its API');
  const stop = service.stop;
  return {
    ...service,
    app: service.app,
    url: service.url,
    clock,
    config,
    logs,
    databaseUrl,
    async stop() {
      await stop();
      await scratch?.drop();
    },
    async createTenant(tenantOptions = {}) {
      const created = await createTenant(service.platform.db, {
        name: tenantOptions.name ?? 'Test tenant',
        mode: tenantOptions.mode ?? 'sandbox',
        now: clock.now(),
      });
      return { ...created, sheet: credentialSheet(created, config.publicBaseUrl) };
    },
  };
}
