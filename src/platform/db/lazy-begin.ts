import pg from 'pg';

/*
 * A transaction's BEGIN sent in one round trip with its first statement. drizzle opens a transaction by awaiting
 * `begin` on its own: a round trip that carries nothing, whose socket write and wake-up cost the service and
 * PostgreSQL about as much CPU as a real statement's (a servicing ledger write made five round trips, one of them
 * this). With `deferBegin` installed on a pool's clients, `begin` is answered at once and held; the transaction's first
 * statement then goes out as BEGIN and that statement in one extended-protocol pipeline (Parse/Bind/Execute of
 * BEGIN, then the statement's own messages and one Sync), so PostgreSQL runs both and answers once. A `commit` or
 * `rollback` while BEGIN is still held ends a transaction that ran nothing and is answered at once too. Anything this
 * cannot pipeline (a callback or a custom Submittable) gets BEGIN queued ahead of it, as before.
 */

type QueryCallback = (error: Error | null, result: unknown) => void;
interface DriverConnection {
  parse(query: { text: string; name?: string }): void;
  bind(config: Record<string, unknown>): void;
  execute(config: Record<string, unknown>): void;
}

const QueryBase = pg.Query as unknown as new (config: unknown, values?: unknown, callback?: QueryCallback) => {
  prepare(connection: DriverConnection): void;
};

/** pg's Query preceded by BEGIN on the unnamed statement and portal, without a Sync in between. */
class BeginThenQuery extends QueryBase {
  requiresPreparation(): boolean {
    return true;
  }

  override prepare(connection: DriverConnection): void {
    connection.parse({ text: 'BEGIN', name: '' });
    connection.bind({});
    connection.execute({ portal: '', rows: 0 });
    super.prepare(connection);
  }
}

const HELD_RESULT = Object.freeze({ command: 'BEGIN', rowCount: null, rows: [], fields: [] });

function bareCommand(config: unknown, values: unknown, callback: unknown): string | undefined {
  if (typeof config !== 'object' || config === null || callback !== undefined) return undefined;
  const { text, values: configValues, submit } = config as { text?: unknown; values?: unknown[]; submit?: unknown };
  if (typeof text !== 'string' || submit !== undefined) return undefined;
  if ((Array.isArray(values) && values.length > 0) || (values !== undefined && !Array.isArray(values))) return undefined;
  if (Array.isArray(configValues) && configValues.length > 0) return undefined;
  return text.trim().toLowerCase();
}

/** Makes the client hold a transaction's `begin` until its first statement, and send the two in one round trip. */
export function deferBegin(client: pg.PoolClient | pg.Client): void {
  const send = client.query.bind(client) as (config: unknown, values?: unknown, callback?: unknown) => unknown;
  let held = false;
  const query = (config: unknown, values?: unknown, callback?: unknown): unknown => {
    const command = bareCommand(config, values, callback);
    if (!held) {
      if (command !== 'begin') return send(config, values, callback);
      held = true;
      return Promise.resolve(HELD_RESULT);
    }
    held = false;
    if (command === 'commit' || command === 'rollback') return Promise.resolve({ ...HELD_RESULT, command: command.toUpperCase() });
    const pipelined = typeof config === 'object' && config !== null && typeof (config as { text?: unknown }).text === 'string'
      && typeof (config as { submit?: unknown }).submit !== 'function' && callback === undefined && typeof values !== 'function';
    if (!pipelined) {
      // pg sends queued queries in order: BEGIN goes ahead of this one (its failure shows in the statement after).
      (send('BEGIN') as Promise<unknown>).catch(() => undefined);
      return send(config, values, callback);
    }
    return new Promise((resolve, reject) => {
      send(new BeginThenQuery(config, values, (error, result) => {
        if (error) reject(error);
        // Two results, BEGIN's and the statement's: the caller asked for the statement's.
        else resolve(Array.isArray(result) ? result[result.length - 1] : result);
      }));
    });
  };
  (client as unknown as { query: typeof query }).query = query;
}
