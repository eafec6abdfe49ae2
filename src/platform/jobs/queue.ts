import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { executeRaw, type DatabaseHandle, type Executor } from '../db/database.js';

/** The database schema pg-boss keeps its tables in. */
export const QUEUE_SCHEMA = 'pgboss';

export interface QueueDefinition {
  name: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
}

export type JobHandler<T> = (job: PgBoss.JobWithMetadata<T>) => Promise<void>;

/**
 * The durable job queue (pg-boss 10 on the same database, embedded or PostgreSQL). Jobs are enqueued inside
 * the transaction of the change that causes them, so a job exists exactly when its change committed.
 */
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #queues = new Map<string, QueueDefinition>();
  /** Handlers still running: pg-boss stops waiting for them after its timeout, but their completion still needs the database. */
  readonly #running = new Set<Promise<void>>();

  readonly #stopGraceMs: number;

  private constructor(boss: PgBoss, stopGraceMs: number) {
    this.#boss = boss;
    this.#stopGraceMs = stopGraceMs;
  }

  /** `stopGraceMs`: how long stop() lets running handlers finish before pg-boss fails their jobs (they may retry). */
  static async start(handle: DatabaseHandle, options: { logger: Logger; maintenance: boolean; stopGraceMs?: number }): Promise<JobQueue> {
    const boss = new PgBoss({
      schema: QUEUE_SCHEMA,
      db: { executeSql: async (text, values) => ({ rows: await handle.query(text, values ?? []) }) },
      supervise: options.maintenance,
      schedule: false,
      migrate: true,
    });
    boss.on('error', (error) => options.logger.error({ err: error }, 'job queue error'));
    await boss.start();
    return new JobQueue(boss, options.stopGraceMs ?? 10_000);
  }

  async define(definition: QueueDefinition): Promise<void> {
    if (this.#queues.has(definition.name)) return;
    const existing = await this.#boss.getQueue(definition.name);
    const settings = {
      name: definition.name,
      retryLimit: definition.retryLimit ?? 3,
      retryDelay: definition.retryDelaySeconds ?? 5,
      retryBackoff: definition.retryBackoff ?? true,
      expireInSeconds: definition.expireInSeconds ?? 15 * 60,
    };
    if (existing) await this.#boss.updateQueue(definition.name, settings);
    else await this.#boss.createQueue(definition.name, settings).catch(async (error: unknown) => {
      // Another process created it between our look-up and our create.
      if (!(await this.#boss.getQueue(definition.name))) throw error;
    });
    this.#queues.set(definition.name, definition);
  }

  /** Enqueues jobs in the caller's transaction. */
  async enqueue(executor: Executor, name: string, payloads: object[]): Promise<void> {
    if (payloads.length === 0) return;
    if (!this.#queues.has(name)) throw new Error(`Job queue ${name} is not defined`);
    const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: await executeRaw(executor, text, values ?? []) }) };
    await this.#boss.insert(payloads.map((data) => ({ name, data })), { db });
  }

  async work<T extends object>(name: string, handler: JobHandler<T>, options: { batchSize?: number; pollingIntervalSeconds?: number } = {}): Promise<void> {
    await this.#boss.work<T>(
      name,
      { includeMetadata: true, batchSize: options.batchSize ?? 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
      async (jobs) => {
        const run = (async () => {
          for (const job of jobs) await handler(job);
        })();
        this.#running.add(run);
        try {
          await run;
        } finally {
          this.#running.delete(run);
        }
      },
    );
  }

  async depth(): Promise<Record<string, number>> {
    const sizes: Record<string, number> = {};
    for (const name of this.#queues.keys()) sizes[name] = await this.#boss.getQueueSize(name);
    return sizes;
  }

  queueNames(): string[] {
    return [...this.#queues.keys()];
  }

  /**
   * Stops fetching, then waits for every running handler, so that pg-boss's completion or failure of their jobs
   * (which it issues without awaiting) reaches the database before the caller closes it.
   */
  async stop(): Promise<void> {
    await this.#boss.stop({ graceful: true, wait: true, timeout: this.#stopGraceMs });
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise((resolve) => (timer = setTimeout(resolve, 60_000)));
    await Promise.race([Promise.allSettled([...this.#running]), giveUp]);
    clearTimeout(timer);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
