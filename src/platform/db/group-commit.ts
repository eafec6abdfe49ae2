import { Coalescer } from './coalescer.js';
import type { Executor } from './database.js';
import { fastWriteAll, writesShape, type FastWrite } from './fast-query.js';

/*
 * Group commit for requests whose writes each commit alone: one statement outside a transaction (fastWriteAll on the
 * pool), all of it or nothing, its compare-and-sets failing it whole. Under load, the writes of the requests that are
 * ready together go out as one such statement (a Coalescer batch), so PostgreSQL runs one statement start, one commit
 * and one WAL flush for the group, and the service one round trip. When the group's statement fails (a compare-and-set
 * that lost, a unique violation, a deadlock), nothing of it was written and each request's writes run again alone:
 * every request gets the outcome it would have had without the group. A group never holds two requests that name the
 * same key (an account), and its requests go in key order, so groups lock the rows they share in the same order
 * (groups of different shapes run at the same time). Two requests on one account in groups of different shapes: the
 * later one's compare-and-set fails, as between any two requests, and it runs as a transaction.
 */

/** One request's writes, and the keys of the rows it changes under its compare-and-sets (e.g. its account). */
export interface GroupedWrite {
  readonly writes: readonly FastWrite[];
  readonly keys: readonly string[];
}

/** Most requests in one group: the statement's parameters and its CTEs grow with it. */
const MAX_GROUP = 16;
/** A request with more parameters than this goes alone: a group's statement stays far below PostgreSQL's 65,535. */
const MAX_VALUES_GROUPED = 400;
/**
 * The group sizes sent. Each connection plans each distinct statement afresh for its first runs (custom plans), and a
 * group's statement differs with its size: fewer sizes, fewer plannings of large statements.
 */
export const GROUP_SIZES: readonly number[] = [1, 2, 3, 4, 6, 8, 12, 16];
/**
 * Groups in flight at once: one, so that the next group gathers every request that became ready meanwhile. On the
 * servicing bench (16 clients, ledger writes) that made groups of ~7 against ~4 with two in flight, and cost less CPU
 * per request (docs/architecture.md, "group commit").
 */
const MAX_IN_FLIGHT = 1;

/** What became of one request's writes. */
type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown };

const OK: Outcome = { ok: true };

/** Per database, a Coalescer per shape of writes (their statements, in order). */
const groupsByDatabase = new WeakMap<Executor, Map<string, Coalescer<GroupedWrite, Outcome>>>();

/**
 * Sends a request's writes as one statement, alone or with the writes of other requests that are ready at the same
 * time and write the same statements. Only for an executor outside a transaction (the pool): each statement commits
 * on its own. Only requests of one shape share a group, so the statements prepared on each connection are one per
 * shape and group size, not one per mix of shapes.
 */
export async function groupCommit(executor: Executor, write: GroupedWrite): Promise<void> {
  if (write.writes.reduce((count, each) => count + each.values.length, 0) > MAX_VALUES_GROUPED) {
    await fastWriteAll(executor, write.writes);
    return;
  }
  let byShape = groupsByDatabase.get(executor);
  if (!byShape) {
    byShape = new Map();
    groupsByDatabase.set(executor, byShape);
  }
  const shape = writesShape(write.writes);
  let groups = byShape.get(shape);
  if (!groups) {
    groups = new Coalescer((items: readonly GroupedWrite[]) => writeGroup(executor, items), {
      maxBatch: MAX_GROUP, maxInFlight: MAX_IN_FLIGHT, keysOf: (item) => item.keys, batchSizes: GROUP_SIZES,
    });
    byShape.set(shape, groups);
  }
  const outcome = await groups.submit(write);
  if (!outcome.ok) throw outcome.error;
}

async function writeGroup(executor: Executor, items: readonly GroupedWrite[]): Promise<Outcome[]> {
  if (items.length === 1) return [await writeAlone(executor, items[0]!.writes)];
  // A callback's error (after the statement ran) belongs to its own request, as when it runs alone.
  const callbackErrors = new Map<number, unknown>();
  const order = items.map((_, index) => index).sort((a, b) => compareKeys(items[a]!.keys, items[b]!.keys));
  const writes = order.flatMap((index) => items[index]!.writes.map((write) => catchingCallback(write, index, callbackErrors)));
  try {
    await fastWriteAll(executor, writes);
  } catch {
    return Promise.all(items.map((item) => writeAlone(executor, item.writes)));
  }
  return items.map((_, index) => (callbackErrors.has(index) ? { ok: false, error: callbackErrors.get(index) } : OK));
}

async function writeAlone(executor: Executor, writes: readonly FastWrite[]): Promise<Outcome> {
  try {
    await fastWriteAll(executor, writes);
    return OK;
  } catch (error) {
    return { ok: false, error };
  }
}

function catchingCallback(write: FastWrite, index: number, errors: Map<number, unknown>): FastWrite {
  const { onRows } = write;
  if (!onRows) return write;
  return {
    ...write,
    onRows: (rows) => {
      try {
        onRows(rows);
      } catch (error) {
        if (!errors.has(index)) errors.set(index, error);
      }
    },
  };
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  const first = (keys: readonly string[]) => [...keys].sort()[0] ?? '';
  const [x, y] = [first(a), first(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
