import { createHash } from 'node:crypto';
import pg from 'pg';
import { executeRaw, type Executor } from './database.js';

/**
 * Hot-path statements without the query builder: fixed SQL text with `$n` parameters, sent straight to the driver
 * behind a drizzle executor (the pool or the transaction's connection). On PostgreSQL each statement is a named
 * prepared statement (parsed and planned once per connection). Results come back as the driver gives them:
 * timestamptz as Date, bigint and numeric as strings on pg (numbers on PGlite), so callers convert with Number().
 */
export interface FastStatement {
  /** Unique per distinct text: the prepared-statement name on PostgreSQL. */
  readonly name: string;
  readonly text: string;
}

interface DriverClient {
  query(config: { name?: string; text: string; values?: unknown[] } | string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

function driverOf(executor: Executor): { kind: 'pg' | 'pglite'; client: DriverClient } | undefined {
  const client = (executor as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client || typeof (client as DriverClient).query !== 'function') return undefined;
  const isPg = client instanceof pg.Pool || client instanceof pg.Client || (client as { release?: unknown }).release !== undefined;
  return { kind: isPg ? 'pg' : 'pglite', client: client as DriverClient };
}

/**
 * An array of strings as PostgreSQL's array literal, `{"a","b"}`: what the pg driver sends for it, without its two
 * regular-expression replacements and concatenations per element (a batch's lists of 500 claim references, run and
 * step ids); other arrays, and any other value, go to the driver as they are.
 */
function textArrayLiteral(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 0) return '{}';
  let plain = true;
  for (const element of value) {
    if (typeof element !== 'string') return value;
    if (plain && (element.includes('"') || element.includes('\\'))) plain = false;
  }
  if (plain) return `{"${value.join('","')}"}`;
  return `{${value.map((element: string) => `"${element.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

function driverValues(values: unknown[]): unknown[] {
  let converted: unknown[] | undefined;
  for (let index = 0; index < values.length; index++) {
    if (!Array.isArray(values[index])) continue;
    converted ??= [...values];
    converted[index] = textArrayLiteral(values[index]);
  }
  return converted ?? values;
}

export async function fastRows<Row>(executor: Executor, statement: FastStatement, values: unknown[]): Promise<Row[]> {
  const driver = driverOf(executor);
  if (!driver) return (await executeRaw(executor, statement.text, values)) as Row[];
  if (driver.kind === 'pg') return (await driver.client.query({ name: statement.name, text: statement.text, values: driverValues(values) })).rows as Row[];
  return (await driver.client.query(statement.text, values)).rows as Row[];
}

/** The pg driver's text parsers but int8's: a number (Number()) rather than its digits checked by a regular expression. */
const INT8_AS_NUMBER = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format ?? 'text')),
};

/**
 * fastRows for statements answering many rows of many columns: each row an array of its columns in the statement's
 * order (pg then builds no object per row) and int8 as a number (as PGlite gives it), so only for int8 columns whose
 * values stay below 2^53 (ids, minor units). Callers still convert with Number() (a raw drizzle executor gives text).
 */
export async function fastArrayRows(executor: Executor, statement: FastStatement, values: unknown[]): Promise<unknown[][]> {
  const driver = driverOf(executor);
  if (!driver) return (await executeRaw(executor, statement.text, values)).map((row) => Object.values(row as object));
  if (driver.kind === 'pg') {
    const config = { name: statement.name, text: statement.text, values: driverValues(values), rowMode: 'array', types: INT8_AS_NUMBER };
    return (await driver.client.query(config)).rows as unknown[][];
  }
  return (await (driver.client as PgliteClient).query(statement.text, values, { rowMode: 'array' })).rows as unknown[][];
}

interface PgliteClient {
  query(text: string, values: unknown[], options: { rowMode: 'array' }): Promise<{ rows: unknown[] }>;
}

/** One write of a use case, ready to be sent alone or together with others. */
export interface FastWrite {
  readonly statement: FastStatement;
  readonly values: unknown[];
  /**
   * For a write whose statement has RETURNING: called with the rows it returned once the statement ran (sent with
   * others too). A throw fails the caller, so the transaction does not commit (e.g. a row a concurrent writer took).
   */
  readonly onRows?: (rows: Record<string, unknown>[]) => void;
  /**
   * A compare-and-set (a statement with RETURNING): the rows it must return, else the whole statement fails with
   * SQLSTATE 40001 (the `concurrent_change` function) and writes nothing. Checked in the order the writes are given,
   * before the writes without RETURNING run, so a guard on a lock-order row (an account) is taken first.
   */
  readonly expectRows?: number;
}

const combined = new Map<string, FastStatement>();

/** What the combined statement of `writes` is made of (their statements, row callbacks and checks, in order). */
export function writesShape(writes: readonly FastWrite[]): string {
  return writes.map((write) =>
    `${write.statement.name}${write.onRows ? '(rows)' : ''}${write.expectRows === undefined ? '' : `(=${write.expectRows})`}`).join('+');
}

/**
 * Several independent writes of one transaction in one round trip: each becomes a data-modifying CTE of a single
 * statement (PostgreSQL runs every one of them exactly once, on the same snapshot). Only for writes that neither
 * read each other's effects nor need to be ordered among themselves; a failure of any fails the statement.
 */
