/*
 * Bulk writes (one statement for a batch's rows, fast-query.ts) send their rows as one jsonb parameter of keyless
 * arrays, `[[v0, v1, …], …]`, read with `jsonb_array_elements($n::jsonb) AS a(m)` and `m->>0`, `(m->>1)::uuid`, `m->2`
 * (jsonb), …, rather than as objects read by `jsonb_to_recordset`: PostgreSQL parses the parameter at Bind, and for
 * objects it also parses every key and sorts each object's keys (half of a flat row's bytes, and about a third of
 * what its insert cost in isolation: 833 collections messages 19.5 → 12.3 ms of CPU). A column whose value every row
 * shares (the tenant, the batch's time) goes once as a parameter instead of once a row: see `shared`.
 */

/**
 * The value every row has for a column (by `get`), or null when they differ (or there are none): then each row
 * carries its own (`own`). The SQL reads such a column as `coalesce(m->>k, $p)`: either every row has it and `$p` is
 * null, or no row has it and `$p` holds the shared value.
 */
export function shared<Row, Value>(rows: readonly Row[], get: (row: Row) => Value): Value | null {
  if (rows.length === 0) return null;
  const first = get(rows[0]!);
  const key = comparable(first);
  for (let index = 1; index < rows.length; index++) if (comparable(get(rows[index]!)) !== key) return null;
  return first ?? null;
}

/** A row's own value of a column unless the column is `shared` (then null: the statement's parameter stands for it). */
export function own<Value>(sharedValue: unknown, value: Value): Value | null {
  return sharedValue === null ? value : null;
}

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.getTime() : value;
}

/** A `shared` value as the statement's parameter: an instant as its ISO-8601 text, as JSON.stringify writes the rows' own. */
export function sharedParameter<Value>(value: Value): Exclude<Value, Date> | string {
  return value instanceof Date ? value.toISOString() : (value as Exclude<Value, Date>);
}
