import type { FastifyInstance } from 'fastify';
import { constants as osConstants } from 'node:os';
import type { Logger } from 'pino';
import { buildApp, type AppOptions } from './app.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import type { ProcessOutput } from './platform/logging.js';
import { openDatabase } from './platform/db/database.js';
import { acquireDataDirLock, type DataDirLock } from './platform/db/data-dir-lock.js';
import { applyMigrations } from './platform/db/migrate.js';
import { JobQueue, type JobHandler } from './platform/jobs/queue.js';
import { Sweeper } from './platform/sweeper/sweeper.js';
import { auditSealingSweep, expiredAccessTokensSweep, expiredIdempotencyKeysSweep } from './platform/maintenance-sweeps.js';
import { DELIVER_QUEUE, webhookDispatchSweep } from './platform/webhooks/dispatch.js';
import { declareReactionTypes, reactionJobHandler, reactionQueueName, reactionQueues, type EventReaction } from './platform/events/reactions.js';
import { deliverWebhook } from './platform/webhooks/deliver.js';
import { MAIL_QUEUE, type MailJob } from './platform/mail/outbox.js';
import { sendStoredMail, type UndeliverableMailHandler } from './platform/mail/send.js';
import { randomHex } from './platform/auth/secrets.js';
import type { Platform } from './platform/services.js';
import { internalCliRoute } from './cli/internal-route.js';
import { MODULES, type BusinessModule } from './modules.js';
import * as schema from './schema.js';

export type Role = 'api' | 'worker' | 'all';

const QUEUE_SETUP_LOCK_ID = 7_263_003;

export interface ServiceOptions {
  config: Config;
  logger: Logger;
  role?: Role;
  clock?: Clock;
  /** Tests: an in-memory embedded database (no data directory, no lock). */
  inMemory?: boolean;
  /** Tests: the in-memory database starts as a copy of this dumped data directory (see `DatabaseOptions`). */
  inMemoryTemplate?: Blob;
  /** Listen on config.PORT; tests may use `app.inject` instead. */
  listen?: boolean;
  webhookRetryDelaySeconds?: number;
  app?: AppOptions;
  /** The business modules to run; all of `MODULES` unless given. */
  modules?: BusinessModule[];
}

export interface RunningService {
  platform: Platform;
  app?: FastifyInstance;
  sweeper?: Sweeper;
  url?: string;
  stop(): Promise<void>;
}

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** Opens the database (taking the data-dir lock when embedded), migrates it, and starts the API and/or the workers. */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config, logger } = options;
  const role = options.role ?? 'all';
  const embedded = !config.DATABASE_URL;
  if (embedded && role !== 'all') {
    throw new StartupError(`--role ${role} needs PostgreSQL (DATABASE_URL): the embedded database belongs to one process, which must run both the API and the workers.`);
  }
  const lock: DataDirLock | undefined = embedded && !options.inMemory ? acquireDataDirLock(config.DATA_DIR) : undefined;
  const cleanups: (() => Promise<void>)[] = [async () => lock?.release()];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
  };
  try {
    const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE, inMemory: options.inMemory, inMemoryTemplate: options.inMemoryTemplate, schema });
    cleanups.push(() => handle.close());
    await applyMigrations(handle);
    const runsWorkers = role !== 'api';
    const jobs = await JobQueue.start(handle, { logger, maintenance: runsWorkers });
    cleanups.push(() => jobs.stop());
    const modules = options.modules ?? MODULES;
    const platform: Platform = { config, handle, db: handle.db, clock: options.clock ?? systemClock, jobs, logger };
    const reactions = modules.flatMap((module) => module.reactions?.(platform) ?? []);
    declareReactionTypes(reactions);
    const queues = [
      { name: DELIVER_QUEUE, retryLimit: 8, retryDelaySeconds: options.webhookRetryDelaySeconds ?? 10, retryBackoff: true, expireInSeconds: 60 },
      { name: MAIL_QUEUE, retryLimit: 6, retryDelaySeconds: options.webhookRetryDelaySeconds ?? 30, retryBackoff: true, expireInSeconds: 120 },
      ...modules.flatMap((module) => module.queues ?? []),
      ...reactionQueues(reactions),
    ];
    // pg-boss deadlocks when processes create the same queues at the same moment: one process at a time.
    await handle.withAdvisoryLock(QUEUE_SETUP_LOCK_ID, async () => {
      for (const queue of queues) await jobs.define(queue);
    });
    const service: RunningService = { platform, stop: stopAll };
    if (runsWorkers) service.sweeper = await startWorkers(platform, modules, reactions, cleanups);
    if (role !== 'worker') await startApi(service, options, modules, lock, cleanups);
    return service;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function startWorkers(
  platform: Platform, modules: BusinessModule[], reactions: EventReaction[], cleanups: (() => Promise<void>)[],
): Promise<Sweeper> {
  const sweeper = new Sweeper(platform.db, platform.clock, platform.logger);
  sweeper.register(webhookDispatchSweep(platform.jobs, reactions));
  sweeper.register(expiredIdempotencyKeysSweep);
  sweeper.register(expiredAccessTokensSweep);
  sweeper.register(auditSealingSweep);
  await platform.jobs.work<{ deliveryId: string }>(DELIVER_QUEUE, deliverWebhook(platform.db, platform.clock, platform.logger));
  const undeliverable = Object.assign({}, ...modules.map((module) => module.undeliverableMailHandlers?.(platform) ?? {})) as Record<string, UndeliverableMailHandler>;
  await platform.jobs.work<MailJob>(MAIL_QUEUE, sendStoredMail(platform.db, platform.clock, platform.logger, platform.config.SMTP_URL, undeliverable));
  for (const reaction of reactions) await platform.jobs.work(reactionQueueName(reaction), reactionJobHandler(platform.db, reaction) as JobHandler<object>);
  for (const module of modules) {
    for (const sweep of module.sweeps?.(platform) ?? []) sweeper.register(sweep);
    for (const [queue, handler] of Object.entries(module.jobHandlers?.(platform) ?? {})) await platform.jobs.work(queue, handler as JobHandler<object>);
  }
  sweeper.start(platform.config.SWEEP_INTERVAL_MS);
  cleanups.push(() => sweeper.stop());
  return sweeper;
}

