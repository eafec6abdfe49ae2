// Coalescer: batches of concurrent items, at most maxInFlight at once, no shared key within a batch, every item
// answered with its own result (or its batch's error).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Coalescer, type CoalescerOptions } from '../../src/platform/db/coalescer.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets the event loop run `count` turns: the coalescer flushes on setImmediate, after a batch's promise settles. */
async function turns(count = 3): Promise<void> {
  for (let i = 0; i < count; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A runBatch the test completes by hand, recording every batch and how many ran at the same time. */
function controlledRunner<Item, Result>() {
  const running: { items: readonly Item[]; answer: Deferred<readonly Result[]> }[] = [];
  const batches: (readonly Item[])[] = [];
  let active = 0;
  let mostActive = 0;
  const runBatch = (items: readonly Item[]) => {
    batches.push([...items]);
    active += 1;
    mostActive = Math.max(mostActive, active);
    const answer = deferred<readonly Result[]>();
    running.push({ items, answer });
    return answer.promise.finally(() => {
      active -= 1;
    });
  };
  /** Settles the running batch at `index` (in start order among those still running). */
  const complete = (index: number, outcome: { results: (items: readonly Item[]) => readonly Result[] } | { error: unknown }) => {
    const [batch] = running.splice(index, 1);
    if (!batch) throw new Error(`no running batch at ${index}`);
    if ('error' in outcome) batch.answer.reject(outcome.error);
    else batch.answer.resolve(outcome.results(batch.items));
  };
  return { runBatch, complete, running, batches, mostActive: () => mostActive };
}

/** What a batch runner answers for an item: computed from the item itself, so a mix-up shows. */
const resultOf = (item: string) => `result of ${item}`;
const answerAll = { results: (items: readonly string[]) => items.map(resultOf) };

/** A runner that answers at once and records its batches. */
function immediateRunner<Item>(answer: (item: Item) => string) {
  const batches: (readonly Item[])[] = [];
  const runBatch = (items: readonly Item[]) => {
    batches.push([...items]);
    return Promise.resolve(items.map(answer));
  };
  return { runBatch, batches };
}

describe('Coalescer', () => {
  it('sends the items submitted in one turn as one batch, and answers each with its own result', async () => {
    const runner = immediateRunner(resultOf);
    const coalescer = new Coalescer(runner.runBatch, { maxBatch: 10, maxInFlight: 2 });
    const results = await Promise.all(['a', 'b', 'c'].map((item) => coalescer.submit(item)));
    expect(runner.batches).toEqual([['a', 'b', 'c']]);
    expect(results).toEqual(['result of a', 'result of b', 'result of c']);
  });

  it('sends a lone item at once, without waiting for others to come', async () => {
    const runner = controlledRunner<string, string>();
    const coalescer = new Coalescer(runner.runBatch, { maxBatch: 10, maxInFlight: 2 });
    const result = coalescer.submit('alone');
    await turns(1);
    expect(runner.batches).toEqual([['alone']]);
    runner.complete(0, answerAll);
    await expect(result).resolves.toBe('result of alone');
  });

  it('runs at most maxInFlight batches at once; items queued meanwhile go together in the next batch', async () => {
    const runner = controlledRunner<string, string>();
    const coalescer = new Coalescer(runner.runBatch, { maxBatch: 10, maxInFlight: 2 });
    const results: Promise<string>[] = [];
    for (const item of ['a', 'b', 'c', 'd', 'e']) {
      results.push(coalescer.submit(item));
      await turns();
    }
    expect(runner.batches).toEqual([['a'], ['b']]);
    runner.complete(1, answerAll); // 'b' finishes first
    await turns();
    expect(runner.batches).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
    expect(runner.running).toHaveLength(2);
    runner.complete(0, answerAll);
    runner.complete(0, answerAll);
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd', 'e'].map(resultOf));
    expect(runner.mostActive()).toBe(2);
  });

  it('never starts a second batch while maxInFlight is 1', async () => {
    const runner = controlledRunner<string, string>();
    const coalescer = new Coalescer(runner.runBatch, { maxBatch: 2, maxInFlight: 1 });
    const results = ['a', 'b', 'c', 'd', 'e'].map((item) => coalescer.submit(item));
    await turns();
    expect(runner.batches).toEqual([['a', 'b']]);
    for (let done = 0; done < 3; done += 1) {
      runner.complete(0, answerAll);
      await turns();
    }
    expect(runner.batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd', 'e'].map(resultOf));
    expect(runner.mostActive()).toBe(1);
  });

  it('splits one turn of items into batches of at most maxBatch, started together when in-flight room allows', async () => {
    const runner = controlledRunner<string, string>();
    const coalescer = new Coalescer(runner.runBatch, { maxBatch: 3, maxInFlight: 4 });
    const items = ['1', '2', '3', '4', '5', '6', '7', '8'];
    const results = items.map((item) => coalescer.submit(item));
    await turns(1);
    expect(runner.batches).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7', '8']]);
    runner.complete(2, answerAll);
    runner.complete(0, answerAll);
    runner.complete(0, answerAll);
    expect(await Promise.all(results)).toEqual(items.map(resultOf));
  });

  it('puts items whose keys collide into later batches, in order, and still answers each with its own result', async () => {
    interface Keyed { id: string; keys: string[] }
    const runner = immediateRunner((item: Keyed) => resultOf(item.id));
    const options: CoalescerOptions<Keyed> = { maxBatch: 10, maxInFlight: 1, keysOf: (item) => item.keys };
    const coalescer = new Coalescer(runner.runBatch, options);
    const items: Keyed[] = [
      { id: 'a', keys: ['x'] },
      { id: 'b', keys: ['x'] },
      { id: 'c', keys: ['y'] },
      { id: 'd', keys: ['x', 'y'] },
      { id: 'e', keys: ['z'] },
      { id: 'f', keys: [] },
    ];
    const results = await Promise.all(items.map((item) => coalescer.submit(item)));
    expect(runner.batches.map((batch) => batch.map((item) => item.id))).toEqual([['a', 'c', 'e', 'f'], ['b'], ['d']]);
    expect(results).toEqual(['a', 'b', 'c', 'd', 'e', 'f'].map(resultOf));
  });

  it('with batchSizes, sends the largest allowed size the waiting items fill, the rest in later batches in order', async () => {
    interface Keyed { id: string; keys: string[] }
    const runner = immediateRunner((item: Keyed) => resultOf(item.id));
    const coalescer = new Coalescer(runner.runBatch, { maxBatch: 8, maxInFlight: 1, batchSizes: [1, 2, 4, 8], keysOf: (item: Keyed) => item.keys });
    const items: Keyed[] = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ id, keys: [id === 'c' ? 'a' : id] }));
    const results = await Promise.all(items.map((item) => coalescer.submit(item)));
    // 'c' shares a key with 'a': six items can go first, and four is the largest allowed size they fill.
    expect(runner.batches.map((batch) => batch.map((item) => item.id))).toEqual([['a', 'b', 'd', 'e'], ['c', 'f'], ['g']]);
    expect(results).toEqual(items.map((item) => resultOf(item.id)));
    expect(() => new Coalescer(runner.runBatch, { maxBatch: 8, maxInFlight: 1, batchSizes: [2, 4] })).toThrow(/must include 1/);
  });

  it('never lets an item overtake an earlier one that shares a key, even one left behind', async () => {
    interface Keyed { id: string; keys: string[] }
    const runner = immediateRunner((item: Keyed) => resultOf(item.id));
    const coalescer = new Coalescer(runner.runBatch, { maxBatch: 10, maxInFlight: 1, keysOf: (item: Keyed) => item.keys });
    const items: Keyed[] = [{ id: 'a', keys: ['x'] }, { id: 'b', keys: ['x', 'y'] }, { id: 'c', keys: ['y'] }];
    await Promise.all(items.map((item) => coalescer.submit(item)));
    expect(runner.batches.map((batch) => batch.map((item) => item.id))).toEqual([['a'], ['b'], ['c']]);
  });

  it('rejects the items of a batch whose runner throws instead of rejecting, and keeps going', async () => {
    let calls = 0;
    const coalescer = new Coalescer((items: readonly string[]) => {
      calls += 1;
      if (calls === 1) throw new Error('thrown, not rejected');
      return Promise.resolve(items.map(resultOf));
    }, { maxBatch: 10, maxInFlight: 1 });
    await expect(coalescer.submit('a')).rejects.toThrow('thrown, not rejected');
    await expect(coalescer.submit('b')).resolves.toBe(resultOf('b'));
  });

  it('refuses limits below one', () => {
    const run = (items: readonly string[]) => Promise.resolve(items);
    expect(() => new Coalescer(run, { maxBatch: 0, maxInFlight: 1 })).toThrow('at least 1');
    expect(() => new Coalescer(run, { maxBatch: 1, maxInFlight: 0 })).toThrow('at least 1');
  });

  it('rejects the items of a failed batch with its error, and keeps running later batches', async () => {
    const failure = new Error('statement failed');
    const batches: string[][] = [];
    const runBatch = async (items: readonly string[]) => {
      batches.push([...items]);
      if (items.includes('bad')) throw failure;
      return items.map(resultOf);
    };
    const coalescer = new Coalescer(runBatch, { maxBatch: 2, maxInFlight: 1 });
    const [a, bad, c, d] = ['a', 'bad', 'c', 'd'].map((item) => coalescer.submit(item));
    await expect(a).rejects.toBe(failure);
    await expect(bad).rejects.toBe(failure);
    await expect(c).resolves.toBe('result of c');
    await expect(d).resolves.toBe('result of d');
    await expect(coalescer.submit('later')).resolves.toBe('result of later');
    expect(batches).toEqual([['a', 'bad'], ['c', 'd'], ['later']]);
  });

  it('rejects every item of a batch answered with the wrong number of results, and keeps running later batches', async () => {
    let answer: (items: readonly string[]) => string[] = (items) => items.slice(1).map(resultOf);
    const coalescer = new Coalescer(async (items: readonly string[]) => answer(items), { maxBatch: 10, maxInFlight: 1 });
    const tooFew = ['a', 'b'].map((item) => coalescer.submit(item));
    for (const result of tooFew) await expect(result).rejects.toThrow('a batch of 2 answered 1 results');
    answer = (items) => [...items, 'extra'].map(resultOf);
    await expect(coalescer.submit('c')).rejects.toThrow('a batch of 1 answered 2 results');
    answer = (items) => items.map(resultOf);
    await expect(coalescer.submit('d')).resolves.toBe('result of d');
  });
});

