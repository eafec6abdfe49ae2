import type { Executor } from '../../../platform/db/database.js';
import { fastRows, type FastStatement, type FastWrite } from '../../../platform/db/fast-query.js';
import { own, shared } from '../../../platform/db/row-arrays.js';
import type { RunPosition, RunState } from '../../domain/strategy/interpreter.js';
import type { RunLogEntryRow } from '../../schema/runs.js';

/*
 * The runs' queries (tenant id first). Batch reads and writes are one statement each with one jsonb or array
 * parameter, so a sweep batch of 500 runs costs a handful of round trips.
 */

export interface RunRow {
  claimReference: string;
  runNo: number;
  debtorKey: string | null;
  strategyKey: string;
  strategyVersion: number;
  position: RunPosition;
  state: RunState;
  startedByEvent: number | null;
}

interface RawRun {
  claim_reference: string;
  run_no: number;
  debtor_key: string | null;
  strategy_key: string;
  strategy_version: number;
  position: RunPosition;
  state: RunState;
  started_by_event: string | number | null;
}

const LOAD_RUNS: FastStatement = {
  name: 'collections_runs_load',
  text: `SELECT claim_reference, run_no, debtor_key, strategy_key, strategy_version, position, state, started_by_event
    FROM collections_runs WHERE tenant_id = $1 AND claim_reference = ANY($2::text[]) ORDER BY claim_reference`,
};

const LOCK_RUNS: FastStatement = { name: 'collections_runs_lock', text: `${LOAD_RUNS.text} FOR UPDATE` };

/** The runs of these claims (locked FOR UPDATE in reference order with `lock`). */
export async function loadRuns(db: Executor, tenantId: string, claimReferences: readonly string[], lock: boolean): Promise<Map<string, RunRow>> {
  if (claimReferences.length === 0) return new Map();
  const rows = await fastRows<RawRun>(db, lock ? LOCK_RUNS : LOAD_RUNS, [tenantId, [...new Set(claimReferences)]]);
  return new Map(rows.map((row) => [row.claim_reference, {
    claimReference: row.claim_reference, runNo: Number(row.run_no), debtorKey: row.debtor_key, strategyKey: row.strategy_key,
    strategyVersion: Number(row.strategy_version), position: row.position, state: row.state,
    startedByEvent: row.started_by_event === null ? null : Number(row.started_by_event),
  }]));
}

/** A run's row after a decision (or a start). */
export interface RunWrite {
  claimReference: string;
  runNo: number;
  debtorKey: string | null;
  strategyKey: string;
  strategyVersion: number;
  position: RunPosition;
  dueAt: string | null;
  stopDescription?: string | null;
  startedByEvent?: number | null;
}

const UPSERT_RUNS: FastStatement = {
  name: 'collections_runs_upsert_rows',
  text: `INSERT INTO collections_runs (tenant_id, claim_reference, run_no, debtor_key, strategy_key, strategy_version, position, state,
      paused_until, stop_reason, stop_description, due_at, started_by_event, created_at, updated_at)
    SELECT $1::uuid, r->>0, (r->>1)::integer, r->>2, r->>3, (r->>4)::integer, r->5, r->>6, (r->>7)::timestamptz, r->>8, r->>9,
      (r->>10)::timestamptz, (r->>11)::bigint, $2::timestamptz, $2::timestamptz
    FROM jsonb_array_elements($3::jsonb) AS a(r)
    ON CONFLICT (tenant_id, claim_reference) DO UPDATE SET run_no = excluded.run_no, debtor_key = excluded.debtor_key,
      strategy_key = excluded.strategy_key, strategy_version = excluded.strategy_version, position = excluded.position, state = excluded.state,
      paused_until = excluded.paused_until, stop_reason = excluded.stop_reason,
      stop_description = coalesce(excluded.stop_description, collections_runs.stop_description),
      due_at = excluded.due_at, started_by_event = coalesce(excluded.started_by_event, collections_runs.started_by_event),
      updated_at = excluded.updated_at`,
};

/**
 * Writes runs (new or changed) in one statement, each as a keyless array (row-arrays.ts); the state, pause and stop
 * reason columns are the position's fields, sent beside it rather than extracted from it for each column.
 */
