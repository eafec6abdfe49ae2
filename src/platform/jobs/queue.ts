import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { executeRaw, type DatabaseHandle, type Executor } from '../db/database.js';
import type { FastStatement, FastWrite } from '../db/fast-query.js';

/** The database schema pg-boss keeps its tables in. */
export const QUEUE_SCHEMA = 'pgboss';

export interface QueueDefinition {
  name: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
}

/**
 * pg-boss's own insert (plans.js insertJobs) for jobs that carry nothing but their data, with this service's boss
 * configuration (no retry, expiry or retention defaults of its own: the queue's settings, else pg-boss's built-in
 * ones), as a plain `INSERT … SELECT` without WHERE so that fastGuardedWriteAll can make it conditional. The queues
 * this service defines have the standard policy, whose job table has no unique index a plain job could conflict on, so
 * pg-boss's ON CONFLICT DO NOTHING never applies. test/platform/job-enqueue-write.test.ts compares the rows of both.
 */
const INSERT_JOBS: FastStatement = {
  name: 'jobs_enqueue',
  text: `INSERT INTO ${QUEUE_SCHEMA}.job (id, name, data, priority, start_after, singleton_key, singleton_on, dead_letter, expire_in, keep_until,
      retry_limit, retry_delay, retry_backoff, policy)
    SELECT gen_random_uuid(), q.name, j.data, 0, now(), NULL, NULL, q.dead_letter,
      CASE WHEN q.expire_seconds IS NOT NULL THEN q.expire_seconds * interval '1s' ELSE interval '15 minutes' END,
      now() + CAST(COALESCE((q.retention_minutes * 60)::text, '14 days') AS interval),
      COALESCE(q.retry_limit, 2),
      CASE WHEN COALESCE(q.retry_backoff, false) THEN GREATEST(q.retry_delay, 1) ELSE COALESCE(q.retry_delay, 0) END,
      COALESCE(q.retry_backoff, false), q.policy
    FROM jsonb_array_elements($2::jsonb) AS j(data) JOIN ${QUEUE_SCHEMA}.queue q ON q.name = $1::text`,
};

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
  /** pg-boss's own statements in flight: a fetch that returns after stop() began still starts its handler. */
  readonly #inFlight: Set<Promise<unknown>>;

  readonly #stopGraceMs: number;

  private constructor(boss: PgBoss, inFlight: Set<Promise<unknown>>, stopGraceMs: number) {
    this.#boss = boss;
    this.#inFlight = inFlight;
    this.#stopGraceMs = stopGraceMs;
  }

  /** `stopGraceMs`: how long stop() lets running handlers finish before pg-boss fails their jobs (they may retry). */
  static async start(handle: DatabaseHandle, options: { logger: Logger; maintenance: boolean; stopGraceMs?: number }): Promise<JobQueue> {
    const inFlight = new Set<Promise<unknown>>();
    const executeSql = async (text: string, values?: unknown[]) => {
      const query = handle.query(text, values ?? []);
      inFlight.add(query);
      try {
        return { rows: await query };
      } finally {
        inFlight.delete(query);
      }
    };
    const boss = new PgBoss({
      schema: QUEUE_SCHEMA,
      db: { executeSql },
      supervise: options.maintenance,
      schedule: false,
      migrate: true,
    });
    boss.on('error', (error) => options.logger.error({ err: error }, 'job queue error'));
    await boss.start();
    return new JobQueue(boss, inFlight, options.stopGraceMs ?? 10_000);
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

  /**
   * The write that enqueues jobs, to send with the other writes of the change that causes them (fastWriteAll, or
   * fastGuardedWriteAll outside a transaction): the same rows `enqueue` inserts.
   */
  enqueueWrite(name: string, payloads: readonly object[]): FastWrite {
    if (!this.#queues.has(name)) throw new Error(`Job queue ${name} is not defined`);
    return { statement: INSERT_JOBS, values: [name, JSON.stringify(payloads)] };
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
   * Stops fetching, then waits until neither a handler nor one of pg-boss's statements is running, so that
   * everything it issues without awaiting (the completion or failure of a job, a fetch already on its way whose
   * job then starts) reaches the database before the caller closes it. Gives up after a minute.
   */
  async stop(): Promise<void> {
    await this.#boss.stop({ graceful: true, wait: true, timeout: this.#stopGraceMs });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await nextMacrotask();
      const pending = [...this.#running, ...this.#inFlight];
      if (pending.length === 0) return;
      await settledOrTimeout(pending, deadline - Date.now());
    }
  }
}

function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function settledOrTimeout(pending: Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise((resolve) => (timer = setTimeout(resolve, Math.max(ms, 0))));
  await Promise.race([Promise.allSettled(pending), giveUp]);
  clearTimeout(timer);
}
