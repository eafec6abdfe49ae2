// Case numbers drawn ahead for the creations written in one statement (create-case-in-one-statement.ts), so that such
// a creation needs no read before its write: under load one draw serves the creations of the next ~50 ms.
import type { Executor } from '../platform/db/database.js';
import { fastRows, type FastStatement } from '../platform/db/fast-query.js';

const DRAW: FastStatement = {
  name: 'nonpayment_case_numbers_draw',
  text: `SELECT nextval(pg_get_serial_sequence('nonpayment_cases', 'case_number')) AS n FROM generate_series(1, $1::integer)`,
};

/** The window over which the creation rate is counted; a draw covers about as many creations as the last one had. */
const WINDOW_MS = 50;
const MAX_DRAW = 32;
/**
 * Decision: a number drawn more than this long ago is not handed out (it is left as a gap, as a refused creation
 * leaves one), so that a case's number is never much older than its creation: cases created by another process or
 * by the transaction meanwhile may take higher numbers, but only within this second, as concurrent creations could.
 */
const MAX_AGE_MS = 1000;

class CaseNumberPool {
  #numbers: number[] = [];
  #drawnAt = 0;
  #windowStart = 0;
  #takenInWindow = 0;
  #takenInLastWindow = 0;

  async take(db: Executor): Promise<number> {
    const now = performance.now();
    this.#count(now);
    if (now - this.#drawnAt > MAX_AGE_MS) this.#numbers = [];
    const pooled = this.#numbers.shift();
    if (pooled !== undefined) return pooled;
    const size = Math.min(MAX_DRAW, Math.max(1, this.#takenInLastWindow));
    const drawn = (await fastRows<{ n: number | string }>(db, DRAW, [size])).map((row) => Number(row.n)).sort((a, b) => a - b);
    const [first, ...rest] = drawn;
    this.#numbers.push(...rest);
    this.#numbers.sort((a, b) => a - b);
    this.#drawnAt = performance.now();
    return first!;
  }

  /** A number taken but not written (the creation was refused or left to the transaction): the next creation takes it. */
  giveBack(caseNumber: number): void {
    if (performance.now() - this.#drawnAt <= MAX_AGE_MS) this.#numbers.unshift(caseNumber);
  }

  #count(now: number): void {
    if (now - this.#windowStart >= WINDOW_MS) {
      this.#takenInLastWindow = now - this.#windowStart < 2 * WINDOW_MS ? this.#takenInWindow : 0;
      this.#windowStart = now;
      this.#takenInWindow = 0;
    }
    this.#takenInWindow += 1;
  }
}

const pools = new WeakMap<object, CaseNumberPool>();

/** The case-number pool of a database (the service's pool of connections; one sequence per database). */
export function caseNumberPool(db: Executor): CaseNumberPool {
  let pool = pools.get(db);
  if (!pool) {
    pool = new CaseNumberPool();
    pools.set(db, pool);
  }
  return pool;
}