export function runsWrite(tenantId: string, now: Date, runs: readonly RunWrite[]): FastWrite {
  const payload = runs.map((run) => [
    run.claimReference, run.runNo, run.debtorKey, run.strategyKey, run.strategyVersion, run.position, run.position.state ?? null,
    run.position.pausedUntil ?? null, run.position.stopReason ?? null, run.stopDescription ?? null, run.dueAt, run.startedByEvent ?? null,
  ]);
  return { statement: UPSERT_RUNS, values: [tenantId, now.toISOString(), JSON.stringify(payload)] };
}

export interface RunEventRow {
  claimReference: string;
  runNo: number;
  at: string;
  kind: string;
  stepId: string | null;
  reason: string | null;
  action: Record<string, unknown> | null;
  debtorKey: string | null;
}

const INSERT_RUN_EVENTS: FastStatement = {
  name: 'collections_run_firings_insert_rows',
  text: `INSERT INTO collections_run_events (tenant_id, claim_reference, run_no, at, kind, entries, debtor_key, recorded_at)
    SELECT $1::uuid, e->>0, (e->>1)::integer, coalesce((e->>2)::timestamptz, $4::timestamptz), 'firing', e->3, e->>4, $2::timestamptz
    FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS a(e, n)
    ORDER BY a.n`,
};

/**
 * Appends the log lines of a firing as one row per run (its lines and actions in order in `entries`; the runs in the
 * order of their first line), in one statement: keyless arrays, the firings' time once when they share it
 * (row-arrays.ts).
 */
export function runEventsWrite(tenantId: string, now: Date, rows: readonly RunEventRow[]): FastWrite {
  const firings = new Map<string, { claimReference: string; runNo: number; at: string; entries: RunLogEntryRow[]; debtorKey: string | null }>();
  for (const row of rows) {
    const key = `${row.claimReference}#${row.runNo}`;
    let firing = firings.get(key);
    if (!firing) {
      firing = { claimReference: row.claimReference, runNo: row.runNo, at: row.at, entries: [], debtorKey: null };
      firings.set(key, firing);
    }
    if (row.at > firing.at) firing.at = row.at;
    if (row.debtorKey !== null) firing.debtorKey = row.debtorKey;
    firing.entries.push(entryOf(row));
  }
  const list = [...firings.values()];
  const at = shared(list, (firing) => firing.at);
  const payload = list.map((firing) => [firing.claimReference, firing.runNo, own(at, firing.at), firing.entries, firing.debtorKey]);
  return { statement: INSERT_RUN_EVENTS, values: [tenantId, now.toISOString(), JSON.stringify(payload), at] };
}

/** A line as a firing stores it: its nulls left out. */
function entryOf(row: RunEventRow): RunLogEntryRow {
  const entry: RunLogEntryRow = { at: row.at, kind: row.kind };
  if (row.stepId !== null) entry.stepId = row.stepId;
  if (row.reason !== null) entry.reason = row.reason;
  if (row.action !== null) entry.action = row.action;
  return entry;
}

/** A stored log row (a firing, or an older one-line row) as it is read. */
export interface StoredRunLogRow {
  claimReference: string;
  runNo: number;
  at: Date;
  kind: string;
  stepId: string | null;
  reason: string | null;
  action: Record<string, unknown> | null;
  entries: RunLogEntryRow[] | null;
}

/** The log's lines, in order, of stored rows (read in id order): a firing's entries one by one, an older row as it is. */
export function runLogLines(rows: readonly StoredRunLogRow[]): Omit<StoredRunLogRow, 'entries'>[] {
  return rows.flatMap(({ entries, ...row }) => (entries === null ? [row] : entries.map((entry) => ({
    claimReference: row.claimReference, runNo: row.runNo, at: new Date(entry.at), kind: entry.kind,
    stepId: entry.stepId ?? null, reason: entry.reason ?? null, action: entry.action ?? null,
  }))));
}