export async function fastWriteAll(executor: Executor, writes: readonly FastWrite[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1 && writes[0]!.expectRows === undefined) {
    const rows = await fastRows<Record<string, unknown>>(executor, writes[0]!.statement, writes[0]!.values);
    writes[0]!.onRows?.(rows);
    return;
  }
  // A write that wants its rows returns them as one json column r<index> of the single result row.
  const name = writesShape(writes);
  let statement = combined.get(name);
  if (!statement) {
    let offset = 0;
    const parts = writes.map((write, index) => {
      const text = write.statement.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
      offset += write.values.length;
      return `w${index} AS (${text})`;
    });
    const checks = writes.flatMap((write, index) => write.expectRows === undefined
      ? [] : [`WHEN (SELECT count(*) FROM w${index}) <> ${Math.trunc(write.expectRows)} THEN concurrent_change('w${index}')`]);
    const returned = [
      ...(checks.length > 0 ? [`CASE ${checks.join(' ')} ELSE 1 END AS checked`] : []),
      ...writes.flatMap((write, index) => write.onRows ? [`(SELECT coalesce(json_agg(w${index}), '[]'::json) FROM w${index}) AS r${index}`] : []),
    ];
    statement = {
      name: `w:${createHash('sha1').update(name).digest('hex').slice(0, 16)}`,
      text: `WITH ${parts.join(',\n')}\nSELECT ${returned.length > 0 ? returned.join(', ') : '1'}`,
    };
    if (combined.size < 1000) combined.set(name, statement);
  }
  const [row] = await fastRows<Record<string, unknown>>(executor, statement, writes.flatMap((write) => write.values));
  writes.forEach((write, index) => write.onRows?.((row?.[`r${index}`] ?? []) as Record<string, unknown>[]));
}

const GUARD = 'guard';
const INSERT_HEAD = /^\s*INSERT INTO [^(]+\([^)]*\)\s*(?:OVERRIDING SYSTEM VALUE\s+)?/;

/** Index just past the parenthesis that closes the one opening at `open` (parameters and casts only: no quoted text). */
function closingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * `write` made conditional on the guard CTE having returned a row. Supported: a single-row `INSERT … VALUES (…)`
 * (optionally with ON CONFLICT …), and `INSERT … SELECT …` without WHERE (optionally with ORDER BY … or RETURNING …).
 */
function guardedText(text: string): string {
  const condition = `WHERE EXISTS (SELECT 1 FROM ${GUARD})`;
  const head = INSERT_HEAD.exec(text)?.[0];
  const rest = head === undefined ? '' : text.slice(head.length);
  if (head !== undefined && rest.startsWith('VALUES')) {
    const open = rest.indexOf('(');
    const close = closingParenthesis(rest, open);
    const tail = close < 0 ? '' : rest.slice(close).trim();
    if (close > 0 && (tail === '' || tail.startsWith('ON CONFLICT'))) {
      return `${head}SELECT ${rest.slice(open + 1, close - 1)} ${condition}${tail === '' ? '' : ` ${tail}`}`;
    }
  }
  if (head !== undefined && rest.startsWith('SELECT') && !/\bWHERE\b/i.test(rest)) {
    // The condition goes before a trailing ORDER BY (rows numbered in the order given) or RETURNING.
    const tail = rest.search(/\s(ORDER BY|RETURNING)\s/);
    return tail < 0 ? `${head}${rest} ${condition}` : `${head}${rest.slice(0, tail)} ${condition}${rest.slice(tail)}`;
  }
  throw new Error(`fastGuardedWriteAll cannot make this write conditional: ${text.slice(0, 80)}`);
}

function guardedStatement(guard: FastWrite, writes: readonly FastWrite[]): FastStatement {
  const name = [guard, ...writes].map((write) => write.statement.name).join('+') + (guard.onRows ? '(rows)' : '');
  let statement = combined.get(`guarded:${name}`);
  if (statement) return statement;
  let offset = guard.values.length;
  const parts = writes.map((write, index) => {
    const text = guardedText(write.statement.text).replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    offset += write.values.length;
    return `w${index} AS (${text})`;
  });
  const rows = guard.onRows ? `, (SELECT coalesce(json_agg(${GUARD}), '[]'::json) FROM ${GUARD}) AS rows` : '';
  statement = {
    name: `g:${createHash('sha1').update(name).digest('hex').slice(0, 16)}`,
    text: `WITH ${GUARD} AS (${guard.statement.text}),\n${parts.join(',\n')}\nSELECT count(*) AS guarded${rows} FROM ${GUARD}`,
  };
  if (combined.size < 1000) combined.set(`guarded:${name}`, statement);
  return statement;
}

/**
 * A compare-and-set in one statement: `guard` (an UPDATE … RETURNING whose WHERE states the condition) and `writes`
 * (INSERTs) take effect together when the guard changes a row, and none of them does otherwise. Outside a
 * transaction this is atomic on its own. Answers whether the guard held (and so everything was written); a guard with
 * `onRows` (and RETURNING) is then given the rows it returned, as JSON objects (column names; timestamps as ISO text).
 */
export async function fastGuardedWriteAll(executor: Executor, guard: FastWrite, writes: readonly FastWrite[]): Promise<boolean> {
  const statement = guardedStatement(guard, writes);
  const [row] = await fastRows<{ guarded: number | string; rows?: unknown }>(executor, statement, [...guard.values, ...writes.flatMap((write) => write.values)]);
  const guarded = Number(row?.guarded ?? 0) > 0;
  if (guarded && guard.onRows) guard.onRows((typeof row!.rows === 'string' ? JSON.parse(row!.rows) : row!.rows) as Record<string, unknown>[]);
  return guarded;
}
