/**
 * Coalesces concurrent requests for the same kind of database work into batches: items submitted while earlier
 * batches are in flight wait and go together in the next one, so under load one statement serves many requests
 * (the per-statement cost — round trip, executor start, commit — is paid once per batch), while a lone item is sent
 * at once. Items whose keys collide with an item already in a batch wait for a later batch: a batch never holds two
 * items that touch the same row.
 */
export interface CoalescerOptions<Item> {
  /** Most items in one batch. */
  readonly maxBatch: number;
  /** Most batches running at the same time (each holds a database connection while it runs). */
  readonly maxInFlight: number;
  /** What an item touches: no two items of a batch share a key. */
  readonly keysOf?: (item: Item) => readonly string[];
}

/** Runs one batch; answers one result per item, in the items' order. */
export type BatchRunner<Item, Result> = (items: readonly Item[]) => Promise<readonly Result[]>;

interface Waiting<Item, Result> {
  readonly item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export class Coalescer<Item, Result> {
  private queue: Waiting<Item, Result>[] = [];
  private inFlight = 0;
  private flushScheduled = false;

  constructor(private readonly runBatch: BatchRunner<Item, Result>, private readonly options: CoalescerOptions<Item>) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** Flushes after the current turn of the event loop, so the requests that turn handled go together. */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) this.start(this.takeBatch());
    });
  }

  private takeBatch(): Waiting<Item, Result>[] {
    const { keysOf, maxBatch } = this.options;
    if (!keysOf) return this.queue.splice(0, maxBatch);
    const taken: Waiting<Item, Result>[] = [];
    const left: Waiting<Item, Result>[] = [];
    const used = new Set<string>();
    for (const waiting of this.queue) {
      const keys = keysOf(waiting.item);
      if (taken.length < maxBatch && keys.every((key) => !used.has(key))) {
        keys.forEach((key) => used.add(key));
        taken.push(waiting);
      } else {
        left.push(waiting);
      }
    }
    this.queue = left;
    return taken;
  }

  private start(batch: Waiting<Item, Result>[]): void {
    STATS.batches += 1; STATS.items += batch.length;
    this.inFlight += 1;
    this.runBatch(batch.map((waiting) => waiting.item)).then(
      (results) => {
        if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} answered ${results.length} results`);
        batch.forEach((waiting, index) => waiting.resolve(results[index] as Result));
      },
    ).catch((error: unknown) => batch.forEach((waiting) => waiting.reject(error))).finally(() => {
      this.inFlight -= 1;
      this.scheduleFlush();
    });
  }
}

const STATS = { batches: 0, items: 0 };
if (process.env.COALESCE_STATS) setInterval(() => { if (STATS.batches) console.error(`coalescer: ${STATS.batches} batches, ${(STATS.items / STATS.batches).toFixed(2)} items each`); STATS.batches = 0; STATS.items = 0; }, 4000).unref();