/*
 * One probe of the partial index collections_run_events_debtor_sends (tenant, debtor, at WHERE debtor_key is not
 * null) per debtor: the LATERAL keeps the planner from reading every send of the tenant since `$3` and filtering on
 * the debtor afterwards, which it did for `debtor_key = ANY($2)` whenever the table had no statistics yet (1-4 s a
 * batch at 100k). A firing's `at` is its last line's, so it is at or after each of its sends; its sends since `$3`
 * are then taken from its entries. An older row with a debtor is one send at its `at`.
 */
const RECENT_SENDS: FastStatement = {
  name: 'collections_recent_sends',
  text: `SELECT d.debtor_key, s.at FROM unnest($2::text[]) AS d(debtor_key)
    CROSS JOIN LATERAL (SELECT at, entries FROM collections_run_events
      WHERE tenant_id = $1 AND debtor_key = d.debtor_key AND at > $3::timestamptz OFFSET 0) AS e
    CROSS JOIN LATERAL (SELECT e.at WHERE e.entries IS NULL
      UNION ALL SELECT (x->>'at')::timestamptz FROM jsonb_array_elements(e.entries) AS x
      WHERE x->>'kind' = 'send' AND (x->>'at')::timestamptz > $3::timestamptz) AS s(at)
    ORDER BY s.at`,
};

/** Messages sent to these debtors since `since` (the weekly contact cap), by debtor. */
export async function recentSends(db: Executor, tenantId: string, debtorKeys: readonly string[], since: Date): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (debtorKeys.length === 0) return result;
  const rows = await fastRows<{ debtor_key: string; at: Date | string }>(db, RECENT_SENDS, [tenantId, [...new Set(debtorKeys)], since.toISOString()]);
  for (const row of rows) {
    const list = result.get(row.debtor_key) ?? [];
    list.push(new Date(row.at).toISOString());
    result.set(row.debtor_key, list);
  }
  return result;
}

const HOLIDAYS: FastStatement = { name: 'collections_holidays_of', text: 'SELECT day FROM collections_holidays WHERE tenant_id = $1' };

export async function tenantHolidays(db: Executor, tenantId: string): Promise<Set<string>> {
  const rows = await fastRows<{ day: string }>(db, HOLIDAYS, [tenantId]);
  return new Set(rows.map((row) => row.day));
}

const ADD_HOLIDAYS: FastStatement = {
  name: 'collections_holidays_add',
  text: `INSERT INTO collections_holidays (tenant_id, day, name) SELECT $1::uuid, h.day, h.name
    FROM jsonb_to_recordset($2::jsonb) AS h(day text, name text) ON CONFLICT (tenant_id, day) DO UPDATE SET name = excluded.name`,
};

export async function addHolidays(db: Executor, tenantId: string, days: readonly { day: string; name?: string }[]): Promise<void> {
  await fastRows(db, ADD_HOLIDAYS, [tenantId, JSON.stringify(days.map((day) => ({ day: day.day, name: day.name ?? null })))]);
}

export const RUN_LOG: FastStatement = {
  name: 'collections_run_log',
  text: `SELECT claim_reference, run_no, at, kind, step_id, reason, action, entries FROM collections_run_events WHERE tenant_id = $1 AND claim_reference = $2 ORDER BY id`,
};

export interface RunLogRow {
  runNo: number;
  at: string;
  kind: string;
  stepId: string | null;
  reason: string | null;
  action: Record<string, unknown> | null;
}

/** A claim's run log, oldest first, a line per decision and per action. */
export async function runLog(db: Executor, tenantId: string, claimReference: string): Promise<RunLogRow[]> {
  const rows = await fastRows<{ claim_reference: string; run_no: number; at: Date | string; kind: string; step_id: string | null; reason: string | null;
    action: Record<string, unknown> | null; entries: RunLogEntryRow[] | null }>(db, RUN_LOG, [tenantId, claimReference]);
  const lines = runLogLines(rows.map((row) => ({
    claimReference: row.claim_reference, runNo: Number(row.run_no), at: new Date(row.at), kind: row.kind, stepId: row.step_id, reason: row.reason,
    action: row.action, entries: row.entries,
  })));
  return lines.map((line) => ({ runNo: line.runNo, at: line.at.toISOString(), kind: line.kind, stepId: line.stepId, reason: line.reason, action: line.action }));
}