async function startApi(
  service: RunningService,
  options: ServiceOptions,
  modules: BusinessModule[],
  lock: DataDirLock | undefined,
  cleanups: (() => Promise<void>)[],
): Promise<void> {
  const adminSecret = randomHex(24);
  const moduleRoutes = modules.flatMap((module) => (module.routes ? [module.routes] : []));
  const app = await buildApp(service.platform, {
    modules: [...moduleRoutes, ...(options.app?.modules ?? []), async (instance) => (lock ? internalCliRoute(instance, adminSecret) : undefined)],
  });
  // Closing the app first lets in-flight requests finish before the database goes away.
  cleanups.push(() => app.close());
  service.app = app;
  if (options.listen === false) return;
  const { config } = service.platform;
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  service.url = `http://127.0.0.1:${port}`;
  lock?.update({ adminUrl: service.url, adminSecret });
}

/**
 * Ctrl-C on `npm start` delivers SIGINT twice within milliseconds: the terminal signals the whole process group and npm
 * forwards its own copy to the server. The same signal that soon after the first is that echo, not a second request.
 */
const SIGNAL_ECHO_MS = 300;

function isEcho(first: { signal: NodeJS.Signals; at: number }, signal: NodeJS.Signals): boolean {
  return signal === first.signal && Date.now() - first.at < SIGNAL_ECHO_MS;
}

/** How long a stopped service waits for its last log lines to reach a slow reader before it exits anyway. */
const LOG_FLUSH_GRACE_MS = 2_000;

export interface SignalHandling {
  /** The service being started: a signal that arrives during the start stops it once it has started. */
  service: Promise<RunningService>;
  logger: Logger;
  output: ProcessOutput;
  timeoutMs: number;
}

/**
 * SIGTERM or SIGINT stops the service: in-flight requests finish, then the process exits. The process ends within
 * `timeoutMs` whatever the state of its output (nothing in the exit path writes synchronously); a second signal ends
 * it at once.
 */
export function stopOnSignals({ service, logger, output, timeoutMs }: SignalHandling): void {
  let firstSignal: { signal: NodeJS.Signals; at: number } | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignal) {
      if (!isEcho(firstSignal, signal)) process.exit(128 + osConstants.signals[signal]);
      return;
    }
    firstSignal = { signal, at: Date.now() };
    logger.info({ signal, timeoutMs }, 'shutting down: finishing in-flight requests (a second signal stops at once)');
    const deadline = Date.now() + timeoutMs;
    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, timeoutMs).unref();
    void service
      // A start that failed is reported by the command that awaited it.
      .then((running) => running.stop(), () => undefined)
      .then(() => {
        logger.info('stopped');
        return output.flushed(Math.min(LOG_FLUSH_GRACE_MS, deadline - Date.now()));
      })
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
