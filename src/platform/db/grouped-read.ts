import { Coalescer } from './coalescer.js';
import type { Executor } from './database.js';
import { fastRows, type FastStatement } from './fast-query.js';
import { GROUP_SIZES } from './group-commit.js';

/*
 * The read side of group commit: concurrent runs of the same read statement, each outside a transaction (on the pool),
 * go out as one statement under load: `SELECT 0 AS group_index, q.* FROM (<read with the first request's values>) q
 * UNION ALL SELECT 1, q.* FROM (<the same read with the second's>) q …`, one prepared statement per group size. Each
 * request gets the rows its own run would have given (all from one snapshot, which is what an unlocked read outside
 * a transaction may see anyway). A failed group runs each request's read alone, so an error is its own request's.
 */

const MAX_GROUP = 16;
/** Two groups at once: reads hold no locks, and a group forms while the last one runs. */
const MAX_IN_FLIGHT = 2;
const INDEX = 'group_index';

type Rows = Record<string, unknown>[];
type Outcome = { readonly ok: true; readonly rows: Rows } | { readonly ok: false; readonly error: unknown };

const readsByDatabase = new WeakMap<Executor, Map<string, Coalescer<unknown[], Outcome>>>();
const groupedStatements = new Map<string, FastStatement>();

/** `fastRows` of a statement run outside a transaction, grouped with concurrent runs of the same statement. */
export async function groupedRead<Row>(executor: Executor, statement: FastStatement, values: unknown[]): Promise<Row[]> {
  let reads = readsByDatabase.get(executor);
  if (!reads) {
    reads = new Map();
    readsByDatabase.set(executor, reads);
  }
  let group = reads.get(statement.name);
  if (!group) {
    group = new Coalescer((batch: readonly unknown[][]) => readGroup(executor, statement, batch), { maxBatch: MAX_GROUP, maxInFlight: MAX_IN_FLIGHT, batchSizes: GROUP_SIZES });
    reads.set(statement.name, group);
  }
  const outcome = await group.submit(values);
  if (!outcome.ok) throw outcome.error;
  return outcome.rows as Row[];
}

async function readGroup(executor: Executor, statement: FastStatement, batch: readonly unknown[][]): Promise<Outcome[]> {
  const width = batch[0]!.length;
  if (batch.length === 1 || batch.some((values) => values.length !== width)) return Promise.all(batch.map((values) => readAlone(executor, statement, values)));
  let rows: Rows;
  try {
    rows = await fastRows<Record<string, unknown>>(executor, groupedStatement(statement, batch.length, width), batch.flat());
  } catch {
    return Promise.all(batch.map((values) => readAlone(executor, statement, values)));
  }
  const answers: Rows[] = batch.map(() => []);
  for (const { [INDEX]: index, ...row } of rows) answers[Number(index)]!.push(row);
  return answers.map((answer) => ({ ok: true, rows: answer }));
}

async function readAlone(executor: Executor, statement: FastStatement, values: unknown[]): Promise<Outcome> {
  try {
    return { ok: true, rows: await fastRows<Record<string, unknown>>(executor, statement, values) };
  } catch (error) {
    return { ok: false, error };
  }
}

function groupedStatement(statement: FastStatement, size: number, width: number): FastStatement {
  const key = `${statement.name}*${size}`;
  let grouped = groupedStatements.get(key);
  if (!grouped) {
    const parts = Array.from({ length: size }, (_, index) => {
      const text = statement.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + index * width}`);
      return `SELECT ${index} AS ${INDEX}, q.* FROM (${text}) AS q`;
    });
    grouped = { name: key, text: parts.join('\nUNION ALL\n') };
    groupedStatements.set(key, grouped);
  }
  return grouped;
}
