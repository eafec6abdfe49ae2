/**
 * Coalesces concurrent requests for the same kind of database work into batches: items submitted while earlier
 * batches are in flight wait and go together in the next one, so under load one statement serves many requests
 * (the per-statement cost — round trip, executor start, commit — is paid once per batch), while a lone item is sent
 * at once. An item whose keys collide with an earlier item's waits for a later batch than that item: a batch never
 * holds two items that touch the same row, and items that share a key go in the order they came.
 */
export interface CoalescerOptions<Item> {
  /** Most items in one batch. */
  readonly maxBatch: number;
  /** Most batches running at the same time (each holds a database connection while it runs). */
  readonly maxInFlight: number;
  /** What an item touches: no two items of a batch share a key. */
  readonly keysOf?: (item: Item) => readonly string[];
  /**
   * The only batch sizes to send (1 among them), the largest that the waiting items fill; the rest wait for the next
   * batch. For runners that prepare a statement per batch size, so fewer distinct statements are planned.
   */
  readonly batchSizes?: readonly number[];
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

  constructor(private readonly runBatch: BatchRunner<Item, Result>, private readonly options: CoalescerOptions<Item>) {
    if (!(options.maxBatch >= 1 && options.maxInFlight >= 1)) throw new Error('a coalescer needs maxBatch and maxInFlight of at least 1');
    if (options.batchSizes && !options.batchSizes.includes(1)) throw new Error('a coalescer\'s batchSizes must include 1');
  }

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
    const { keysOf, maxBatch, batchSizes } = this.options;
    if (!keysOf && !batchSizes) return this.queue.splice(0, maxBatch);
    const taken = keysOf ? this.takeableByKeys(keysOf, maxBatch) : this.queue.slice(0, maxBatch);
    // Items dropped from the end of `taken` share no key with an earlier item left behind, so they may go first.
    if (batchSizes) taken.splice(Math.max(1, ...batchSizes.filter((size) => size <= taken.length)));
    const chosen = new Set(taken);
    this.queue = this.queue.filter((waiting) => !chosen.has(waiting));
    return taken;
  }

  /** The waiting items a batch may take in order, none sharing a key with an earlier one, at most `maxBatch`. */
  private takeableByKeys(keysOf: (item: Item) => readonly string[], maxBatch: number): Waiting<Item, Result>[] {
    const taken: Waiting<Item, Result>[] = [];
    const used = new Set<string>();
    // An item left behind still reserves its keys: a later item never overtakes an earlier one on a shared key.
    for (const waiting of this.queue) {
      const keys = keysOf(waiting.item);
      if (taken.length < maxBatch && keys.every((key) => !used.has(key))) taken.push(waiting);
      keys.forEach((key) => used.add(key));
    }
    return taken;
  }

  private start(batch: Waiting<Item, Result>[]): void {
    this.inFlight += 1;
    const items = batch.map((waiting) => waiting.item);
    Promise.resolve().then(() => this.runBatch(items)).then(
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