// The property: random submissions (keys from a small set), turns of the event loop and batch completions (in random
// order, some failing), then every batch left completes; check what every item got and how batches were formed.
type Step =
  | { kind: 'submit'; keys: string[] }
  | { kind: 'turn' }
  | { kind: 'complete'; pick: number; fail: boolean };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('submit' as const), keys: fc.uniqueArray(fc.constantFrom('k1', 'k2', 'k3', 'k4'), { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('turn' as const) }),
  fc.record({ kind: fc.constant('complete' as const), pick: fc.nat(), fail: fc.boolean() }),
);

interface PropertyItem { id: number; keys: string[] }
type Outcome = { ok: true; value: string } | { ok: false; error: unknown };

describe('Coalescer property', () => {
  it('answers every item from itself or its batch\'s error; batches respect maxBatch, batchSizes, keys and maxInFlight', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 3 }),
      fc.boolean(),
      fc.option(fc.uniqueArray(fc.integer({ min: 2, max: 4 }), { maxLength: 2 }), { nil: undefined }),
      fc.array(stepArbitrary, { maxLength: 40 }),
      fc.array(fc.nat(), { minLength: 1, maxLength: 10 }),
      async (maxBatch, maxInFlight, withKeys, largerSizes, steps, drainPicks) => {
        const runner = controlledRunner<PropertyItem, string>();
        const batchSizes = largerSizes && [1, ...largerSizes];
        const coalescer = new Coalescer(runner.runBatch, {
          maxBatch, maxInFlight, ...(withKeys ? { keysOf: (item: PropertyItem) => item.keys } : {}), ...(batchSizes ? { batchSizes } : {}),
        });
        const answer = (item: PropertyItem) => `result of ${item.id}`;
        const items: PropertyItem[] = [];
        const outcomes = new Map<number, Outcome>();
        const failures = new Map<readonly PropertyItem[], Error>();
        const completeAt = (pick: number, fail: boolean) => {
          const batch = runner.running[pick % runner.running.length]!.items;
          if (fail) {
            const error = new Error(`batch of ${batch.map((item) => item.id).join(',')} failed`);
            failures.set(batch, error);
            runner.complete(pick % runner.running.length, { error });
          } else {
            runner.complete(pick % runner.running.length, { results: (batchItems) => batchItems.map(answer) });
          }
        };

        for (const step of steps) {
          if (step.kind === 'submit') {
            const item = { id: items.length, keys: step.keys };
            items.push(item);
            coalescer.submit(item).then(
              (value) => outcomes.set(item.id, { ok: true, value }),
              (error: unknown) => outcomes.set(item.id, { ok: false, error }),
            );
          } else if (step.kind === 'turn') {
            await turns(1);
          } else if (runner.running.length > 0) {
            completeAt(step.pick, step.fail);
          }
        }
        // Drain: complete what runs (in a random order) until every item is answered; a stuck coalescer fails.
        for (let round = 0; outcomes.size < items.length; round += 1) {
          await turns();
          if (outcomes.size === items.length) break;
          expect(runner.running.length, `stuck with ${items.length - outcomes.size} items unanswered`).toBeGreaterThan(0);
          expect(round).toBeLessThan(items.length + 10);
          completeAt(drainPicks[round % drainPicks.length]!, false);
        }

        expect(runner.mostActive()).toBeLessThanOrEqual(maxInFlight);
        for (const batch of runner.batches) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length).toBeLessThanOrEqual(maxBatch);
          if (batchSizes) expect(batchSizes).toContain(batch.length);
          if (withKeys) {
            const keys = batch.flatMap((item) => item.keys);
            expect(new Set(keys).size, `duplicate key in batch ${JSON.stringify(batch)}`).toBe(keys.length);
          }
        }
        if (withKeys) {
          const batchOf = new Map<number, number>();
          runner.batches.forEach((batch, index) => batch.forEach((item) => batchOf.set(item.id, index)));
          for (const earlier of items) {
            for (const later of items.filter((item) => item.id > earlier.id && item.keys.some((key) => earlier.keys.includes(key)))) {
              expect(batchOf.get(earlier.id)!, `item ${later.id} overtook item ${earlier.id}`).toBeLessThan(batchOf.get(later.id)!);
            }
          }
        }
        const sent = runner.batches.flatMap((batch) => batch.map((item) => item.id)).sort((a, b) => a - b);
        expect(sent).toEqual(items.map((item) => item.id));
        for (const item of items) {
          const failedBatch = [...failures.entries()].find(([batch]) => batch.includes(item));
          const outcome = outcomes.get(item.id);
          if (failedBatch) expect(outcome?.ok === false && outcome.error).toBe(failedBatch[1]);
          else expect(outcome).toEqual({ ok: true, value: answer(item) });
        }
      },
    ), { numRuns: 300 });
  });
});
