import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Database, Transaction } from '../db/database.js';

/**
 * A deadline sweep: due rows are found through an indexed deadline column, claimed with
 * `FOR UPDATE SKIP LOCKED` in bounded batches, and processed in the same transaction that clears their deadline,
 * so each deadline fires exactly once however many processes sweep at the same time.
 */
export interface Sweep<Row> {
  name: string;
  batchSize: number;
  /**
   * How many batches one pass runs side by side (default 1), each in its own transaction: SKIP LOCKED hands them
   * disjoint rows, so this adds throughput without changing what fires. Needs as many pool connections.
   */
  concurrency?: number;
  /** Claims at most `limit` due rows (must lock them with FOR UPDATE SKIP LOCKED). `now` is the system time. */
  claimDue(tx: Transaction, now: Date, limit: number): Promise<Row[]>;
  /** Fires the claimed rows and clears or moves their deadlines, in the same transaction. */
  fire(tx: Transaction, rows: Row[], now: Date): Promise<void>;
}

export interface SweepReport {
  name: string;
  processed: number;
  batches: number;
}

/** Runs one batch of a sweep in its own transaction; returns how many rows it fired. */
export async function sweepBatch<Row>(db: Database, sweep: Sweep<Row>, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await sweep.claimDue(tx, now, sweep.batchSize);
    if (rows.length > 0) await sweep.fire(tx, rows, now);
    return rows.length;
  });
}

/**
 * Sweeps until nothing is due (or `maxBatches` is reached, so one busy sweep cannot starve the others), with
 * `sweep.concurrency` batches in flight.
 */
export async function sweepUntilDone<Row>(db: Database, sweep: Sweep<Row>, clock: Clock, maxBatches = 1000): Promise<SweepReport> {
  let processed = 0;
  let batches = 0;
  let drained = false;
  const lane = async () => {
    while (!drained && batches < maxBatches) {
      batches += 1;
      const count = await sweepBatch(db, sweep, clock.now());
      processed += count;
      if (count < sweep.batchSize) drained = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, sweep.concurrency ?? 1) }, lane));
  return { name: sweep.name, processed, batches };
}

export class Sweeper {
  readonly #sweeps: Sweep<unknown>[] = [];
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  register<Row>(sweep: Sweep<Row>): void {
    this.#sweeps.push(sweep as Sweep<unknown>);
  }

  /** One pass over every registered sweep. */
  async runOnce(): Promise<SweepReport[]> {
    const reports: SweepReport[] = [];
    for (const sweep of this.#sweeps) {
      try {
        reports.push(await sweepUntilDone(this.db, sweep, this.clock));
      } catch (error) {
        this.logger.error({ err: error, sweep: sweep.name }, 'sweep failed; it will be retried on the next pass');
      }
    }
    return reports;
  }

  start(intervalMs: number): void {
    const tick = () => {
      if (this.#stopped) return;
      this.#running = this.runOnce().then(() => undefined);
      void this.#running.finally(() => {
        if (!this.#stopped) this.#timer = setTimeout(tick, intervalMs);
      });
    };
    this.#timer = setTimeout(tick, intervalMs);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }
}
